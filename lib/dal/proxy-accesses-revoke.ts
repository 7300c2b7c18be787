import "server-only";
import { randomUUID } from "node:crypto";
import { mapWithConcurrency } from "@/lib/providers/concurrency";
import { dmsProxyResource, invalidate } from "@/lib/read-cache/console-reads";
import { OPERATION_LOCK_TTL_MS, revokeLockKey, tryLock } from "./proxy-accesses-locks";
import {
  claimOperation,
  findOperation,
  findOperationById,
  holdOperation,
  releaseClaim,
  REVOKE_KIND,
  revokeTarget,
  settlementOf,
  UNKNOWN_OUTCOME_MESSAGE,
  waitForSettled,
  type OperationRow,
  type OpsDeps,
  type Settlement,
} from "./proxy-accesses-records";
import { settleOwnOperation } from "./proxy-accesses-settle";

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
  const { db, dms } = deps;
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
          if (earlier) {
            const settled = earlier.status === "pending" ? await waitForSettled(db, key) : earlier;
            if (settled) return fromRow(settled, userName);
          }
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
        if (!claimed) {
          const settled = await waitForSettled(db, key);
          return settled ? fromRow(settled, userName) : inProgress(proxyAccessId, userName);
        }
        // Held while the delete is in flight, so reconciliation never judges it half-way.
        const lock = await tryLock(db, revokeLockKey(req.proxyId, proxyAccessId), OPERATION_LOCK_TTL_MS);
        if (!lock) {
          await releaseClaim(db, row.id);
          return inProgress(proxyAccessId, userName);
        }
        try {
          return await revokeHeld(deps, req, row, { proxyAccessId, userName, userId: access.userId, target });
        } finally {
          await lock.release().catch(() => undefined);
        }
      },
      { concurrency: 4 },
    )
  ).map((r, i) =>
    r.ok ? r.value : { proxyAccessId: req.proxyAccessIds[i]!, userName: `access ${req.proxyAccessIds[i]}`, ok: false, code: "INTERNAL", message: "The console failed on this access." },
  );
}

function inProgress(proxyAccessId: string, userName: string): RevokeItemResult {
  return { proxyAccessId, userName, ok: false, code: "IN_PROGRESS", message: "Another revoke of this access is in progress; nothing was sent. Check the list in a moment." };
}

/** The audited delete of one claimed access, under its lock. */
async function revokeHeld(
  deps: OpsDeps,
  req: RevokeRequest,
  row: OperationRow,
  item: { proxyAccessId: string; userName: string; userId: string | undefined; target: string },
): Promise<RevokeItemResult> {
  const { db, dms, audit } = deps;
  const { proxyAccessId, userName, target } = item;
  if (!(await holdOperation(db, row.id))) {
    // Reconciliation settled it while this call waited: nothing is sent, the row answers.
    const settled = await findOperationById(db, row.id);
    return settled ? fromRow(settled, userName) : inProgress(proxyAccessId, userName);
  }
  const settle = (s: Settlement) => settleOwnOperation(deps, row, s);
  const correlationId = randomUUID();
  const entry = {
    actor: req.actor,
    action: REVOKE_ITEM_ACTION,
    target,
    params: { proxyId: req.proxyId, instanceId: req.instanceId, proxyAccessId, userId: item.userId, userName, reason: req.reason ?? null },
    correlationId,
    ...req.meta,
  };
  try {
    await audit({ ...entry, outcome: "intent" });
  } catch {
    await settle({ status: "failed", errorCode: "AUDIT_UNAVAILABLE", errorMessage: "The audit log could not be written; nothing was sent to DMS." });
    return { proxyAccessId, userName, ok: false, code: "AUDIT_UNAVAILABLE", message: "The audit log could not be written; nothing was sent to DMS." };
  }
  try {
    const done = await dms.deleteProxyAccess({ proxyAccessId, tid: req.tenantId });
    await settle({ status: "succeeded", result: { alreadyGone: done.alreadyGone }, vendorRequestId: done.requestId ?? null });
    await audit({ ...entry, outcome: "success", vendorRequestId: done.requestId ?? null, message: done.alreadyGone ? "already gone when retried" : null }).catch(() => undefined);
    return { proxyAccessId, userName, ok: true, alreadyGone: done.alreadyGone };
  } catch (error) {
    const s = settlementOf(error);
    await settle(s);
    await audit({ ...entry, outcome: "failure", errorCode: s.errorCode, vendorRequestId: s.vendorRequestId, message: s.errorMessage }).catch(() => undefined);
    return fromRow({ ...row, ...s, result: s.result ?? null, errorCode: s.errorCode ?? null, errorMessage: s.errorMessage ?? null, vendorRequestId: s.vendorRequestId ?? null }, userName);
  } finally {
    await invalidate(dmsProxyResource(req.proxyId));
  }
}
