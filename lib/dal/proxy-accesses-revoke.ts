import "server-only";
import { randomUUID } from "node:crypto";
import { mapWithConcurrency } from "@/lib/providers/concurrency";
import {
  claimOperation,
  findOperation,
  REVOKE_KIND,
  revokeTarget,
  settleOperation,
  settlementOf,
  UNKNOWN_OUTCOME_MESSAGE,
  waitForSettled,
  type OperationRow,
  type OpsDeps,
} from "./proxy-accesses-records";

export interface RevokeRequest {
  accountId: string;
  tenantId: string;
  proxyId: string;
  instanceId: string;
  proxyAccessIds: string[];
  reason?: string;
  idempotencyKey: string;
  actor: { id: string; email: string; roles: readonly string[] };
  meta: { ip: string | null; userAgent: string | null };
}

export interface RevokeItemResult {
  proxyAccessId: string;
  userName: string;
  ok: boolean;
  /** The access had already gone when a retried delete ran. */
  alreadyGone?: boolean;
  code?: string;
  message?: string;
  requestId?: string;
}

export const REVOKE_ITEM_ACTION = "proxy-accesses.revoke.access";

function fromRow(row: OperationRow, userName: string): RevokeItemResult {
  if (row.status === "succeeded") {
    return { proxyAccessId: String(row.params.proxyAccessId), userName, ok: true, alreadyGone: Boolean(row.result?.alreadyGone) };
  }
  const unknown = row.status === "unknown" || row.status === "pending";
  return {
    proxyAccessId: String(row.params.proxyAccessId),
    userName,
    ok: false,
    code: row.errorCode ?? (unknown ? "OUTCOME_UNKNOWN" : "FAILED"),
    message: unknown ? `${UNKNOWN_OUTCOME_MESSAGE} ${row.errorMessage ?? ""}`.trim() : (row.errorMessage ?? "The revoke failed."),
    requestId: row.vendorRequestId ?? undefined,
  };
}

/**
 * Revokes accesses of one proxy, each at most once per key. Only accesses that DMS lists on this
 * very proxy are deleted: DeleteProxyAccess takes nothing but the access id, so an id from another
 * proxy (or a forged one) must never reach it. Each access gets its own audit intent and outcome.
 */
export async function revokeProxyAccesses(deps: OpsDeps, req: RevokeRequest): Promise<RevokeItemResult[]> {
  const { db, dms, audit } = deps;
  const { items } = await dms.listProxyAccesses({ proxyId: req.proxyId, tid: req.tenantId });
  const onProxy = new Map(items.map((a) => [a.proxyAccessId, a]));

  return (
    await mapWithConcurrency(
      req.proxyAccessIds,
      async (proxyAccessId): Promise<RevokeItemResult> => {
        const access = onProxy.get(proxyAccessId);
        const userName = access?.userName || (access?.userId ? `User ${access.userId}` : `access ${proxyAccessId}`);
        const key = `${req.idempotencyKey}:${proxyAccessId}`;
        const target = revokeTarget(req.proxyId, proxyAccessId);
        if (!access) {
          // Gone already, or never on this proxy: a repeat of a settled revoke answers from its record.
          const earlier = await findOperation(db, key);
          if (earlier) return fromRow(earlier.status === "pending" ? await waitForSettled(db, key) : earlier, userName);
          return { proxyAccessId, userName, ok: false, code: "NOT_FOUND", message: "This access is not on this proxy (any more); nothing was sent to DMS." };
        }
        const { row, claimed } = await claimOperation(db, {
          idempotencyKey: key,
          kind: REVOKE_KIND,
          cloudAccountId: req.accountId,
          target,
          params: { tenantId: req.tenantId, proxyId: req.proxyId, instanceId: req.instanceId, proxyAccessId, userId: access.userId ?? null, userName, reason: req.reason ?? null },
          createdBy: req.actor.id,
        });
        if (!claimed) return fromRow(await waitForSettled(db, key), userName);

        const correlationId = randomUUID();
        const entry = {
          actor: req.actor,
          action: REVOKE_ITEM_ACTION,
          target,
          params: { proxyId: req.proxyId, instanceId: req.instanceId, proxyAccessId, userId: access.userId, userName, reason: req.reason ?? null },
          correlationId,
          ...req.meta,
        };
        try {
          await audit({ ...entry, outcome: "intent" });
        } catch {
          await settleOperation(db, row.id, { status: "failed", errorCode: "AUDIT_UNAVAILABLE", errorMessage: "The audit log could not be written; nothing was sent to DMS." });
          return { proxyAccessId, userName, ok: false, code: "AUDIT_UNAVAILABLE", message: "The audit log could not be written; nothing was sent to DMS." };
        }
        try {
          const done = await dms.deleteProxyAccess({ proxyAccessId, tid: req.tenantId });
          await settleOperation(db, row.id, { status: "succeeded", result: { alreadyGone: done.alreadyGone }, vendorRequestId: done.requestId ?? null });
          await audit({ ...entry, outcome: "success", vendorRequestId: done.requestId ?? null, message: done.alreadyGone ? "already gone when retried" : null }).catch(() => undefined);
          return { proxyAccessId, userName, ok: true, alreadyGone: done.alreadyGone };
        } catch (error) {
          const s = settlementOf(error);
          await settleOperation(db, row.id, s);
          await audit({ ...entry, outcome: "failure", errorCode: s.errorCode, vendorRequestId: s.vendorRequestId, message: s.errorMessage }).catch(() => undefined);
          return fromRow({ ...row, ...s, result: s.result ?? null, errorCode: s.errorCode ?? null, errorMessage: s.errorMessage ?? null, vendorRequestId: s.vendorRequestId ?? null }, userName);
        }
      },
      { concurrency: 4 },
    )
  ).map((r, i) =>
    r.ok ? r.value : { proxyAccessId: req.proxyAccessIds[i]!, userName: `access ${req.proxyAccessIds[i]}`, ok: false, code: "INTERNAL", message: "The console failed on this access." },
  );
}
