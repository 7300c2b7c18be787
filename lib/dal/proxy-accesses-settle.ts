import "server-only";
import {
  findOperationById,
  GRANT_KIND,
  RECONCILE_ACTION,
  settleOperation,
  type OperationRow,
  type OpsDeps,
  type Settlement,
} from "./proxy-accesses-records";

/*
 * How a grant or revoke writes its own outcome. It only overwrites its own pending row: when the
 * row was settled by someone else first (reconciliation after its lock expired, a bulk runner that
 * took the item over), the late first-hand outcome is not thrown away and not silently swapped in.
 */

function agrees(row: OperationRow, s: Settlement): boolean {
  if (row.status !== s.status) return false;
  if (s.status !== "succeeded" || row.kind !== GRANT_KIND) return true;
  return String(row.result?.proxyAccessId ?? "") === String(s.result?.proxyAccessId ?? "");
}

/**
 * Settles the call's own row if it is still pending. Otherwise a definite late outcome that
 * disagrees with the earlier settlement replaces it, and an audit entry (no actor) says the
 * earlier settlement was corrected; a late "unknown" adds nothing and leaves the row alone.
 */
export async function settleOwnOperation(deps: Pick<OpsDeps, "db" | "audit">, row: OperationRow, s: Settlement): Promise<void> {
  const { db, audit } = deps;
  if (await settleOperation(db, row.id, s, { status: "pending" })) return;
  const current = await findOperationById(db, row.id);
  if (!current || current.status === "pending" || s.status === "unknown" || agrees(current, s)) return;
  const earlier = { status: current.status, errorCode: current.errorCode, proxyAccessId: current.result?.proxyAccessId ?? null };
  const corrected = await settleOperation(
    db,
    row.id,
    { ...s, result: { ...(s.result ?? {}), corrected: earlier } },
    { status: current.status, updatedAt: current.updatedAt },
  );
  if (!corrected) {
    console.error(`[proxy-accesses] operation ${row.id} changed while its late outcome (${s.status}) was being recorded`);
    return;
  }
  const kind = row.kind === GRANT_KIND ? "grant" : "revoke";
  const p = row.params as { userId?: string; userName?: string; proxyAccessId?: string };
  await audit({
    actor: null,
    action: RECONCILE_ACTION,
    target: row.target,
    params: {
      operationId: row.id,
      kind: row.kind,
      was: current.status,
      wasErrorCode: current.errorCode,
      now: s.status,
      userId: p.userId ?? null,
      userName: p.userName ?? null,
      proxyAccessId: s.result?.proxyAccessId ?? p.proxyAccessId ?? null,
    },
    outcome: s.status === "succeeded" ? "success" : "failure",
    errorCode: s.errorCode ?? null,
    vendorRequestId: s.vendorRequestId ?? null,
    message: `earlier settlement corrected: it said ${current.status}${current.errorCode ? ` (${current.errorCode})` : ""}, but the ${kind} ${s.status === "succeeded" ? "happened" : "failed"} in DMS`,
  }).catch((error) => console.error("[proxy-accesses] correction audit failed:", error instanceof Error ? error.message : error));
}
