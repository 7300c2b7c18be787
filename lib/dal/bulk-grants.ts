import "server-only";
import { actionError } from "@/lib/actions/action-error";
import { and, desc, eq, gt, or } from "drizzle-orm";
import type { ActionContext } from "@/lib/actions/safe-action";
import { can, resourceKey, type ResourceKey } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { currentLocale } from "@/lib/i18n/request-locale";
import type { DB } from "@/lib/db/client";
import { bulkGrantJobs, cloudOperations } from "@/lib/db/schema";
import type { BulkGrantInput } from "@/lib/validation/proxy-accesses";
import { queueRound } from "./bulk-grants-jobs";
import { findJob } from "./bulk-grants-runner";
import { toJobDto, type BulkJobDto } from "./bulk-grants-view";
import { scopeFor } from "./proxy-accesses-scope";

export type { BulkJobDto, BulkJobItemDto } from "./bulk-grants-view";

export interface BulkJobSummaryDto {
  id: string;
  status: "running" | "completed";
  total: number;
  createdAt: string;
  createdByEmail: string | null;
}

/**
 * Starts a bulk grant (one job per idempotency key) and queues its first round. Returns at once:
 * every DMS call, the user directory included, happens in the job.
 */
export async function createBulkGrantJob(actor: Actor, input: BulkGrantInput, ctx: ActionContext): Promise<{ jobId: string; created: boolean }> {
  const scope = await scopeFor(actor, input, "proxyAccess:grant");
  const db = await getDb();
  const [earlier] = await db.select().from(bulkGrantJobs).where(eq(bulkGrantJobs.idempotencyKey, input.idempotencyKey)).limit(1);
  if (earlier) {
    if (earlier.proxyId !== scope.proxyId || earlier.createdBy !== actor.id) {
      throw actionError("bulkFormReused", { code: "IDEMPOTENCY_MISMATCH" });
    }
    ctx.setOutcome({ params: { jobId: earlier.id, replayed: true } });
    return { jobId: earlier.id, created: false };
  }
  const [job] = await db
    .insert(bulkGrantJobs)
    .values({
      idempotencyKey: input.idempotencyKey,
      cloudAccountId: scope.accountId,
      tenantId: scope.tenantId,
      proxyId: scope.proxyId,
      instanceId: scope.instanceId,
      // Names and uids are filled in by the round, from DMS's directory.
      users: input.userIds.map((userId) => ({ userId, name: "", uid: "" })),
      reason: input.reason,
      createdBy: actor.id,
      createdByEmail: actor.email,
      createdByRoles: actor.roles,
    })
    .onConflictDoNothing({ target: bulkGrantJobs.idempotencyKey })
    .returning();
  if (!job) {
    const [raced] = await db.select().from(bulkGrantJobs).where(eq(bulkGrantJobs.idempotencyKey, input.idempotencyKey)).limit(1);
    if (!raced) throw new Error("bulk job vanished");
    return { jobId: raced.id, created: false };
  }
  await queueRound(job.id, job.round);
  ctx.setOutcome({ target: `dms-proxy:${scope.proxyId}`, params: { jobId: job.id, instanceId: scope.instanceId, users: input.userIds.length } });
  return { jobId: job.id, created: true };
}

/** The resource a job acts on, for the retry action's resource hook; null when the job does not exist. */
export async function bulkJobResource(jobId: string): Promise<ResourceKey | null> {
  const job = await findJob(await getDb(), jobId);
  return job ? resourceKey("dms-instance", job.instanceId) : null;
}

/**
 * A job with its per-user results, for the actor if they may read its instance ("not yours" is
 * not found).
 */
export async function getBulkJob(actor: Actor, jobId: string): Promise<{ job: BulkJobDto } | null> {
  const db = await getDb();
  const job = await findJob(db, jobId);
  if (!job || !can(actor, "proxyAccess:read", resourceKey("dms-instance", job.instanceId))) return null;
  const ops = await db.select().from(cloudOperations).where(eq(cloudOperations.jobId, job.id));
  return { job: toJobDto(job, ops, await currentLocale(actor.locale)) };
}

/**
 * Puts the failed (and unsettled) users of a finished job into a new round, which runs and is
 * audited in the retrying actor's name (checked against their own rights when it starts).
 */
export async function retryBulkJob(actor: Actor, jobId: string, ctx: ActionContext): Promise<{ jobId: string; retrying: number }> {
  const db = await getDb();
  const job = await findJob(db, jobId);
  if (!job) throw actionError("jobNotFound", { code: "NOT_FOUND" });
  if (job.status !== "completed") throw actionError("jobStillRunning", { code: "IN_PROGRESS" });
  const ops = await db.select().from(cloudOperations).where(eq(cloudOperations.jobId, job.id));
  const dto = toJobDto(job, ops);
  const retrying = dto.items.filter((i) => i.state === "failed" || i.state === "unknown").length;
  if (retrying === 0) throw actionError("nothingToRetry", { code: "NOTHING_TO_RETRY" });
  const [updated] = await db
    .update(bulkGrantJobs)
    .set({
      round: job.round + 1,
      status: "running",
      finishedAt: null,
      updatedAt: new Date(),
      retriedBy: actor.id,
      retriedByEmail: actor.email,
      retriedByRoles: [...actor.roles],
    })
    .where(and(eq(bulkGrantJobs.id, job.id), eq(bulkGrantJobs.status, "completed"), eq(bulkGrantJobs.round, job.round)))
    .returning();
  if (!updated) throw actionError("alreadyRetried", { code: "IN_PROGRESS" });
  await queueRound(job.id, updated.round);
  ctx.setOutcome({ target: `dms-proxy:${job.proxyId}`, params: { jobId: job.id, round: updated.round, retrying } });
  return { jobId: job.id, retrying };
}

/** Running jobs and those finished in the last day on this proxy, newest first. */
export async function listJobsOfProxy(db: DB, accountId: string, proxyId: string): Promise<BulkJobSummaryDto[]> {
  const since = new Date(Date.now() - 24 * 3_600_000);
  const jobs = await db
    .select()
    .from(bulkGrantJobs)
    .where(and(eq(bulkGrantJobs.cloudAccountId, accountId), eq(bulkGrantJobs.proxyId, proxyId), or(eq(bulkGrantJobs.status, "running"), gt(bulkGrantJobs.createdAt, since))))
    .orderBy(desc(bulkGrantJobs.createdAt))
    .limit(5);
  return jobs.map((j) => ({ id: j.id, status: j.status, total: j.users.length, createdAt: j.createdAt.toISOString(), createdByEmail: j.createdByEmail }));
}
