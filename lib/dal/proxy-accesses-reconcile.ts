import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { bulkGrantJobs } from "@/lib/db/schema";
import type { DmsProxyAccess } from "@/lib/providers/alibaba/dms";
import { grantLockKey, revokeLockKey, tryLock, type HeldLock } from "./proxy-accesses-locks";
import { GRANT_KIND, openOperationsOf, RECONCILE_ACTION, settleOperation, type OperationRow, type OpsDeps } from "./proxy-accesses-records";

export interface UnsettledOperationDto {
  id: string;
  kind: "grant" | "revoke";
  status: "pending" | "unknown";
  userName: string;
  proxyAccessId: string | null;
  createdAt: string;
}

/**
 * Anything touched more recently may still be between its claim and its lock. Whether a change is
 * still at DMS is decided by its lock, not by age: see reconcileProxyOperations.
 */
export const RECONCILE_MIN_AGE_MS = 60_000;

/** How long reconciliation holds a pair's lock: one list read (with its retries) and a few writes. */
const RECONCILE_LOCK_MS = 2 * 60_000;

export { RECONCILE_ACTION };

function describe(op: OperationRow): UnsettledOperationDto {
  const p = op.params as { userName?: string; userId?: string; proxyAccessId?: string };
  return {
    id: op.id,
    kind: op.kind === GRANT_KIND ? "grant" : "revoke",
    status: op.status === "unknown" ? "unknown" : "pending",
    userName: p.userName || (p.userId ? `User ${p.userId}` : "unknown user"),
    proxyAccessId: p.proxyAccessId ?? null,
    createdAt: op.createdAt.toISOString(),
  };
}

/** The lock the operation's own call holds while it is at DMS. */
function lockKeyOf(op: OperationRow, proxyId: string): string {
  const p = op.params as { userId?: string; proxyAccessId?: string };
  return op.kind === GRANT_KIND ? grantLockKey(proxyId, String(p.userId ?? "")) : revokeLockKey(proxyId, String(p.proxyAccessId ?? ""));
}

async function runningJobsOf(db: OpsDeps["db"], open: readonly OperationRow[]): Promise<Set<string>> {
  const jobIds = [...new Set(open.map((o) => o.jobId).filter((id): id is string => Boolean(id)))];
  if (!jobIds.length) return new Set();
  const rows = await db.select({ id: bulkGrantJobs.id }).from(bulkGrantJobs).where(and(inArray(bulkGrantJobs.id, jobIds), eq(bulkGrantJobs.status, "running")));
  return new Set(rows.map((j) => j.id));
}

/**
 * Settles the proxy's pending and unknown operations against DMS: a grant happened if the user
 * now holds access, a revoke if the access is gone. An operation is judged only while this call
 * holds its pair's lock, which the grant or revoke itself holds for as long as it is at DMS (a
 * lock left by a dead call expires after OPERATION_LOCK_TTL_MS), and against a list read under
 * that lock, so nothing still in flight is judged and nothing that landed is missed. Items of a
 * running bulk job are left to its runner. Returns what is still open.
 */
export async function reconcileProxyOperations(
  deps: OpsDeps,
  scope: { accountId: string; proxyId: string; tenantId?: string },
): Promise<{ settled: number; unsettled: UnsettledOperationDto[] }> {
  const { db } = deps;
  const now = deps.now?.() ?? Date.now();
  const open = await openOperationsOf(db, scope.accountId, scope.proxyId);
  if (open.length === 0) return { settled: 0, unsettled: [] };
  const running = await runningJobsOf(db, open);

  const unsettled: UnsettledOperationDto[] = [];
  const held: OperationRow[] = [];
  // Several open rows may share a pair (two unknown grants of one user): one lock serves them all.
  const locks = new Map<string, HeldLock | null>();
  try {
    for (const op of open) {
      if (op.jobId && running.has(op.jobId)) continue;
      const key = lockKeyOf(op, scope.proxyId);
      const due = now - op.updatedAt.getTime() >= RECONCILE_MIN_AGE_MS;
      if (due && !locks.has(key)) locks.set(key, await tryLock(db, key, RECONCILE_LOCK_MS));
      if (due && locks.get(key)) held.push(op);
      else unsettled.push(describe(op));
    }
    if (!held.length) return { settled: 0, unsettled };
    let accesses: DmsProxyAccess[];
    try {
      const tid = scope.tenantId ?? (held[0]!.params as { tenantId?: string }).tenantId;
      accesses = (await deps.dms.listProxyAccesses({ proxyId: scope.proxyId, tid })).items;
    } catch (error) {
      console.error("[proxy-accesses] reconcile could not read the list:", error instanceof Error ? error.message : error);
      return { settled: 0, unsettled: [...unsettled, ...held.map(describe)] };
    }
    let settled = 0;
    for (const op of held) {
      if (await settleAgainst(deps, op, accesses)) settled += 1;
      else unsettled.push(describe(op));
    }
    return { settled, unsettled };
  } finally {
    await Promise.all([...locks.values()].map((lock) => lock?.release().catch(() => undefined)));
  }
}

/** Settles one operation from the list, unless its row changed since it was read. */
async function settleAgainst(deps: OpsDeps, op: OperationRow, accesses: readonly DmsProxyAccess[]): Promise<boolean> {
  const p = op.params as { userId?: string; proxyAccessId?: string; userName?: string };
  const isGrant = op.kind === GRANT_KIND;
  const found = isGrant ? accesses.find((a) => a.userId && a.userId === String(p.userId ?? ""))?.proxyAccessId : undefined;
  const happened = isGrant ? found !== undefined : !accesses.some((a) => a.proxyAccessId === String(p.proxyAccessId ?? ""));
  const ok = await settleOperation(
    deps.db,
    op.id,
    happened
      ? { status: "succeeded", result: { ...(isGrant ? { proxyAccessId: found, outcome: "granted" } : {}), reconciled: true }, vendorRequestId: op.vendorRequestId }
      : { status: "failed", errorCode: "NOT_APPLIED", errorMessage: "DMS shows the change did not happen; nothing was repeated.", vendorRequestId: op.vendorRequestId },
    { status: op.status, updatedAt: op.updatedAt },
  );
  if (!ok) return false;
  await deps.audit({
    actor: null,
    action: RECONCILE_ACTION,
    target: op.target,
    params: { operationId: op.id, kind: op.kind, was: op.status, userId: p.userId ?? null, userName: p.userName ?? null, proxyAccessId: found ?? p.proxyAccessId ?? null },
    outcome: happened ? "success" : "failure",
    errorCode: happened ? null : "NOT_APPLIED",
    vendorRequestId: op.vendorRequestId,
    message: happened
      ? `settled by reconciliation: the ${isGrant ? "grant" : "revoke"} is reflected in DMS`
      : `settled by reconciliation: the ${isGrant ? "grant" : "revoke"} did not happen in DMS`,
  }).catch((error) => console.error("[proxy-accesses] reconcile audit failed:", error instanceof Error ? error.message : error));
  return true;
}
