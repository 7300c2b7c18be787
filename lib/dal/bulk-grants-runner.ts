import "server-only";
import { and, eq, gt, ne } from "drizzle-orm";
import { countCodes, multiItemOutcome } from "@/lib/audit/outcomes";
import type { DB } from "@/lib/db/client";
import { bulkGrantJobs, cloudOperations } from "@/lib/db/schema";
import { wordedJobError } from "@/lib/jobs/errors";
import type { LedgerDeps } from "@/lib/operations/ledger";
import { roundActor } from "./bulk-grants-actor";
import { toJobDto } from "./bulk-grants-view";
import { grantProxyAccessOnce } from "./proxy-accesses-grant";
import { GRANT_KIND, grantTarget, type OperationRow } from "./proxy-accesses-records";
import { consoleError } from "@/lib/operations/error-text";

/*
 * A bulk grant as jobs: a round job reads the tenant's users and the proxy's list once and fans
 * out one item job per user still to grant; each item runs the DMS grant through the ledger and
 * is retried by the queue (with backoff) on throttling. Whoever settles a round's last item
 * completes the job. Any console instance works any of these jobs.
 */

export type BulkJobRow = typeof bulkGrantJobs.$inferSelect;

export interface ItemData {
  jobId: string;
  round: number;
  userId: string;
  /** When the round read the proxy's list and found no access for this user (ms since epoch). */
  absentAt?: number;
}

export interface RunnerDeps extends LedgerDeps {
  /** Whether the person who started the current round may still grant on its instance. */
  mayGrant: (job: BulkJobRow) => Promise<boolean>;
  sendItems: (items: ItemData[]) => Promise<void>;
}

export const BULK_ITEM_ACTION = "proxy-accesses.bulk-grant.item";
/** The summary entry of one finished round of a job. */
export const BULK_ROUND_ACTION = "proxy-accesses.bulk-grant.round";
/** Queue retries of one item (throttling, a busy pair, a lost answer); the last one settles it for good. */
export const ITEM_RETRY_LIMIT = 6;

export const itemKey = (job: { id: string; round: number }, userId: string) => `bulk:${job.id}:r${job.round}:${userId}`;

const TERMINAL = new Set(["succeeded", "failed"]);

export async function findJob(db: DB, jobId: string): Promise<BulkJobRow | undefined> {
  const [job] = await db.select().from(bulkGrantJobs).where(eq(bulkGrantJobs.id, jobId)).limit(1);
  return job;
}

const opsOf = (db: DB, jobId: string) => db.select().from(cloudOperations).where(eq(cloudOperations.jobId, jobId));

/** Users this round still has to work on: never tried, failed or unsettled earlier, or open now. */
export function workSet(job: BulkJobRow, ops: OperationRow[]) {
  return job.users.filter((u) => {
    const mine = ops.filter((o) => String((o.params as { userId?: string }).userId ?? "") === u.userId);
    const current = mine.find((o) => o.idempotencyKey === itemKey(job, u.userId));
    if (current) return !TERMINAL.has(current.status);
    const latest = mine.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1);
    return !latest || latest.status !== "succeeded";
  });
}

/** Records an item's outcome without a vendor call (nothing was sent, or the user already had access). */
async function insertSettled(db: DB, job: BulkJobRow, user: { userId: string; name: string }, s: Pick<OperationRow, "status" | "errorCode" | "errorMessage" | "result"> & { errorWords?: OperationRow["errorWords"] }) {
  await db
    .insert(cloudOperations)
    .values({
      idempotencyKey: itemKey(job, user.userId),
      kind: GRANT_KIND,
      cloudAccountId: job.cloudAccountId,
      target: grantTarget(job.proxyId, user.userId),
      params: { tenantId: job.tenantId, proxyId: job.proxyId, instanceId: job.instanceId, userId: user.userId, userName: user.name, reason: job.reason },
      ...s,
      jobId: job.id,
      createdBy: roundActor(job)?.id ?? null,
    })
    .onConflictDoNothing({ target: cloudOperations.idempotencyKey });
}

/** Names and uids of the chosen users, read here rather than in the start action (which must not wait on DMS). */
async function withDirectory(deps: RunnerDeps, job: BulkJobRow, dms: NonNullable<Awaited<ReturnType<LedgerDeps["clients"]["dms"]>>>): Promise<BulkJobRow> {
  if (job.users.every((u) => u.name)) return job;
  const directory = new Map((await dms.listAllUsers({ tid: job.tenantId })).map((u) => [u.userId, u]));
  const users = job.users.map((u) => ({ ...u, name: u.name || directory.get(u.userId)?.nickName || `User ${u.userId}`, uid: u.uid || directory.get(u.userId)?.uid || "" }));
  const [updated] = await deps.db.update(bulkGrantJobs).set({ users, updatedAt: new Date() }).where(eq(bulkGrantJobs.id, job.id)).returning();
  for (const u of job.users) {
    const found = directory.get(u.userId);
    if (!found || found.state === "DELETE") {
      await insertSettled(deps.db, updated ?? job, { userId: u.userId, name: `User ${u.userId}` }, {
        status: "failed",
        errorCode: "NOT_FOUND",
        ...consoleError("notInTenantNothingSent"),
        result: null,
      });
    }
  }
  return updated ?? job;
}

/**
 * One round of a job: settles what needs no call (the user already has access, the actor lost the
 * right) and queues an item for everyone else. Safe to run twice: items are keyed per round.
 */
export async function runRound(deps: RunnerDeps, jobId: string, round: number): Promise<void> {
  let job = await findJob(deps.db, jobId);
  if (!job || job.status !== "running" || job.round !== round) return;
  const dms = job.cloudAccountId ? await deps.clients.dms(job.cloudAccountId).catch(() => null) : null;
  const blocked: ReturnType<typeof consoleError> | null = !(await deps.mayGrant(job))
    ? consoleError(job.round > 1 ? "retryStarterMayNotGrant" : "jobStarterMayNotGrant")
    : !dms
      ? consoleError("jobAccountUnavailable")
      : null;
  if (blocked || !dms) {
    const ops = await opsOf(deps.db, job.id);
    for (const user of workSet(job, ops)) {
      // An item already open may have landed: it stays for its own job or reconciliation to settle.
      if (!ops.some((o) => o.idempotencyKey === itemKey(job!, user.userId))) {
        await insertSettled(deps.db, job, user, { status: "failed", errorCode: "FORBIDDEN", ...(blocked ?? consoleError("jobAccountUnavailable")), result: null });
      }
    }
    await completeIfSettled(deps, job.id);
    return;
  }
  job = await withDirectory(deps, job, dms);
  const ops = await opsOf(deps.db, job.id);
  const todo = workSet(job, ops);
  const absentAt = Date.now();
  const holders = new Map((await dms.listProxyAccesses({ proxyId: job.proxyId, tid: job.tenantId })).items.map((a) => [a.userId, a.proxyAccessId]));
  const items: ItemData[] = [];
  for (const user of todo) {
    const open = ops.some((o) => o.idempotencyKey === itemKey(job, user.userId));
    const held = holders.get(user.userId);
    if (held && !open) {
      await insertSettled(deps.db, job, user, { status: "succeeded", errorCode: null, errorMessage: null, result: { proxyAccessId: held, outcome: "already" } });
    } else {
      items.push({ jobId: job.id, round: job.round, userId: user.userId, ...(held || open ? {} : { absentAt }) });
    }
  }
  await deps.sendItems(items);
  await completeIfSettled(deps, job.id);
}

/** A grant of this pair that another path (the form, another job) completed after the round's read. */
async function grantedElsewhere(db: DB, proxyId: string, userId: string, since: Date, exceptKey: string): Promise<string | null> {
  const [row] = await db
    .select({ result: cloudOperations.result })
    .from(cloudOperations)
    .where(
      and(
        eq(cloudOperations.kind, GRANT_KIND),
        eq(cloudOperations.target, grantTarget(proxyId, userId)),
        eq(cloudOperations.status, "succeeded"),
        gt(cloudOperations.updatedAt, since),
        ne(cloudOperations.idempotencyKey, exceptKey),
      ),
    )
    .limit(1);
  return row?.result?.proxyAccessId ? String(row.result.proxyAccessId) : null;
}

/**
 * One user's grant. Throws to have the queue try again later (throttling, a busy pair, a lost
 * answer), except on the last attempt, which settles the item whatever happened.
 */
export async function runItem(deps: RunnerDeps, data: ItemData, attempt: { retryCount: number }): Promise<void> {
  const job = await findJob(deps.db, data.jobId);
  if (!job || job.status !== "running" || job.round !== data.round) return;
  const user = job.users.find((u) => u.userId === data.userId);
  const dms = job.cloudAccountId ? await deps.clients.dms(job.cloudAccountId).catch(() => null) : null;
  if (!user) return;
  if (!dms) {
    await insertSettled(deps.db, job, user, { status: "failed", errorCode: "ACCOUNT_UNAVAILABLE", ...consoleError("jobAccountUnavailable"), result: null });
    await completeIfSettled(deps, job.id);
    return;
  }
  const final = attempt.retryCount >= ITEM_RETRY_LIMIT;
  const key = itemKey(job, user.userId);
  const actor = roundActor(job);
  try {
    await grantProxyAccessOnce(
      { ...deps, dms },
      {
        accountId: job.cloudAccountId ?? "",
        tenantId: job.tenantId,
        proxyId: job.proxyId,
        instanceId: job.instanceId,
        userId: user.userId,
        userName: user.name,
        reason: job.reason,
        idempotencyKey: key,
        actor,
        jobId: job.id,
      },
      {
        audit: {
          action: BULK_ITEM_ACTION,
          params: { jobId: job.id, round: job.round, proxyId: job.proxyId, instanceId: job.instanceId, userId: user.userId, userName: user.name, reason: job.reason },
        },
        hint: {
          // Only the first attempt may trust the round's read; a retry reads the list afresh.
          knownAbsent: Boolean(data.absentAt) && attempt.retryCount === 0,
          grantedElsewhere: () => grantedElsewhere(deps.db, job.proxyId, user.userId, new Date(data.absentAt ?? 0), key),
          alreadyIsSuccess: true,
        },
        background: { final },
      },
    );
  } catch (error) {
    const code = (error as { options?: { code?: string } }).options?.code;
    if (code === "IN_PROGRESS" && final) {
      await insertSettled(deps.db, job, user, {
        status: "failed",
        errorCode: "IN_PROGRESS",
        ...consoleError("otherChangeWasInProgress", { name: user.name }),
        result: null,
      });
    }
    // Everything else is settled in the ledger; the row says what the user sees.
  }
  const [row] = await deps.db.select().from(cloudOperations).where(eq(cloudOperations.idempotencyKey, key)).limit(1);
  if (!final && (!row || !TERMINAL.has(row.status))) {
    // Carries the vendor's code (e.g. Throttling.User) to the Jobs page; never reaches the person who started the job.
    throw wordedJobError(row?.errorCode ?? "IN_PROGRESS", consoleError("grantNotSettled", { name: user.name, status: row?.status ?? "busy" }));
  }
  await completeIfSettled(deps, job.id);
}

/** Completes the job once every user of its round is settled, and writes the round's summary (once). */
export async function completeIfSettled(deps: Pick<RunnerDeps, "db" | "audit">, jobId: string): Promise<boolean> {
  const job = await findJob(deps.db, jobId);
  if (!job || job.status !== "running") return false;
  const ops = await opsOf(deps.db, job.id);
  if (workSet(job, ops).length > 0) return false;
  const now = new Date();
  const [completed] = await deps.db
    .update(bulkGrantJobs)
    .set({ status: "completed", finishedAt: now, updatedAt: now })
    .where(and(eq(bulkGrantJobs.id, job.id), eq(bulkGrantJobs.status, "running"), eq(bulkGrantJobs.round, job.round)))
    .returning();
  if (!completed) return false;
  const round = new Set(ops.filter((o) => o.idempotencyKey.startsWith(`bulk:${job.id}:r${job.round}:`)).map((o) => String((o.params as { userId?: string }).userId)));
  if (round.size > 0) await auditRound(deps, completed, ops, round);
  return true;
}

/**
 * One entry per finished round saying how it went as a whole: success when every user of the
 * round got access, failure when none did, partial with how many failed.
 */
async function auditRound(deps: Pick<RunnerDeps, "audit">, job: BulkJobRow, ops: OperationRow[], round: Set<string>) {
  const items = toJobDto(job, ops).items.filter((i) => round.has(i.userId));
  const failed = items.filter((i) => i.state !== "granted" && i.state !== "already");
  const count = (state: string) => items.filter((i) => i.state === state).length;
  await deps
    .audit({
      actor: roundActor(job),
      action: BULK_ROUND_ACTION,
      target: `dms-proxy:${job.proxyId}`,
      ...multiItemOutcome(items.length, failed.length, "grants"),
      params: {
        jobId: job.id,
        round: job.round,
        instanceId: job.instanceId,
        granted: count("granted"),
        already: count("already"),
        failed: count("failed"),
        unknown: count("unknown"),
        failedCodes: countCodes(failed),
      },
    })
    .catch((error) => console.error(`[bulk-grant ${job.id}] round audit failed:`, error instanceof Error ? error.message : error));
}
