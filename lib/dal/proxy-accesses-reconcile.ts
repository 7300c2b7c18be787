import "server-only";
import { reconcileRows } from "@/lib/operations/reconcile";
import { findById } from "@/lib/operations/records";
import { GRANT_KIND, openOperationsOf, RECONCILE_ACTION, type OperationRow, type OpsDeps } from "./proxy-accesses-records";

export { RECONCILE_ACTION };
export { RECONCILE_MIN_AGE_MS } from "@/lib/operations/reconcile";

export interface UnsettledOperationDto {
  id: string;
  kind: "grant" | "revoke";
  status: "pending" | "unknown";
  userName: string;
  proxyAccessId: string | null;
  createdAt: string;
}

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
 * Settles the proxy's open changes that are due (an unknown outcome a minute old, a dead runner's
 * expired lease) against one fresh read of its list, through the ledger's reconciliation; a
 * change still at DMS is left to its own call. Returns what is still open.
 */
export async function reconcileProxyOperations(
  deps: OpsDeps,
  scope: { accountId: string; proxyId: string; tenantId?: string },
  opts: { now?: number } = {},
): Promise<{ settled: number; unsettled: UnsettledOperationDto[] }> {
  const open = await openOperationsOf(deps.db, scope.accountId, scope.proxyId);
  if (open.length === 0) return { settled: 0, unsettled: [] };
  const { settled, open: still } = await reconcileRows(deps, open, { client: deps.dms, now: opts.now });
  const unsettled: UnsettledOperationDto[] = [];
  for (const id of still) {
    const row = await findById(deps.db, id);
    if (row) unsettled.push(describe(row));
  }
  return { settled, unsettled };
}
