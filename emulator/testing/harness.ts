import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from "../server";

export interface TestEmulator extends RunningEmulator {
  dataDir: string;
  admin<T = Record<string, unknown>>(method: string, p: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export function tempDir(prefix = "emu-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Starts an emulator on free ports with a fresh temp data dir (or the one given). */
export async function startTestEmulator(opts: Partial<StartEmulatorOptions> = {}): Promise<TestEmulator> {
  const dataDir = opts.dataDir ?? tempDir();
  const emu = await startEmulator({ basePort: 0, seed: "demo", ...opts, dataDir });
  return {
    ...emu,
    dataDir,
    async admin<T>(method: string, p: string, body?: unknown): Promise<T> {
      const res = await fetch(emu.urls.admin + p, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await res.json()) as T;
    },
    async stop() {
      await emu.close();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
