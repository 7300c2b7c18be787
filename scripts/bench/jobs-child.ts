/**
 * One console process's job engine, measured from inside: started by jobs-queue.ts as
 * `node --conditions=react-server --import tsx scripts/bench/jobs-child.ts` (the condition makes
 * `server-only` importable outside Next.js) with the console's own environment (DATABASE_URL,
 * DEMO_MODE, EMULATOR_URL, secrets). It opens the database as the server does (migrations, demo
 * seed), starts the real engine with every queue of lib/jobs/registry.ts plus one no-op queue, and
 * runs:
 *  - N no-op jobs sent at once, timed until all are completed;
 *  - a bulk grant of M DMS users, i.e. the product path: round job → one item job per user →
 *    ledger → DMS CreateProxyAccess on the emulator, paced by the cluster pacer on this database.
 * The result is printed as one `BENCH_RESULT {json}` line.
 */
import "@/lib/jobs/registry";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { getDbHandle } from "@/lib/db";
import { bulkGrantJobs, cloudAccounts, cloudOperations, users } from "@/lib/db/schema";
import { queueRound } from "@/lib/dal/bulk-grants-jobs";
import { defineQueue } from "@/lib/jobs/define";
import { startEngine, stopEngine } from "@/lib/jobs/engine";

export interface JobsChildConfig {
  noopJobs: number;
  /** DMS user ids to grant on `proxyId` (none: the grant part is skipped). */
  grantUserIds: string[];
  tenantId: string;
  proxyId: string;
  instanceId: string;
  accountName: string;
}

export interface JobsChildResult {
  backend: string;
  /** From process start: database open (migrations, seed) and engine start. */
  dbReadyMs: number;
  engineReadyMs: number;
  /** jobsPerSecond: send → all completed; drainJobsPerSecond: first start → last completion. */
  noop: { jobs: number; concurrency: number; seconds: number; jobsPerSecond: number; firstPickupSeconds: number; drainSeconds: number; drainJobsPerSecond: number };
  grant: null | { items: number; seconds: number; itemsPerSecond: number; statuses: Record<string, number>; errorCodes: Record<string, number> };
}

const NOOP_CONCURRENCY = 4;
const noopQueue = defineQueue<{ i: number }>("bench.noop", async () => undefined, { concurrency: NOOP_CONCURRENCY, retryLimit: 0, deadLetter: false });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not finish within ${timeoutMs} ms`);
    await sleep(20);
  }
}

const tally = (values: (string | null)[]) => values.reduce<Record<string, number>>((acc, v) => ((acc[v ?? "none"] = (acc[v ?? "none"] ?? 0) + 1), acc), {});

async function main(config: JobsChildConfig): Promise<JobsChildResult> {
  const t0 = performance.now();
  const handle = await getDbHandle();
  const dbReadyMs = performance.now() - t0;
  await startEngine();
  const engineReadyMs = performance.now() - t0;
  const db = handle.db;
  const count = async (state: string, queue: string) =>
    Number(((await db.execute(sql`select count(*)::int as n from pgboss.job where name = ${queue} and state = ${state}`)) as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);

  // No-op: the queue's own cost per job (fetch, complete, NOTIFY), nothing else.
  const startedNoop = performance.now();
  await noopQueue.sendMany!(Array.from({ length: config.noopJobs }, (_, i) => ({ i })));
  await waitFor(async () => (await count("completed", noopQueue.name)) >= config.noopJobs, 120_000, "no-op jobs");
  const noopSeconds = (performance.now() - startedNoop) / 1000;
  // Send → done includes waiting for a worker to notice the batch; first start → last completion is the drain alone.
  const span = (await db.execute(
    sql`select extract(epoch from (max(completed_on) - min(started_on))) as s, extract(epoch from (min(started_on) - min(created_on))) as wait from pgboss.job where name = ${noopQueue.name}`,
  )) as unknown as { rows: { s: string | number; wait: string | number }[] };
  const drainSeconds = Number(span.rows[0]?.s ?? NaN);
  const firstPickupSeconds = Number(span.rows[0]?.wait ?? NaN);

  let grant: JobsChildResult["grant"] = null;
  if (config.grantUserIds.length) {
    const [account] = await db.select().from(cloudAccounts).where(eq(cloudAccounts.name, config.accountName)).limit(1);
    const [admin] = await db.select().from(users).where(eq(users.email, "admin@example.com")).limit(1);
    if (!account || !admin) throw new Error("the demo seed did not create the DMS account and admin");
    const [job] = await db
      .insert(bulkGrantJobs)
      .values({
        idempotencyKey: randomUUID(),
        cloudAccountId: account.id,
        tenantId: config.tenantId,
        proxyId: config.proxyId,
        instanceId: config.instanceId,
        // As the start action stores them: the round reads names from DMS's directory.
        users: config.grantUserIds.map((userId) => ({ userId, name: "", uid: "" })),
        reason: "bench: jobs per second",
        createdBy: admin.id,
        createdByEmail: admin.email,
        createdByRoles: admin.roles,
      })
      .returning();
    const startedGrant = performance.now();
    await queueRound(job!.id, 1);
    await waitFor(async () => (await db.select().from(bulkGrantJobs).where(eq(bulkGrantJobs.id, job!.id)))[0]?.status === "completed", 300_000, "the bulk grant");
    const seconds = (performance.now() - startedGrant) / 1000;
    const ops = await db.select().from(cloudOperations).where(eq(cloudOperations.jobId, job!.id));
    grant = {
      items: ops.length,
      seconds: Number(seconds.toFixed(2)),
      itemsPerSecond: Number((ops.length / seconds).toFixed(2)),
      statuses: tally(ops.map((o) => o.status)),
      errorCodes: tally(ops.filter((o) => o.errorCode).map((o) => o.errorCode)),
    };
  }
  await stopEngine(2_000);
  await handle.close();
  return {
    backend: handle.kind,
    dbReadyMs: Math.round(dbReadyMs),
    engineReadyMs: Math.round(engineReadyMs),
    noop: {
      jobs: config.noopJobs,
      concurrency: NOOP_CONCURRENCY,
      seconds: Number(noopSeconds.toFixed(2)),
      jobsPerSecond: Number((config.noopJobs / noopSeconds).toFixed(1)),
      firstPickupSeconds: Number(firstPickupSeconds.toFixed(2)),
      drainSeconds: Number(drainSeconds.toFixed(2)),
      drainJobsPerSecond: Number((config.noopJobs / drainSeconds).toFixed(1)),
    },
    grant,
  };
}

try {
  const result = await main(JSON.parse(process.env.BENCH_JOBS_CONFIG ?? "{}") as JobsChildConfig);
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
  process.exit(0);
} catch (error) {
  console.error(`[jobs-child] ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
}
