/**
 * Starts and stops the built console (`next start`) for the bench. Every server gets its own port
 * and data folder; secrets are random per bench run and never printed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { log, onCleanup, sleep } from "./util";

const nextBin = (root: string) => path.join(root, "node_modules", "next", "dist", "bin", "next");

/** One set per bench run: a data folder is always reopened with the key that sealed it. */
const SECRETS = {
  AUTH_SECRET: randomBytes(36).toString("base64url"),
  CREDENTIALS_KEY: randomBytes(32).toString("base64"),
};

export interface ConsoleOptions {
  port: number;
  dataDir: string;
  /** A PostgreSQL URL to serve from instead of the embedded database in dataDir. */
  databaseUrl?: string;
  /** Admin URL of an emulator; demo cloud accounts are seeded pointing at it. */
  emulatorUrl?: string;
  /** Checkout whose build to start (default: this one), e.g. main's, for a before/after figure. */
  cwd?: string;
}

export interface RunningConsole {
  pid: number;
  baseUrl: string;
  /** performance.now() just before spawn. */
  spawnedAt: number;
  /** Milliseconds from spawn to the first 200 on each path (rejects if the server dies first). */
  firstOk(paths: string[], timeoutMs?: number): Promise<Record<string, number>>;
  stop(): Promise<void>;
  /** The last lines the server printed, for diagnosing a failed start. */
  tail(): string;
  /** Milliseconds from spawn until the server printed that it listens / that its database is ready. */
  marks(): { listening?: number; databaseReady?: number; queueReady?: number };
}

function consoleEnv(o: ConsoleOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Settings of the caller's own console must not leak into the bench servers.
  for (const key of Object.keys(env)) {
    if (/^(OIDC_|ADMIN_|EMULATOR_|DATABASE_URL|AUTH_|LOGIN_|SESSION_)/.test(key)) delete env[key];
  }
  return {
    ...env,
    ...SECRETS,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: o.databaseUrl ?? o.dataDir,
    AUTH_URL: `http://localhost:${o.port}`,
    DEMO_MODE: "1",
    ...(o.emulatorUrl ? { EMULATOR_URL: o.emulatorUrl } : {}),
  };
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export function startConsole(o: ConsoleOptions): RunningConsole {
  const baseUrl = `http://localhost:${o.port}`;
  const probeBase = `http://127.0.0.1:${o.port}`;
  const lines: string[] = [];
  const spawnedAt = performance.now();
  const root = o.cwd ?? process.cwd();
  const child = spawn(process.execPath, [nextBin(root), "start", "-p", String(o.port)], {
    cwd: root,
    env: consoleEnv(o),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const marks: Record<string, number> = {};
  const keep = (chunk: Buffer) => {
    const now = performance.now() - spawnedAt;
    const got = chunk.toString().split("\n").filter(Boolean);
    for (const line of got) {
      if (marks.listening === undefined && /Ready in/.test(line)) marks.listening = now;
      if (marks.databaseReady === undefined && /database ready/.test(line)) marks.databaseReady = now;
      if (marks.queueReady === undefined && /job queue ready/.test(line)) marks.queueReady = now;
    }
    // Each line carries when it appeared (ms from spawn), so a slow start shows where the time went.
    lines.push(...got.map((line) => `+${Math.round(now)}ms ${line}`));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });

  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    if (!(await waitForExit(child, 15_000))) {
      log(`console pid ${child.pid} ignored SIGTERM; killing it`);
      child.kill("SIGKILL");
      await waitForExit(child, 5_000);
    }
    // The PGlite folder lock beside the data folder goes with the process; give the file system a beat.
    for (let i = 0; i < 20 && existsSync(`${o.dataDir}.lock`); i += 1) await sleep(50);
  };
  const unregister = onCleanup(stop);

  const firstOk = async (paths: string[], timeoutMs = 60_000) => {
    const result: Record<string, number> = {};
    const deadline = spawnedAt + timeoutMs;
    let failed = false;
    const probe = async (p: string) => {
      while (performance.now() < deadline && !failed) {
        if (exited) throw new Error(`console exited before answering ${p}:\n${lines.slice(-15).join("\n")}`);
        try {
          const res = await fetch(probeBase + p, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
          await res.arrayBuffer();
          if (res.status === 200) {
            result[p] = performance.now() - spawnedAt;
            return;
          }
        } catch {
          // not listening yet
        }
        await sleep(10);
      }
      if (failed) return;
      throw new Error(`no 200 on ${p} within ${timeoutMs} ms:\n${lines.slice(-15).join("\n")}`);
    };
    try {
      await Promise.all(paths.map(probe));
    } catch (error) {
      failed = true;
      throw error;
    }
    return result;
  };

  if (child.pid === undefined) throw new Error("could not spawn next start");
  return {
    pid: child.pid,
    baseUrl,
    spawnedAt,
    firstOk,
    stop: async () => {
      await stop();
      unregister();
    },
    tail: () => lines.join("\n"),
    marks: () => ({ ...marks }),
  };
}

function parentOf(pid: number): number | null {
  try {
    // The command name in /proc/<pid>/stat is in parentheses and may contain spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[1]);
  } catch {
    return null;
  }
}

/** The process that serves requests: `next start` renames itself "next-server", possibly in a child. */
export function findServerPid(rootPid: number): number {
  const family = [rootPid];
  const all = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
  for (let grew = true; grew; ) {
    grew = false;
    for (const pid of all) {
      const parent = parentOf(pid);
      if (parent !== null && family.includes(parent) && !family.includes(pid)) {
        family.push(pid);
        grew = true;
      }
    }
  }
  for (const pid of family) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").startsWith("next-server")) return pid;
    } catch {
      // gone
    }
  }
  return rootPid;
}

export interface MemoryFigure {
  pid: number;
  rssMiB: number;
  peakRssMiB: number;
}

export function readMemory(pid: number): MemoryFigure {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { pid, rssMiB: Math.round(kib("VmRSS") / 1024), peakRssMiB: Math.round(kib("VmHWM") / 1024) };
}

/** utime + stime of a process, in ms (clock ticks are 10 ms on Linux). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
