/**
 * Finds processes a test run started and left running (an emulator whose wrapper was killed, a server
 * a spec forgot to stop). Linux only: it reads /proc, which is where `npm test` runs.
 */
import fs from "node:fs";
import path from "node:path";

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Clock ticks since boot when the process started: with the pid, it names one process even if the pid is reused. */
  startTime: number;
  /** Working directory, or null when it cannot be read (another user's process, or one that just exited). */
  cwd: string | null;
  command: string;
  /** The environment the process started with; empty when it cannot be read. */
  environ: string[];
}

export interface Leftover extends ProcessInfo {
  reason: "marked" | "descendant" | "cwd";
}

export interface LeftoverScope {
  /** Processes that existed before the run started (keys from processKey): never counted. */
  before: ReadonlySet<string>;
  /** The checkout the run belongs to; a process counts when its cwd is this folder or inside it. */
  repoRoot: string;
  /** The test runner itself: neither it nor its ancestors (npm, the shell) count. */
  selfPid: number;
  /** An `NAME=value` entry the runner put in its children's environment; descendants inherit it. */
  marker?: string;
}

export function processKey(p: Pick<ProcessInfo, "pid" | "startTime">): string {
  return `${p.pid}:${p.startTime}`;
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** Parses /proc/<pid>/stat; the command name in parentheses may itself contain spaces and ")". */
export function parseStat(stat: string): { state: string; ppid: number; startTime: number } | null {
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // After "pid (comm) " the fields are: state(3) ppid(4) ... starttime(22); rest[0] is field 3.
  const [state = "", ppid, startTime] = [rest[0], Number(rest[1]), Number(rest[19])];
  return state && Number.isInteger(ppid) && Number.isInteger(startTime) ? { state, ppid, startTime } : null;
}

export function readProcesses(procRoot = "/proc"): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const entry of fs.readdirSync(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    const dir = path.join(procRoot, entry);
    const stat = readOrNull(path.join(dir, "stat"));
    const parsed = stat ? parseStat(stat) : null;
    // Gone while we looked, or a zombie: exited already, only waiting for its parent to read the status.
    if (!parsed || parsed.state === "Z") continue;
    let cwd: string | null = null;
    try {
      cwd = fs.readlinkSync(path.join(dir, "cwd"));
    } catch {
      cwd = null;
    }
    const command = (readOrNull(path.join(dir, "cmdline")) ?? "").split("\0").filter(Boolean).join(" ");
    const environ = (readOrNull(path.join(dir, "environ")) ?? "").split("\0").filter(Boolean);
    out.push({ pid: Number(entry), ppid: parsed.ppid, startTime: parsed.startTime, cwd, command, environ });
  }
  return out;
}

export function isInside(dir: string, root: string): boolean {
  const r = root.replace(/\/+$/, "");
  return dir === r || dir.startsWith(`${r}/`);
}

function ancestorsOf(pid: number, byPid: Map<number, ProcessInfo>): Set<number> {
  const seen = new Set<number>();
  for (let p = byPid.get(pid); p && !seen.has(p.ppid) && p.ppid > 0; p = byPid.get(p.ppid)) seen.add(p.ppid);
  return seen;
}

function descendantsOf(pid: number, all: ProcessInfo[]): Set<number> {
  const found = new Set<number>();
  let frontier = [pid];
  while (frontier.length > 0) {
    const next = all.filter((p) => frontier.includes(p.ppid) && !found.has(p.pid)).map((p) => p.pid);
    next.forEach((p) => found.add(p));
    frontier = next;
  }
  return found;
}

/**
 * Processes started since `before` that belong to this run: they carry its marker, descend from the
 * runner, or work inside the checkout. Orphans are re-parented away from the runner, hence the other two.
 */
export function findLeftovers(now: ProcessInfo[], scope: LeftoverScope): Leftover[] {
  const byPid = new Map(now.map((p) => [p.pid, p]));
  const excluded = ancestorsOf(scope.selfPid, byPid).add(scope.selfPid);
  const descendants = descendantsOf(scope.selfPid, now);
  const leftovers: Leftover[] = [];
  for (const p of now) {
    if (excluded.has(p.pid) || scope.before.has(processKey(p))) continue;
    const reason = scope.marker && p.environ.includes(scope.marker) ? "marked"
      : descendants.has(p.pid) ? "descendant"
      : p.cwd !== null && isInside(p.cwd, scope.repoRoot) ? "cwd"
      : null;
    if (reason) leftovers.push({ ...p, reason });
  }
  return leftovers;
}

function alive(p: ProcessInfo, procRoot: string): boolean {
  const stat = readOrNull(path.join(procRoot, String(p.pid), "stat"));
  const parsed = stat ? parseStat(stat) : null;
  return parsed !== null && parsed.startTime === p.startTime && parsed.state !== "Z";
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits up to `graceMs` for leftovers to exit by themselves (servers shutting down), then lists the rest. */
export async function settleLeftovers(scope: LeftoverScope, graceMs = 3000, procRoot = "/proc"): Promise<Leftover[]> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    const found = findLeftovers(readProcesses(procRoot), scope);
    if (found.length === 0 || Date.now() >= deadline) return found;
    await sleep(200);
  }
}

/** SIGTERM, then SIGKILL for whatever still runs, so a leak fails the run instead of hanging CI. */
export async function killLeftovers(leftovers: ProcessInfo[], procRoot = "/proc"): Promise<void> {
  const signal = (p: ProcessInfo, s: NodeJS.Signals) => {
    if (!alive(p, procRoot)) return;
    try {
      process.kill(p.pid, s);
    } catch {
      // already gone
    }
  };
  leftovers.forEach((p) => signal(p, "SIGTERM"));
  const deadline = Date.now() + 2000;
  while (leftovers.some((p) => alive(p, procRoot)) && Date.now() < deadline) await sleep(100);
  leftovers.forEach((p) => signal(p, "SIGKILL"));
}
