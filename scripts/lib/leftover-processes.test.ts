import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  findLeftovers, isInside, killLeftovers, parseStat, processKey, readProcesses, settleLeftovers, type ProcessInfo,
} from "./leftover-processes";

const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "leftovers-"));
  tmp.push(d);
  return d;
}

function proc(pid: number, ppid: number, cwd: string | null, extra: Partial<ProcessInfo> = {}): ProcessInfo {
  return { pid, ppid, startTime: 1000 + pid, cwd, command: `cmd-${pid}`, environ: [], ...extra };
}

describe("parseStat", () => {
  it("reads ppid and start time even when the command name holds spaces and parentheses", () => {
    const stat = "4242 (node (x) y) S 17 4242 4242 0 -1 4194560 1 0 0 0 2 1 0 0 20 0 11 0 987654 1000 20 1 2";
    expect(parseStat(stat)).toEqual({ state: "S", ppid: 17, startTime: 987654 });
  });
});

describe("isInside", () => {
  it("counts the checkout and its subfolders, not a sibling whose name starts the same", () => {
    expect(isInside("/work/wt-d", "/work/wt-d")).toBe(true);
    expect(isInside("/work/wt-d/.next/server", "/work/wt-d/")).toBe(true);
    expect(isInside("/work/wt-d2", "/work/wt-d")).toBe(false);
    expect(isInside("/work/wt-e", "/work/wt-d")).toBe(false);
    expect(isInside("/work", "/work/wt-d")).toBe(false);
  });
});

describe("findLeftovers", () => {
  const repoRoot = "/work/wt-d";
  const marker = "TEST_ALL_RUN=77-1";
  // init(1) → shell(10) → npm(20) → test-all(30); the runner's own esbuild (31) predates the run.
  const base = [
    proc(1, 0, "/"), proc(10, 1, "/work/wt-d"), proc(20, 10, "/work/wt-d"), proc(30, 20, "/work/wt-d", { environ: [marker] }),
    proc(31, 30, "/work/wt-d"),
  ];
  const before = new Set(base.map(processKey));

  it("flags nothing for the runner, its ancestors and what ran before it", () => {
    expect(findLeftovers(base, { before: new Set(), repoRoot, selfPid: 30, marker }).map((p) => p.pid)).toEqual([31]);
    expect(findLeftovers(base, { before, repoRoot, selfPid: 30, marker })).toEqual([]);
  });

  it("flags an orphan working in the checkout, a marked process elsewhere and a live descendant", () => {
    const now = [
      ...base,
      proc(40, 1, "/work/wt-d/emulator"), // re-parented to init after its wrapper died
      proc(41, 1, "/tmp", { environ: ["PATH=/bin", marker] }),
      proc(42, 30, "/tmp"),
    ];
    const found = findLeftovers(now, { before, repoRoot, selfPid: 30, marker });
    expect(found.map((p) => [p.pid, p.reason])).toEqual([[40, "cwd"], [41, "marked"], [42, "descendant"]]);
  });

  it("ignores other worktrees, unreadable processes and other runs, but not a reused pid", () => {
    const now = [
      ...base.filter((p) => p.pid !== 31),
      proc(50, 1, "/work/wt-d2"),
      proc(51, 1, "/work/main", { environ: ["TEST_ALL_RUN=99-2"] }),
      proc(52, 1, null),
      proc(31, 1, "/work/wt-d", { startTime: 5 }), // the runner's esbuild exited and its pid went to an orphan
    ];
    const found = findLeftovers(now, { before, repoRoot, selfPid: 30, marker });
    expect(found.map((p) => [p.pid, p.startTime])).toEqual([[31, 5]]);
  });
});

describe("readProcesses", () => {
  it("reads pid, parent, cwd, command and environment, skipping zombies and non-process entries", () => {
    const root = tempDir();
    const add = (pid: number, state: string, cwd: string) => {
      const d = path.join(root, String(pid));
      fs.mkdirSync(d);
      fs.writeFileSync(path.join(d, "stat"), `${pid} (n) ${state} 1 ${pid} ${pid} 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 ${pid * 10} 1 1`);
      fs.writeFileSync(path.join(d, "cmdline"), "node\0emulator/main.ts\0");
      fs.writeFileSync(path.join(d, "environ"), "A=1\0B=2\0");
      fs.symlinkSync(cwd, path.join(d, "cwd"));
    };
    add(7, "S", "/work/wt-d");
    add(8, "Z", "/work/wt-d");
    fs.mkdirSync(path.join(root, "self"));
    expect(readProcesses(root)).toEqual([
      { pid: 7, ppid: 1, startTime: 70, cwd: "/work/wt-d", command: "node emulator/main.ts", environ: ["A=1", "B=2"] },
    ]);
  });
});

describe.runIf(fs.existsSync("/proc/self/stat"))("on this machine", () => {
  it("finds an orphan by its cwd and a child by its marker, then kills both", async () => {
    const repoRoot = tempDir();
    const marker = `TEST_ALL_RUN=test-${process.pid}-${Date.now()}`;
    const before = new Set(readProcesses().map(processKey));
    // The shell exits at once; its sleep lives on with no parent of ours, like an emulator behind a killed wrapper.
    const orphan = spawnSync("sh", ["-c", "sleep 60 >/dev/null 2>&1 & echo $!"], { cwd: repoRoot, encoding: "utf8" });
    const orphanPid = Number(orphan.stdout.trim());
    const child = spawn("sleep", ["60"], { cwd: os.tmpdir(), env: { ...process.env, TEST_ALL_RUN: marker.split("=")[1] }, stdio: "ignore" });
    const exited = new Promise((r) => child.once("exit", r));

    const scope = { before, repoRoot, selfPid: process.pid, marker };
    const found = (await settleLeftovers(scope, 300)).filter((p) => p.reason !== "descendant" || p.pid === child.pid);
    expect(found.map((p) => [p.pid, p.reason]).sort()).toEqual([[child.pid, "marked"], [orphanPid, "cwd"]].sort());

    await killLeftovers(found);
    await exited;
    expect((await settleLeftovers(scope, 0)).filter((p) => [orphanPid, child.pid].includes(p.pid))).toEqual([]);
  });
});
