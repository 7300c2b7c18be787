import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { bulkGrantJobs } from "@/lib/db/schema";
import { GRANT_KIND, openOperationsOf, settleOperation, type OperationRow, type OpsDeps } from "./proxy-accesses-records";

export interface UnsettledOperationDto {
  id: string;
  kind: "grant" | "revoke";
  status: "pending" | "unknown";
  userName: string;
  proxyAccessId: string | null;
  createdAt: string;
}

/** Anything younger may still be at the vendor (a create retries for up to a minute or so). */
export const RECONCILE_MIN_AGE_MS = 60_000;

export const RECONCILE_ACTION = "proxy-accesses.reconcile";

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

/**
 * Settles the proxy's pending and unknown operations older than a minute against the list DMS
 * just returned: a grant happened if the user now holds access, a revoke if the access is gone.
 * Items of a bulk job that is still running are left to its runner. Returns what is still open.
 */
export async function reconcileProxyOperations(
  deps: OpsDeps,
  scope: { accountId: string; proxyId: string; accesses: readonly { proxyAccessId: string; userId?: string }[] },
): Promise<{ settled: number; unsettled: UnsettledOperationDto[] }> {
  const { db, audit } = deps;
  const now = deps.now?.() ?? Date.now();
  const open = await openOperationsOf(db, scope.accountId, scope.proxyId);
  if (open.length === 0) return { settled: 0, unsettled: [] };

  const jobIds = [...new Set(open.map((o) => o.jobId).filter((id): id is string => Boolean(id)))];
  const running = new Set(
    jobIds.length
      ? (await db.select({ id: bulkGrantJobs.id }).from(bulkGrantJobs).where(and(inArray(bulkGrantJobs.id, jobIds), eq(bulkGrantJobs.status, "running")))).map((j) => j.id)
      : [],
  );
  const byUser = new Map(scope.accesses.filter((a) => a.userId).map((a) => [a.userId!, a.proxyAccessId]));
  const ids = new Set(scope.accesses.map((a) => a.proxyAccessId));

  let settled = 0;
  const unsettled: UnsettledOperationDto[] = [];
  for (const op of open) {
    if (op.jobId && running.has(op.jobId)) continue;
    if (now - op.updatedAt.getTime() < RECONCILE_MIN_AGE_MS) {
      unsettled.push(describe(op));
      continue;
    }
    const p = op.params as { userId?: string; proxyAccessId?: string; userName?: string };
    const isGrant = op.kind === GRANT_KIND;
    const found = isGrant ? byUser.get(p.userId ?? "") : undefined;
    const happened = isGrant ? found !== undefined : !ids.has(p.proxyAccessId ?? "");
    const ok = await settleOperation(
      db,
      op.id,
      happened
        ? { status: "succeeded", result: { ...(isGrant ? { proxyAccessId: found, outcome: "granted" } : {}), reconciled: true }, vendorRequestId: op.vendorRequestId }
        : { status: "failed", errorCode: "NOT_APPLIED", errorMessage: "DMS shows the change did not happen; nothing was repeated.", vendorRequestId: op.vendorRequestId },
      { status: op.status, updatedAt: op.updatedAt },
    );
    if (!ok) continue;
    settled += 1;
    await audit({
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
  }
  return { settled, unsettled };
}
