import "server-only";
import type { bulkGrantJobs, cloudOperations } from "@/lib/db/schema";
import { operationErrorText } from "@/lib/operations/error-text";
import { unknownOutcomeText } from "./proxy-accesses-records";

type JobRow = typeof bulkGrantJobs.$inferSelect;
type OperationRow = typeof cloudOperations.$inferSelect;

export type BulkItemState = "waiting" | "running" | "granted" | "already" | "failed" | "unknown";

export interface BulkJobItemDto {
  userId: string;
  name: string;
  uid: string;
  state: BulkItemState;
  proxyAccessId: string | null;
  code: string | null;
  message: string | null;
  requestId: string | null;
  /** How many rounds (first run + retries) this user has been through. */
  attempts: number;
}

export interface BulkJobDto {
  id: string;
  status: "running" | "completed";
  tenantId: string;
  proxyId: string;
  instanceId: string;
  reason: string;
  round: number;
  createdAt: string;
  finishedAt: string | null;
  createdByEmail: string | null;
  /** Who started the latest retry round (null before any retry). */
  retriedByEmail: string | null;
  /** Running, and an item's runner died mid-call (its lease ran out): another instance takes it over. */
  stalled: boolean;
  counts: Record<BulkItemState, number>;
  items: BulkJobItemDto[];
}

function stateOf(op: OperationRow | undefined, running: boolean): BulkItemState {
  if (!op) return "waiting";
  if (op.status === "succeeded") return op.result?.outcome === "already" ? "already" : "granted";
  if (op.status === "failed") return "failed";
  // While the job runs, its item job (or reconciliation) is still finding out: not a result yet.
  if (op.status === "unknown") return running ? "running" : "unknown";
  // pending, or retrying after throttling: a refusal the queue retries is not shown as one.
  return "running";
}

function messageOf(state: BulkItemState, op: OperationRow | undefined, locale: string): string | null {
  if (state === "unknown") return unknownOutcomeText(op, locale);
  return op ? operationErrorText(op, locale) : null;
}

/**
 * Per-user results from the latest operation of each user (earlier rounds are history), vendor
 * errors in `locale` (the viewer's; English for the audit's summary).
 */
export function toJobDto(job: JobRow, ops: OperationRow[], locale = "en"): BulkJobDto {
  const byUser = new Map<string, OperationRow[]>();
  for (const op of ops) {
    const userId = String((op.params as { userId?: string }).userId ?? "");
    byUser.set(userId, [...(byUser.get(userId) ?? []), op]);
  }
  const counts: Record<BulkItemState, number> = { waiting: 0, running: 0, granted: 0, already: 0, failed: 0, unknown: 0 };
  const items = job.users.map((u): BulkJobItemDto => {
    const mine = (byUser.get(u.userId) ?? []).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const latest = mine.at(-1);
    // A user whose earlier round failed waits again once a retry round has started.
    const retried = latest && job.status === "running" && (latest.status === "failed" || latest.status === "unknown") && !latest.idempotencyKey.includes(`:r${job.round}:`);
    const state = retried ? "waiting" : stateOf(latest, job.status === "running");
    counts[state] += 1;
    const failed = state === "failed" || state === "unknown";
    return {
      userId: u.userId,
      name: u.name,
      uid: u.uid,
      state,
      proxyAccessId: latest?.result?.proxyAccessId ? String(latest.result.proxyAccessId) : null,
      code: failed ? (latest?.errorCode ?? null) : null,
      message: failed ? messageOf(state, latest, locale) : null,
      requestId: failed ? (latest?.vendorRequestId ?? null) : null,
      attempts: mine.length,
    };
  });
  return {
    id: job.id,
    status: job.status,
    tenantId: job.tenantId,
    proxyId: job.proxyId,
    instanceId: job.instanceId,
    reason: job.reason,
    round: job.round,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    createdByEmail: job.createdByEmail,
    retriedByEmail: job.retriedBy ? (job.retriedByEmail ?? "unknown") : null,
    stalled: job.status === "running" && ops.some((o) => o.status === "pending" && (!o.leaseUntil || o.leaseUntil.getTime() < Date.now())),
    counts,
    items,
  };
}
