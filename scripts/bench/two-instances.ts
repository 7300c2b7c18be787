/**
 * Two real console processes (`next start`) on one PostgreSQL database, both working bulk grants
 * on the same DMS credential against the emulator. Each process has its own cluster pacer; they
 * share only the database. Two bulk grants of 100 users are queued at once and worked by whichever
 * instance's workers take their items (both do: their CPU time during the run is reported).
 * The console paces DMS at 10/s per action and credential (lib/providers/rate-limit.ts); the
 * emulator's DMS quota (50/s per AccessKey) refuses nothing at that rate, so the main run shows the
 * pacing alone. A second run sets the emulator to 10/s per AccessKey over every action, stricter
 * than the console assumes, to show what the refusals cost when DMS counts reads and writes together.
 * Figures: CreateProxyAccess combined rate ÷ 10/s (target ≥ 0.95), and throttling errors that
 * reached a person, i.e. items left failed with a throttling code (target 0).
 *
 * Run alone: `npx tsx scripts/bench/two-instances.ts` (needs a build).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PgBoss } from "pg-boss";
import fixtures from "@/emulator/demo-fixtures.json";
import { DEFAULT_RATE_LIMITS } from "@/emulator/rate-limit";
import { startEmulator } from "@/emulator/server";
import { cpuMs, findServerPid, startConsole, type RunningConsole } from "./console-server";
import { DEMO_DMS_ACCOUNT } from "./list-setup";
import { withScratchDatabase } from "./scratch-db";
import { emulatorCallsSince, emulatorLastSeq, freePort, freePortBlock, log, maxInAnyWindow, onCleanup, round, runCleanups, sleep, tempDir } from "./util";

export const TWO_INSTANCES_TARGET_RATIO = 0.95;
const LIMIT = 10;
const USERS_PER_JOB = 100;
const LARGE_USER_BASE = 200_000;
const PROXY = { id: "1202", instanceId: "5102" };

export interface TwoInstancesRun {
  /** The emulator's DMS quota per AccessKey during the run (every action together). */
  vendorQuotaPerAccessKey: number;
  items: number;
  /** Queueing both rounds → both jobs completed. */
  seconds: number;
  createCalls: { accepted: number; refusedByVendor: number; ratePerSecond: number; maxInAnySecond: number };
  limit: number;
  ratio: number;
  targetRatio: number;
  statuses: Record<string, number>;
  throttlingErrorsSeenByUsers: number;
  otherFailures: number;
  /** CPU each console process spent during the run: both worked. */
  serverCpuMs: [number, number];
  duplicates: number;
  /** Every DMS call during the run, by action (accepted + refused). */
  dmsCallsByAction: Record<string, number>;
}

export interface TwoInstancesResult {
  instances: 2;
  /** The console's own assumption: 10/s per action; the emulator refuses nothing at that rate. */
  perAction: TwoInstancesRun;
  /** DMS counting every action of the AccessKey against 10/s. */
  strictPerAccessKey: TwoInstancesRun;
}

const tally = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ((acc[v] = (acc[v] ?? 0) + 1), acc), {});

async function waitForQueue(server: RunningConsole) {
  for (let i = 0; i < 600 && server.marks().queueReady === undefined; i += 1) await sleep(100);
  if (server.marks().queueReady === undefined) throw new Error(`the job queue of ${server.baseUrl} did not start:\n${server.tail()}`);
}

async function queueJobs(url: string, firstUser: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const account = (await client.query<{ id: string }>("select id from cloud_accounts where name = $1", [DEMO_DMS_ACCOUNT])).rows[0];
    const admin = (await client.query<{ id: string; email: string; roles: string[] }>("select id, email, roles from users where email = 'admin@example.com'")).rows[0];
    if (!account || !admin) throw new Error("the demo seed did not create the DMS account and admin");
    const ids: string[] = [];
    for (let j = 0; j < 2; j += 1) {
      // As the start action stores a job; the round reads names from DMS's directory.
      const users = Array.from({ length: USERS_PER_JOB }, (_, i) => ({ userId: String(LARGE_USER_BASE + firstUser + j * USERS_PER_JOB + i), name: "", uid: "" }));
      const row = await client.query<{ id: string }>(
        `insert into bulk_grant_jobs (idempotency_key, cloud_account_id, tenant_id, proxy_id, instance_id, users, reason, created_by, created_by_email, created_by_roles)
         values ($1, $2, $3, $4, $5, $6, 'bench: two instances', $7, $8, $9) returning id`,
        [randomUUID(), account.id, String(fixtures.alibaba.tenants[0]?.tid ?? 3001), PROXY.id, PROXY.instanceId, JSON.stringify(users), admin.id, admin.email, admin.roles],
      );
      ids.push(row.rows[0]!.id);
    }
    // The start action's own step: one round job per job, on the queue both instances work.
    const boss = new PgBoss({ connectionString: url, schema: "pgboss", supervise: false, schedule: false, migrate: false, max: 1 });
    await boss.start();
    try {
      for (const id of ids) await boss.send("bulk-grants.round", { jobId: id, round: 1 }, { singletonKey: `${id}:r1` });
    } finally {
      await boss.stop({ graceful: false });
    }
    return ids;
  } finally {
    await client.end();
  }
}

async function settledJobs(url: string, ids: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const jobs = await client.query<{ status: string }>("select status from bulk_grant_jobs where id = any($1)", [ids]);
    const ops = await client.query<{ status: string; error_code: string | null }>("select status, error_code from cloud_operations where job_id = any($1)", [ids]);
    return { done: jobs.rows.every((j) => j.status === "completed"), ops: ops.rows };
  } finally {
    await client.end();
  }
}

/** Two bulk grants queued at once, worked by both instances, with the emulator's DMS quota at `quota`/s per AccessKey. */
async function runPair(adminUrl: string, url: string, pids: readonly [number, number], quota: number, firstUser: number): Promise<TwoInstancesRun> {
  await fetch(`${adminUrl}/config`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ rateLimits: { dms: quota } }) });
    const cpu0 = pids.map(cpuMs);
    const since = await emulatorLastSeq(adminUrl);
    const started = performance.now();
    const ids = await queueJobs(url, firstUser);
    let state = await settledJobs(url, ids);
    for (let i = 0; !state.done && i < 1_200; i += 1) {
      await sleep(250);
      state = await settledJobs(url, ids);
    }
    if (!state.done) throw new Error(`the bulk grants did not complete within 300 s: ${JSON.stringify(tally(state.ops.map((o) => o.status)))}`);
    const seconds = (performance.now() - started) / 1000;
    const serverCpuMs = pids.map((pid, i) => cpuMs(pid) - (cpu0[i] ?? 0)) as [number, number];
    const dmsCalls = await emulatorCallsSince(adminUrl, since, "service=dms");
    const calls = dmsCalls.filter((c) => c.action === "CreateProxyAccess");
    const accepted = calls.filter((c) => c.outcome === "OK").map((c) => Date.parse(c.at)).sort((x, y) => x - y);
    const spanS = ((accepted.at(-1) ?? 0) - (accepted[0] ?? 0)) / 1000;
    const rate = (accepted.length - 1) / spanS;
    const failed = state.ops.filter((o) => o.status !== "succeeded");
    const throttled = failed.filter((o) => /thrott/i.test(o.error_code ?? "")).length;
    const duplicates = ((await (await fetch(`${adminUrl}/state/dms/duplicates`)).json()) as { duplicates: unknown[] }).duplicates.length;
    const result: TwoInstancesRun = {
      vendorQuotaPerAccessKey: quota,
      items: state.ops.length,
      seconds: round(seconds, 2),
      createCalls: { accepted: accepted.length, refusedByVendor: calls.length - accepted.length, ratePerSecond: round(rate), maxInAnySecond: maxInAnyWindow(accepted, 1000) },
      limit: LIMIT,
      ratio: round(rate / LIMIT, 3),
      targetRatio: TWO_INSTANCES_TARGET_RATIO,
      statuses: tally(state.ops.map((o) => o.status)),
      throttlingErrorsSeenByUsers: throttled,
      otherFailures: failed.length - throttled,
      serverCpuMs,
      duplicates,
      dmsCallsByAction: tally(dmsCalls.map((c) => c.action)),
    };
    log(
      `two instances, DMS quota ${quota}/s per AccessKey: ${result.items} items in ${result.seconds} s; DMS accepted ${accepted.length} CreateProxyAccess at ${result.createCalls.ratePerSecond}/s ÷ ${LIMIT}/s = ${result.ratio} ` +
        `(most ${result.createCalls.maxInAnySecond} in any second, ${result.createCalls.refusedByVendor} refused and retried); statuses ${JSON.stringify(result.statuses)}; ` +
        `throttling errors seen by users ${throttled}; server CPU ${serverCpuMs.join(" / ")} ms; duplicates ${duplicates}; DMS calls ${JSON.stringify(result.dmsCallsByAction)}`,
    );
    return result;
}

export async function measureTwoInstances(): Promise<TwoInstancesResult> {
  const emu = await startEmulator({ basePort: await freePortBlock(6), dataDir: tempDir("emulator-two"), seed: "demo", largeSeed: 4 * USERS_PER_JOB });
  onCleanup(() => emu.close());
  try {
    return await withScratchDatabase("instances", async (url) => {
      const start = async () => {
        const server = startConsole({ port: await freePort(), dataDir: path.join(tempDir("two"), "unused"), databaseUrl: url, emulatorUrl: emu.urls.admin });
        await server.firstOk(["/api/health"]);
        return server;
      };
      // One after the other: the first migrates and seeds, the second finds it done.
      const a = await start();
      const b = await start();
      try {
        await Promise.all([waitForQueue(a), waitForQueue(b)]);
        const pids = [findServerPid(a.pid), findServerPid(b.pid)] as const;
        const perAction = await runPair(emu.urls.admin, url, pids, DEFAULT_RATE_LIMITS.dms, 1);
        const strictPerAccessKey = await runPair(emu.urls.admin, url, pids, LIMIT, 1 + 2 * USERS_PER_JOB);
        return { instances: 2 as const, perAction, strictPerAccessKey };
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    });
  } finally {
    await emu.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(JSON.stringify(await measureTwoInstances(), null, 2));
  } finally {
    await runCleanups();
  }
}
