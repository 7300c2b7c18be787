import { describe, expect, it } from "vitest";
import { keepWasmOnBaselineTier, PGLITE_WASM_FLAGS } from "./client";

describe("the embedded database's WebAssembly tier", () => {
  it("turns off both kinds of tier-up, so PGlite never recompiles with the optimizing compiler", () => {
    const set: string[] = [];
    keepWasmOnBaselineTier((flag) => set.push(flag));
    expect(set).toEqual(["--no-wasm-dynamic-tiering", "--no-wasm-tier-up"]);
    expect(set).toEqual([...PGLITE_WASM_FLAGS]);
  });

  it("accepts the flags in this Node (an unknown flag would be ignored silently, so check they exist)", async () => {
    const { execFileSync } = await import("node:child_process");
    const options = execFileSync(process.execPath, ["--v8-options"], { encoding: "utf8" });
    for (const flag of PGLITE_WASM_FLAGS) expect(options).toContain(flag.replace("--no-", "--"));
  });
});
