/**
 * Server cold start: time from spawning `next start` to the first 200 on /api/health and /login.
 * The bar (≤ 2 s) is for an existing data folder; the first run on an empty folder (initdb,
 * migrations, seed) is reported for information.
 */
import path from "node:path";
import { cpuMs, findServerPid, startConsole } from "./console-server";
import { freePort, log, round, summarize, tempDir, type Summary } from "./util";

export const COLD_START_TARGET_S = 2;
const PATHS = ["/api/health", "/login"] as const;

export interface ColdStartRun {
  healthS: number;
  loginS: number;
  /** The server's output with the time of each line (starts over budget only). */
  log?: string;
  /** What the server itself logs for opening (and on first run creating) the database. */
  dbReadyMs: number | null;
  /** When the "database ready" line appeared, from spawn: the rest is loading the first routes. */
  dbReadyAtS: number | null;
  listeningAtS: number | null;
  /** CPU (user + system) of the server's processes until both paths answered. */
  cpuS: number;
}

export interface ColdStartResult {
  targetS: number;
  emptyFolder: ColdStartRun;
  existingFolder: { runs: ColdStartRun[]; health: Summary; login: Summary; cpu: Summary };
}

async function once(dataDir: string): Promise<ColdStartRun> {
  const server = startConsole({ port: await freePort(), dataDir });
  try {
    const got = await server.firstOk([...PATHS]);
    // CPU spent until both answered: what the start costs whatever else the shared machine runs.
    const pids = [...new Set([server.pid, findServerPid(server.pid)])];
    const cpu = pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
    const marks = server.marks();
    const dbReady = /database ready \([a-z]+\) in (\d+) ms/.exec(server.tail());
    return {
      healthS: round((got["/api/health"] ?? NaN) / 1000, 3),
      loginS: round((got["/login"] ?? NaN) / 1000, 3),
      dbReadyMs: dbReady ? Number(dbReady[1]) : null,
      // Kept only for a start over budget, where it says which step took the time.
      ...((got["/api/health"] ?? 0) > COLD_START_TARGET_S * 1000 ? { log: server.tail() } : {}),
      dbReadyAtS: marks.databaseReady === undefined ? null : round(marks.databaseReady / 1000, 3),
      listeningAtS: marks.listening === undefined ? null : round(marks.listening / 1000, 3),
      cpuS: round(cpu / 1000, 2),
    };
  } finally {
    // Waits for the process to exit, so the next start finds the folder unlocked.
    await server.stop();
  }
}

export async function measureColdStart(runs = 5): Promise<ColdStartResult> {
  const dataDir = path.join(tempDir("cold"), "pglite");
  const emptyFolder = await once(dataDir);
  log(`cold start on an empty folder: /api/health ${emptyFolder.healthS} s, /login ${emptyFolder.loginS} s (database ready after ${emptyFolder.dbReadyAtS} s)`);
  const results: ColdStartRun[] = [];
  for (let i = 0; i < runs; i += 1) {
    const run = await once(dataDir);
    log(`cold start ${i + 1}/${runs} on the existing folder: /api/health ${run.healthS} s, /login ${run.loginS} s (listening after ${run.listeningAtS} s, database ready after ${run.dbReadyAtS} s, server CPU ${run.cpuS} s)`);
    results.push(run);
  }
  return {
    targetS: COLD_START_TARGET_S,
    emptyFolder,
    existingFolder: {
      runs: results,
      health: summarize(results.map((r) => r.healthS), 3),
      login: summarize(results.map((r) => r.loginS), 3),
      cpu: summarize(results.map((r) => r.cpuS), 2),
    },
  };
}
