import "server-only";
import { and, desc, eq, gt, or } from "drizzle-orm";
import { ActionError } from "@/lib/actions/result";
import type { ActionContext } from "@/lib/actions/safe-action";
import { appendAudit } from "@/lib/audit/log";
import { can, resourceKey, type ResourceKey } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { DB } from "@/lib/db/client";
import { bulkGrantJobs, cloudAccounts, cloudOperations } from "@/lib/db/schema";
import { pacedClientOptions } from "@/lib/pacing/console-pacer";
import { createDmsClient } from "@/lib/providers/factory";
import type { BulkGrantInput } from "@/lib/validation/proxy-accesses";
import { roundActorMayGrant } from "./bulk-grants-actor";
import { runBulkGrantJob, type BulkJobRow, type RunnerDeps } from "./bulk-grants-runner";
import { toJobDto, type BulkJobDto } from "./bulk-grants-view";
import { connectionOf } from "./cloud-accounts";
import { scopeFor } from "./proxy-accesses-scope";

export type { BulkJobDto, BulkJobItemDto } from "./bulk-grants-view";

export interface BulkJobSummaryDto {
  id: string;
  status: "running" | "completed";
  total: number;
  createdAt: string;
  createdByEmail: string | null;
}

/** The runner's dependencies in the running console: its database, the job's stored account, the audit log. */
function runnerDeps(db: DB): RunnerDeps {
  return {
    db,
    audit: appendAudit,
    connect: async (job) => {
      if (!job.cloudAccountId) throw new Error("job has no cloud account");
      const [row] = await db.select().from(cloudAccounts).where(eq(cloudAccounts.id, job.cloudAccountId)).limit(1);
      if (!row || row.vendor !== "alibaba") throw new Error("cloud account gone");
      return createDmsClient(connectionOf(row), pacedClientOptions("background"));
    },
    // A round acts in the name of whoever started it: if they were disabled or lost the instance since, it stops.
    mayGrant: (job) => roundActorMayGrant(db, job),
  };
}

const g = globalThis as unknown as { __bulkGrantRunners?: Set<string> };
const runningHere = (g.__bulkGrantRunners ??= new Set<string>());

/**
 * Runs or resumes a job in this process unless this process already runs it; the lease keeps
 * other instances out. Call it from `after()` so the request does not wait for the job.
 */
export async function resumeBulkJob(jobId: string): Promise<void> {
  if (runningHere.has(jobId)) return;
  runningHere.add(jobId);
  try {
    await runBulkGrantJob(runnerDeps(await getDb()), jobId);
  } catch (error) {
    console.error(`[bulk-grant ${jobId}] runner stopped:`, error instanceof Error ? error.message : error);
  } finally {
    runningHere.delete(jobId);
  }
}

function needsRunner(job: BulkJobRow): boolean {
  return job.status === "running" && (!job.leaseExpiresAt || job.leaseExpiresAt.getTime() < Date.now()) && !runningHere.has(job.id);
}

/** Starts a bulk grant (one job per idempotency key). The caller starts the runner with resumeBulkJob. */
export async function createBulkGrantJob(actor: Actor, input: BulkGrantInput, ctx: ActionContext): Promise<{ jobId: string; created: boolean }> {
  const scope = await scopeFor(actor, input, "proxyAccess:grant");
  const db = await getDb();
  const [earlier] = await db.select().from(bulkGrantJobs).where(eq(bulkGrantJobs.idempotencyKey, input.idempotencyKey)).limit(1);
  if (earlier) {
    if (earlier.proxyId !== scope.proxyId || earlier.createdBy !== actor.id) {
      throw new ActionError("This form was already used for another bulk grant. Close it and open a new one.", { code: "IDEMPOTENCY_MISMATCH" });
    }
    ctx.setOutcome({ params: { jobId: earlier.id, replayed: true } });
    return { jobId: earlier.id, created: false };
  }
  const directory = new Map((await scope.dms.listAllUsers({ tid: scope.tenantId })).map((u) => [u.userId, u]));
  const unknown = input.userIds.filter((id) => !directory.has(id) || directory.get(id)?.state === "DELETE");
  if (unknown.length) {
    throw new ActionError(`${unknown.length} of the chosen users are not DMS users of this tenant: ${unknown.slice(0, 10).join(", ")}.`, {
      fieldErrors: { userIds: ["Some users are not in this tenant"] },
    });
  }
  const [job] = await db
    .insert(bulkGrantJobs)
    .values({
      idempotencyKey: input.idempotencyKey,
      cloudAccountId: scope.accountId,
      tenantId: scope.tenantId,
      proxyId: scope.proxyId,
      instanceId: scope.instanceId,
      users: input.userIds.map((userId) => ({ userId, name: directory.get(userId)?.nickName ?? "", uid: directory.get(userId)?.uid ?? "" })),
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
  ctx.setOutcome({ target: `dms-proxy:${scope.proxyId}`, params: { jobId: job.id, instanceId: scope.instanceId, users: input.userIds.length } });
  return { jobId: job.id, created: true };
}

async function findJob(db: DB, jobId: string): Promise<BulkJobRow | undefined> {
  const [job] = await db.select().from(bulkGrantJobs).where(eq(bulkGrantJobs.id, jobId)).limit(1);
  return job;
}

/** The resource a job acts on, for the retry action's resource hook; null when the job does not exist. */
export async function bulkJobResource(jobId: string): Promise<ResourceKey | null> {
  const job = await findJob(await getDb(), jobId);
  return job ? resourceKey("dms-instance", job.instanceId) : null;
}

/**
 * A job with its per-user results, for the actor if they may read its instance ("not yours" is
 * not found). Reports whether its runner needs (re)starting: running with no live lease.
 */
export async function getBulkJob(actor: Actor, jobId: string): Promise<{ job: BulkJobDto; needsRunner: boolean } | null> {
  const db = await getDb();
  const job = await findJob(db, jobId);
  if (!job || !can(actor, "proxyAccess:read", resourceKey("dms-instance", job.instanceId))) return null;
  const ops = await db.select().from(cloudOperations).where(eq(cloudOperations.jobId, job.id));
  return { job: toJobDto(job, ops), needsRunner: needsRunner(job) };
}

/**
 * Puts the failed (and unsettled) users of a finished job into a new round, which runs and is
 * audited in the retrying actor's name (checked against their own rights when it starts).
 */
export async function retryBulkJob(actor: Actor, jobId: string, ctx: ActionContext): Promise<{ jobId: string; retrying: number }> {
  const db = await getDb();
  const job = await findJob(db, jobId);
  if (!job) throw new ActionError("That job was not found.", { code: "NOT_FOUND" });
  if (job.status !== "completed") throw new ActionError("The job is still running; retry once it has finished.", { code: "IN_PROGRESS" });
  const ops = await db.select().from(cloudOperations).where(eq(cloudOperations.jobId, job.id));
  const dto = toJobDto(job, ops);
  const retrying = dto.items.filter((i) => i.state === "failed" || i.state === "unknown").length;
  if (retrying === 0) throw new ActionError("Nothing failed in this job; there is nothing to retry.", { code: "NOTHING_TO_RETRY" });
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
  if (!updated) throw new ActionError("Someone else has just retried this job.", { code: "IN_PROGRESS" });
  ctx.setOutcome({ target: `dms-proxy:${job.proxyId}`, params: { jobId: job.id, round: updated.round, retrying } });
  return { jobId: job.id, retrying };
}

/** Running jobs and those finished in the last day on this proxy, newest first; starts runners that died. */
export async function listJobsOfProxy(db: DB, accountId: string, proxyId: string): Promise<BulkJobSummaryDto[]> {
  const since = new Date(Date.now() - 24 * 3_600_000);
  const jobs = await db
    .select()
    .from(bulkGrantJobs)
    .where(and(eq(bulkGrantJobs.cloudAccountId, accountId), eq(bulkGrantJobs.proxyId, proxyId), or(eq(bulkGrantJobs.status, "running"), gt(bulkGrantJobs.createdAt, since))))
    .orderBy(desc(bulkGrantJobs.createdAt))
    .limit(5);
  for (const job of jobs) if (needsRunner(job)) void resumeBulkJob(job.id);
  return jobs.map((j) => ({ id: j.id, status: j.status, total: j.users.length, createdAt: j.createdAt.toISOString(), createdByEmail: j.createdByEmail }));
}

/**
 * Finds running jobs whose runner died (no live lease) and resumes them here. Called on a timer by
 * every console instance, so a job survives a restart even if nobody opens its page; the lease
 * makes sure only one instance runs it.
 */
export async function resumeAbandonedBulkJobs(): Promise<number> {
  const db = await getDb();
  const running = await db.select().from(bulkGrantJobs).where(eq(bulkGrantJobs.status, "running"));
  const abandoned = running.filter(needsRunner);
  for (const job of abandoned) void resumeBulkJob(job.id);
  return abandoned.length;
}
