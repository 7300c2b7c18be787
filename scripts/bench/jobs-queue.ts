/**
 * Jobs per second through the queue (pg-boss) on PGlite and on PostgreSQL: a no-op job, and a
 * DMS grant through the product path (a bulk grant's item jobs → ledger → CreateProxyAccess on the
 * emulator). Each backend runs in its own process (jobs-child.ts), as the console would.
 * The grant rate is capped by DMS pacing (10/s per action and credential, aimed at 97 %), not by
 * the queue: the no-op figure shows how much room the queue itself leaves.
 *
 * Run alone: `npx tsx scripts/bench/jobs-queue.ts`.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fixtures from "@/emulator/demo-fixtures.json";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import type { JobsChildConfig, JobsChildResult } from "./jobs-child";
import { DEMO_DMS_ACCOUNT } from "./list-setup";
import { withScratchDatabase } from "./scratch-db";
import { emulatorCallsSince, emulatorLastSeq, freePortBlock, log, maxInAnyWindow, onCleanup, round, runCleanups, tempDir } from "./util";

export const DMS_GRANT_LIMIT = 10;
const NOOP_JOBS = 1_000;
const GRANT_USERS = 100;
/** The seed's users 200 001… (the large proxy's) hold no access on proxy 1202. */
const LARGE_USER_BASE = 200_000;
const PROXY = { id: "1202", instanceId: "5102" };

export interface JobsBackendResult extends JobsChildResult {
  /** CreateProxyAccess as DMS saw it during the grant: accepted calls, their rate first to last, most in any second. */
  dms: { accepted: number; refused: number; ratePerSecond: number; maxInAnySecond: number; limit: number };
}

export interface JobsQueueResult {
  pglite: JobsBackendResult;
  postgres: JobsBackendResult;
}

const SECRETS = { AUTH_SECRET: randomBytes(36).toString("base64url"), CREDENTIALS_KEY: randomBytes(32).toString("base64") };

function runChild(databaseUrl: string, emulatorUrl: string, config: JobsChildConfig): Promise<JobsChildResult> {
  const tsxLoader = createRequire(import.meta.url).resolve("tsx");
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "jobs-child.ts");
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (/^(OIDC_|ADMIN_|EMULATOR_|DATABASE_URL|AUTH_|LOGIN_|SESSION_)/.test(key)) delete env[key];
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", tsxLoader, script], {
    env: { ...env, ...SECRETS, NODE_ENV: "production", DATABASE_URL: databaseUrl, DEMO_MODE: "1", EMULATOR_URL: emulatorUrl, BENCH_JOBS_CONFIG: JSON.stringify(config) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const unregister = onCleanup(() => void child.kill("SIGKILL"));
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    child.on("close", (code) => {
      unregister();
      const line = out.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
      if (code === 0 && line) resolve(JSON.parse(line.slice("BENCH_RESULT ".length)) as JobsChildResult);
      else reject(new Error(`jobs child exited with ${code}:\n${out.split("\n").slice(-15).join("\n")}`));
    });
  });
}

async function measureBackend(emu: RunningEmulator, databaseUrl: string, firstUser: number): Promise<JobsBackendResult> {
  const since = await emulatorLastSeq(emu.urls.admin);
  const result = await runChild(databaseUrl, emu.urls.admin, {
    noopJobs: NOOP_JOBS,
    grantUserIds: Array.from({ length: GRANT_USERS }, (_, i) => String(LARGE_USER_BASE + firstUser + i)),
    tenantId: String(fixtures.alibaba.tenants[0]?.tid ?? 3001),
    proxyId: PROXY.id,
    instanceId: PROXY.instanceId,
    accountName: DEMO_DMS_ACCOUNT,
  });
  const calls = await emulatorCallsSince(emu.urls.admin, since, "service=dms&action=CreateProxyAccess");
  const accepted = calls.filter((c) => c.outcome === "OK").map((c) => Date.parse(c.at)).sort((a, b) => a - b);
  const spanS = accepted.length > 1 ? ((accepted.at(-1) ?? 0) - (accepted[0] ?? 0)) / 1000 : NaN;
  const dms = {
    accepted: accepted.length,
    refused: calls.length - accepted.length,
    // n calls span n − 1 intervals.
    ratePerSecond: round((accepted.length - 1) / spanS),
    maxInAnySecond: maxInAnyWindow(accepted, 1000),
    limit: DMS_GRANT_LIMIT,
  };
  const g = result.grant;
  log(
    `jobs on ${result.backend}: db ready ${result.dbReadyMs} ms, engine ${result.engineReadyMs} ms; no-op ${result.noop.jobs} jobs in ${result.noop.seconds} s = ${result.noop.jobsPerSecond}/s (first picked up after ${result.noop.firstPickupSeconds} s, drained at ${result.noop.drainJobsPerSecond}/s); ` +
      `DMS grant ${g?.items} items in ${g?.seconds} s = ${g?.itemsPerSecond}/s ${JSON.stringify(g?.statuses)}; DMS saw ${dms.accepted} CreateProxyAccess at ${dms.ratePerSecond}/s (most ${dms.maxInAnySecond} in any second, ${dms.refused} refused)`,
  );
  return { ...result, dms };
}

export async function measureJobsQueue(): Promise<JobsQueueResult> {
  const emu = await startEmulator({ basePort: await freePortBlock(6), dataDir: tempDir("emulator-jobs"), seed: "demo", largeSeed: 2 * GRANT_USERS });
  onCleanup(() => emu.close());
  try {
    const pglite = await measureBackend(emu, path.join(tempDir("jobs"), "pglite"), 1);
    const postgres = await withScratchDatabase("jobs", (url) => measureBackend(emu, url, 1 + GRANT_USERS));
    return { pglite, postgres };
  } finally {
    await emu.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(JSON.stringify(await measureJobsQueue(), null, 2));
  } finally {
    await runCleanups();
  }
}
