import "server-only";
import { errorWords } from "@/lib/actions/action-error";
import { auditWords } from "@/lib/audit/words";
import { localeOr } from "@/lib/i18n/locale";
import { currentLocale } from "@/lib/i18n/request-locale";
import { dmsRevoke, REVOKE_KIND } from "@/lib/operations/dms-proxy-access";
import { operationErrorText } from "@/lib/operations/error-text";
import { runOperation } from "@/lib/operations/ledger";
import { findByKey, waitForSettled } from "@/lib/operations/records";
import { mapWithConcurrency } from "@/lib/providers/concurrency";
import { revokeTarget, unknownOutcomeText, type OperationRow, type OpsDeps } from "./proxy-accesses-records";

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

function fromRow(row: OperationRow, userName: string, locale: string): RevokeItemResult {
  if (row.status === "succeeded") {
    return { proxyAccessId: String(row.params.proxyAccessId), userName, ok: true, alreadyGone: Boolean(row.result?.alreadyGone) };
  }
  const unknown = row.status !== "failed";
  return {
    proxyAccessId: String(row.params.proxyAccessId),
    userName,
    ok: false,
    code: row.errorCode ?? (unknown ? "OUTCOME_UNKNOWN" : "FAILED"),
    message: unknown ? unknownOutcomeText(row, locale) : (operationErrorText(row, locale) ?? errorWords(localeOr(locale), "revokeFailed")),
    requestId: row.vendorRequestId ?? undefined,
  };
}

function inProgress(proxyAccessId: string, userName: string, locale: string): RevokeItemResult {
  return { proxyAccessId, userName, ok: false, code: "IN_PROGRESS", message: errorWords(localeOr(locale), "revokeInProgress") };
}

/**
 * Revokes accesses of one proxy, each at most once per key, through the ledger. Only accesses
 * that DMS lists on this very proxy are deleted: DeleteProxyAccess takes nothing but the access
 * id, so an id from another proxy (or a forged one) must never reach it. Each access gets its own
 * audit intent and outcome.
 */
export async function revokeProxyAccesses(deps: OpsDeps, req: RevokeRequest): Promise<RevokeItemResult[]> {
  const { db, dms } = deps;
  // Vendor refusals in the language of whoever revokes (English outside a request).
  const locale = await currentLocale();
  const { items } = await dms.listProxyAccesses({ proxyId: req.proxyId, tid: req.tenantId });
  const onProxy = new Map(items.map((a) => [a.proxyAccessId, a]));

  const revokeOne = async (proxyAccessId: string): Promise<RevokeItemResult> => {
    const access = onProxy.get(proxyAccessId);
    const userName = access?.userName || (access?.userId ? `User ${access.userId}` : `access ${proxyAccessId}`);
    const key = `${req.idempotencyKey}:${proxyAccessId}`;
    if (!access) {
      // Gone already, or never on this proxy: a repeat of a settled revoke answers from its record.
      const earlier = await findByKey(db, key);
      if (earlier && earlier.kind === REVOKE_KIND) {
        const settled = earlier.status === "pending" ? await waitForSettled(db, key) : earlier;
        if (settled) return fromRow(settled, userName, locale);
      }
      return { proxyAccessId, userName, ok: false, code: "NOT_FOUND", message: errorWords(localeOr(locale), "revokeNotOnProxy") };
    }
    const params = { tenantId: req.tenantId, proxyId: req.proxyId, instanceId: req.instanceId, proxyAccessId, userId: access.userId ?? null, userName, reason: req.reason ?? null };
    const outcome = await runOperation(
      dmsRevoke,
      {
        idempotencyKey: key,
        cloudAccountId: req.accountId,
        target: revokeTarget(req.proxyId, proxyAccessId),
        params,
        actor: req.actor,
        audit: {
          action: REVOKE_ITEM_ACTION,
          params: { proxyId: req.proxyId, instanceId: req.instanceId, proxyAccessId, userId: access.userId, userName, reason: req.reason ?? null },
          meta: req.meta,
          onSuccess: (result) => ({ message: result.alreadyGone ? auditWords("alreadyGoneWhenRetried") : null }),
        },
        client: dms,
      },
      deps,
    );
    if (outcome.kind !== "settled") return inProgress(proxyAccessId, userName, locale);
    return fromRow(outcome.row, userName, locale);
  };

  return (await mapWithConcurrency(req.proxyAccessIds, revokeOne, { concurrency: 4 })).map((r, i) =>
    r.ok ? r.value : { proxyAccessId: req.proxyAccessIds[i]!, userName: `access ${req.proxyAccessIds[i]}`, ok: false, code: "INTERNAL", message: errorWords(localeOr(locale), "revokeConsoleFailed") },
  );
}
