import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, gt, isNull, lt, ne, or } from "drizzle-orm";
import type { AuditEntryInput } from "@/lib/audit/log";
import type { DB } from "@/lib/db/client";
import { bulkGrantJobs, cloudOperations } from "@/lib/db/schema";
import type { DmsApi, DmsProxyAccess } from "@/lib/providers/alibaba/dms";
import { mapWithConcurrency } from "@/lib/providers/concurrency";
import { isProviderError } from "@/lib/providers/errors";
import { countCodes, multiItemOutcome } from "@/lib/audit/outcomes";
import { roundActor } from "./bulk-grants-actor";
import { toJobDto } from "./bulk-grants-view";
import { grantProxyAccessOnce } from "./proxy-accesses-grant";
import { GRANT_KIND, grantTarget, settleOperation, type OperationRow } from "./proxy-accesses-records";

export type BulkJobRow = typeof bulkGrantJobs.$inferSelect;

export interface RunnerDeps {
  db: DB;
  /** The DMS client of the job's cloud account. */
  connect: (job: BulkJobRow) => Promise<DmsApi>;
  audit: (entry: AuditEntryInput) => Promise<void>;
  /** Whether the person who started the current round may still grant on its instance (checked at every (re)start). */
  mayGrant: (job: BulkJobRow) => Promise<boolean>;
  leaseMs?: number;
  /** Items in flight at once; the DMS client paces the calls to its rate limit on top of this. */
  concurrency?: number;
}

export const BULK_ITEM_ACTION = "proxy-accesses.bulk-grant.item";
/** The summary entry of one finished round of a job. */
export const BULK_ROUND_ACTION = "proxy-accesses.bulk-grant.round";
export const DEFAULT_LEASE_MS = 30_000;

export const itemKey = (job: { id: string; round: number }, userId: string) => `bulk:${job.id}:r${job.round}:${userId}`;

/** Takes the job's lease if it is free or expired; null when another runner holds it or the job is done. */
export async function acquireLease(db: DB, jobId: string, holder: string, leaseMs: number): Promise<BulkJobRow | null> {
  const now = new Date();
  const [job] = await db
    .update(bulkGrantJobs)
    .set({ leaseOwner: holder, leaseExpiresAt: new Date(now.getTime() + leaseMs), updatedAt: now })
    .where(and(eq(bulkGrantJobs.id, jobId), eq(bulkGrantJobs.status, "running"), or(isNull(bulkGrantJobs.leaseExpiresAt), lt(bulkGrantJobs.leaseExpiresAt, now))))
    .returning();
  return job ?? null;
}

async function extendLease(db: DB, jobId: string, holder: string, leaseMs: number): Promise<boolean> {
  const rows = await db
    .update(bulkGrantJobs)
    .set({ leaseExpiresAt: new Date(Date.now() + leaseMs) })
    .where(and(eq(bulkGrantJobs.id, jobId), eq(bulkGrantJobs.leaseOwner, holder)))
    .returning({ id: bulkGrantJobs.id });
  return rows.length > 0;
}

/** A grant of this pair that another path (the form, another job) completed after the snapshot was read. */
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

/** Users this round still has to work on: never tried, failed or unsettled earlier, or interrupted now. */
export function workSet(job: BulkJobRow, ops: OperationRow[]) {
  const byUser = new Map<string, OperationRow[]>();
  for (const op of ops) {
    const userId = String((op.params as { userId?: string }).userId ?? "");
    byUser.set(userId, [...(byUser.get(userId) ?? []), op]);
  }
  return job.users.filter((u) => {
    const mine = byUser.get(u.userId) ?? [];
    const current = mine.find((o) => o.idempotencyKey === itemKey(job, u.userId));
    if (current) return current.status === "pending" || current.status === "unknown";
    const latest = mine.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1);
    return !latest || latest.status !== "succeeded";
  });
}

/**
 * Runs (or resumes) a bulk grant under its lease. Exactly one runner works on a job at a time;
 * a runner that dies leaves its lease to expire and the next poll starts another, which settles
 * interrupted items against a fresh list before granting anything, so no item is granted twice.
 * Returns "busy" when another runner holds the job.
 */
export async function runBulkGrantJob(deps: RunnerDeps, jobId: string): Promise<"done" | "busy" | "lost"> {
  const { db } = deps;
  const holder = randomUUID();
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const job = await acquireLease(db, jobId, holder, leaseMs);
  if (!job) return "busy";

  let lost = false;
  const heartbeat = setInterval(() => {
    extendLease(db, job.id, holder, leaseMs).then(
      (held) => (lost ||= !held),
      () => undefined,
    );
  }, Math.max(250, Math.floor(leaseMs / 3)));

  try {
    const ops = await db.select().from(cloudOperations).where(eq(cloudOperations.jobId, job.id));
    const todo = workSet(job, ops);
    const actor = roundActor(job);
    let blocked: string | null = null;
    let dms: DmsApi | null = null;
    if (todo.length > 0) {
      if (!(await deps.mayGrant(job))) blocked = `The person who started this ${job.round > 1 ? "retry" : "job"} may no longer grant on this proxy; nothing was sent.`;
      else dms = await deps.connect(job).catch(() => null);
      if (!dms) blocked ??= "The cloud account of this job is no longer available; nothing was sent.";
    }
    // Read after the lease was taken, so anything a dead runner had in flight has landed by now.
    const snapshotAt = new Date();
    const snapshot = new Map<string, DmsProxyAccess>();
    if (dms) for (const a of (await dms.listProxyAccesses({ proxyId: job.proxyId, tid: job.tenantId })).items) if (a.userId) snapshot.set(a.userId, a);
    const byKey = new Map(ops.map((o) => [o.idempotencyKey, o]));

    await mapWithConcurrency(
      todo,
      async (user) => {
        if (lost) return;
        const key = itemKey(job, user.userId);
        const interrupted = byKey.get(key);
        if (!dms) {
          const message = blocked ?? "Nothing was sent.";
          // An item a dead runner had in flight may have landed: it stays open for reconciliation.
          if (!interrupted) await insertSettled(db, job, user, key, { status: "failed", errorCode: "FORBIDDEN", errorMessage: message });
          return;
        }
        const found = snapshot.get(user.userId);
        if (interrupted && found) {
          // The dead runner's create landed: it was granted, once.
          await settleOperation(
            db,
            interrupted.id,
            { status: "succeeded", result: { proxyAccessId: found.proxyAccessId, outcome: "granted", reconciled: true } },
            { status: interrupted.status, updatedAt: interrupted.updatedAt },
          );
          return;
        }
        const elsewhere = await grantedElsewhere(db, job.proxyId, user.userId, snapshotAt, key);
        const seen = elsewhere ? new Map(snapshot).set(user.userId, { proxyAccessId: elsewhere } as DmsProxyAccess) : snapshot;
        const correlationId = randomUUID();
        const entry = {
          actor,
          action: BULK_ITEM_ACTION,
          target: grantTarget(job.proxyId, user.userId),
          params: { jobId: job.id, round: job.round, proxyId: job.proxyId, instanceId: job.instanceId, userId: user.userId, userName: user.name, reason: job.reason },
          correlationId,
        };
        let intent = false;
        try {
          const result = await grantProxyAccessOnce(
            { db, dms, audit: deps.audit },
            {
              accountId: job.cloudAccountId ?? "",
              tenantId: job.tenantId,
              proxyId: job.proxyId,
              instanceId: job.instanceId,
              userId: user.userId,
              userName: user.name,
              reason: job.reason,
              idempotencyKey: key,
              actorId: actor?.id ?? null,
              jobId: job.id,
            },
            {
              snapshot: seen,
              alreadyIsSuccess: true,
              reclaim: Boolean(interrupted),
              beforeCreate: async () => {
                await deps.audit({ ...entry, outcome: "intent" });
                intent = true;
              },
            },
          );
          if (intent) await deps.audit({ ...entry, outcome: "success", vendorRequestId: result.requestId, params: { ...entry.params, proxyAccessId: result.proxyAccessId } }).catch(() => undefined);
        } catch (error) {
          if (!intent) return;
          const vendor = isProviderError(error) ? error : null;
          const e = error as { message?: string; options?: { code?: string; requestId?: string } };
          await deps
            .audit({
              ...entry,
              outcome: "failure",
              errorCode: vendor?.code ?? e.options?.code ?? "FAILED",
              vendorRequestId: vendor?.requestId ?? e.options?.requestId ?? null,
              message: vendor?.userMessage ?? e.message ?? null,
            })
            .catch(() => undefined);
        }
      },
      { concurrency: deps.concurrency ?? 4 },
    );

    if (lost) return "lost";
    const now = new Date();
    const [completed] = await db
      .update(bulkGrantJobs)
      .set({ status: "completed", finishedAt: now, updatedAt: now, leaseOwner: null, leaseExpiresAt: null })
      .where(and(eq(bulkGrantJobs.id, job.id), eq(bulkGrantJobs.leaseOwner, holder)))
      .returning();
    if (completed && todo.length > 0) await auditRound(deps, completed, todo.map((u) => u.userId));
    return "done";
  } finally {
    clearInterval(heartbeat);
    // On an error the lease is handed back so the next poll can resume at once.
    await db
      .update(bulkGrantJobs)
      .set({ leaseOwner: null, leaseExpiresAt: null })
      .where(and(eq(bulkGrantJobs.id, job.id), eq(bulkGrantJobs.leaseOwner, holder)))
      .catch(() => undefined);
  }
}

/**
 * One entry per finished round saying how it went as a whole: success when every user of the
 * round got access, failure when none did, partial with how many failed. Items unsettled at the
 * end count as failed: the round did not achieve them.
 */
async function auditRound(deps: RunnerDeps, job: BulkJobRow, userIds: string[]) {
  const ops = await deps.db.select().from(cloudOperations).where(eq(cloudOperations.jobId, job.id));
  const round = new Set(userIds);
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

async function insertSettled(
  db: DB,
  job: BulkJobRow,
  user: { userId: string; name: string },
  key: string,
  s: { status: "failed"; errorCode: string; errorMessage: string },
) {
  await db
    .insert(cloudOperations)
    .values({
      idempotencyKey: key,
      kind: GRANT_KIND,
      cloudAccountId: job.cloudAccountId,
      target: grantTarget(job.proxyId, user.userId),
      params: { tenantId: job.tenantId, proxyId: job.proxyId, instanceId: job.instanceId, userId: user.userId, userName: user.name, reason: job.reason },
      status: s.status,
      errorCode: s.errorCode,
      errorMessage: s.errorMessage,
      jobId: job.id,
      createdBy: roundActor(job)?.id ?? null,
    })
    .onConflictDoNothing({ target: cloudOperations.idempotencyKey });
}
