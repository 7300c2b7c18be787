import "server-only";
import { ActionError } from "@/lib/actions/result";
import type { DmsProxyAccess } from "@/lib/providers/alibaba/dms";
import { dmsProxyResource, invalidate } from "@/lib/read-cache/console-reads";
import { grantLockKey, OPERATION_LOCK_TTL_MS, tryLock } from "./proxy-accesses-locks";
import { toAccessDto, type ProxyAccessDto } from "./proxy-accesses-parse";
import {
  claimOperation,
  errorFromSettled,
  findOperationById,
  GRANT_KIND,
  grantTarget,
  holdOperation,
  OUTCOME_UNKNOWN,
  releaseClaim,
  settleOperation,
  settlementOf,
  UNKNOWN_OUTCOME_MESSAGE,
  waitForSettled,
  type NewOperation,
  type OperationRow,
  type OpsDeps,
  type Settlement,
} from "./proxy-accesses-records";
import { settleOwnOperation } from "./proxy-accesses-settle";

export interface GrantRequest {
  accountId: string;
  tenantId: string;
  proxyId: string;
  /** Looked up server-side from the proxy, never taken from the client. */
  instanceId: string;
  userId: string;
  userName?: string;
  indepAccount?: string;
  /** Forwarded to DMS only: never stored, logged or audited. */
  indepPassword?: string;
  reason: string;
  idempotencyKey: string;
  actorId: string | null;
  jobId?: string | null;
}

export interface GrantResult {
  proxyAccessId: string;
  /** "already": the user held access before (bulk grants report it instead of refusing). */
  outcome: "granted" | "already";
  requestId: string | null;
  /** A repeated submission answered from the first one's record. */
  replayed: boolean;
  /** The create's answer was lost and the access was then found: created once, not twice. */
  foundAfterRetry: boolean;
}

export interface GrantOptions {
  /** Writes the audit intent; runs right before CreateProxyAccess and aborts the grant if it throws. */
  beforeCreate?: () => Promise<void>;
  /**
   * The proxy's accesses as read moments ago (bulk jobs read the list once). Without it the list is
   * read right before the call.
   */
  snapshot?: ReadonlyMap<string, DmsProxyAccess>;
  /** Bulk: a user who already holds access is a success ("already"), not a refusal. */
  alreadyIsSuccess?: boolean;
  /**
   * Bulk runner only, under its job lease: an item its dead predecessor left pending or unknown is
   * taken over (the caller has just checked the fresh list and found no access).
   */
  reclaim?: boolean;
}

export const ALREADY_GRANTED = "ALREADY_GRANTED";

function alreadyGrantedError(name: string, access: { proxyAccessId: string }) {
  return new ActionError(`${name} already has access through this proxy (access ${access.proxyAccessId}); nothing was created.`, {
    code: ALREADY_GRANTED,
    fieldErrors: { userId: ["Already has access through this proxy"] },
  });
}

function replayResult(row: OperationRow, req: GrantRequest): GrantResult {
  const params = row.params as { userId?: string; proxyId?: string };
  if (row.kind !== GRANT_KIND || params.userId !== req.userId || params.proxyId !== req.proxyId) {
    throw new ActionError("This form was already used for another grant. Close it and open a new one.", { code: "IDEMPOTENCY_MISMATCH" });
  }
  if (row.status === "pending") {
    throw new ActionError("The first submission of this form is still running; its result will show in the list.", { code: "IN_PROGRESS" });
  }
  if (row.status !== "succeeded") {
    if (row.errorCode === ALREADY_GRANTED) {
      throw alreadyGrantedError(req.userName ?? `User ${req.userId}`, { proxyAccessId: String(row.result?.proxyAccessId ?? "?") });
    }
    throw errorFromSettled(row);
  }
  const result = row.result as { proxyAccessId?: string; outcome?: "granted" | "already"; foundAfterRetry?: boolean };
  return {
    proxyAccessId: String(result.proxyAccessId),
    outcome: result.outcome ?? "granted",
    requestId: row.vendorRequestId,
    replayed: true,
    foundAfterRetry: Boolean(result.foundAfterRetry),
  };
}

/** Claims the key, or answers from the submission that already holds it. */
async function claimOrReplay(
  deps: OpsDeps,
  req: GrantRequest,
  op: NewOperation,
  reclaim: boolean,
): Promise<{ row: OperationRow; claimed: boolean } | { replay: GrantResult }> {
  for (let attempt = 1; ; attempt += 1) {
    const { row, claimed } = await claimOperation(deps.db, op);
    if (claimed || (reclaim && (row.status === "pending" || row.status === "unknown"))) return { row, claimed };
    const settled = await waitForSettled(deps.db, req.idempotencyKey);
    if (settled) return { replay: replayResult(settled, req) };
    // The holder gave the claim back (its lock was busy): claim it here, a bounded number of times.
    if (attempt >= 3) throw new ActionError("Another change for this user on this proxy is in progress; try again in a moment.", { code: "IN_PROGRESS" });
  }
}

/**
 * Grants one user access through one proxy, at most once per idempotency key and never twice per
 * (proxy, user): the key is claimed first, then a lock on the pair is taken, then the proxy's list
 * is checked, and only then is CreateProxyAccess sent. Throws ActionError (already granted, in
 * progress, outcome unknown) or ProviderError (the vendor's refusal, with code and request id).
 */
export async function grantProxyAccessOnce(deps: OpsDeps, req: GrantRequest, opts: GrantOptions = {}): Promise<GrantResult> {
  const { db, dms } = deps;
  const name = req.userName || `User ${req.userId}`;
  const claim = await claimOrReplay(
    deps,
    req,
    {
      idempotencyKey: req.idempotencyKey,
      kind: GRANT_KIND,
      cloudAccountId: req.accountId,
      target: grantTarget(req.proxyId, req.userId),
      params: {
        tenantId: req.tenantId,
        proxyId: req.proxyId,
        instanceId: req.instanceId,
        userId: req.userId,
        userName: req.userName ?? null,
        indepAccount: req.indepAccount ?? null,
        reason: req.reason,
      },
      createdBy: req.actorId,
      jobId: req.jobId ?? null,
    },
    Boolean(opts.reclaim),
  );
  if ("replay" in claim) return claim.replay;
  const { row, claimed } = claim;

  const lock = await tryLock(db, grantLockKey(req.proxyId, req.userId), OPERATION_LOCK_TTL_MS);
  if (!lock) {
    const message = `Another change for ${name} on this proxy is in progress; try again in a moment.`;
    // Nothing was sent. A form's claim is given back so its next submission gets a real answer;
    // a bulk item records the refusal (a retry round uses new keys); an item taken over from a
    // dead runner stays open, since that runner's call may still land, for reconciliation to settle.
    if (!claimed) throw new ActionError(message, { code: "IN_PROGRESS" });
    if (req.jobId) await settleOperation(db, row.id, { status: "failed", errorCode: "IN_PROGRESS", errorMessage: message }, { status: "pending" });
    else await releaseClaim(db, row.id);
    throw new ActionError(message, { code: "IN_PROGRESS" });
  }
  const settle = (s: Settlement) => settleOwnOperation(deps, row, s);
  try {
    if (!(await holdOperation(db, row.id, claimed ? ["pending"] : ["pending", "unknown"]))) {
      // Reconciliation settled the row while this call waited: send nothing, answer from the row.
      const settled = await findOperationById(db, row.id);
      if (!settled) throw new ActionError("This submission was withdrawn; submit the form again.", { code: "IN_PROGRESS" });
      return replayResult(settled, req);
    }
    const existing = opts.snapshot
      ? opts.snapshot.get(req.userId)
      : (await dms.listProxyAccesses({ proxyId: req.proxyId, tid: req.tenantId })).items.find((a) => a.userId === req.userId);
    if (existing) {
      if (opts.alreadyIsSuccess) {
        await settle({ status: "succeeded", result: { proxyAccessId: existing.proxyAccessId, outcome: "already" } });
        return { proxyAccessId: existing.proxyAccessId, outcome: "already", requestId: null, replayed: false, foundAfterRetry: false };
      }
      await settle({
        status: "failed",
        errorCode: ALREADY_GRANTED,
        errorMessage: `${name} already has access through this proxy.`,
        result: { proxyAccessId: existing.proxyAccessId },
      });
      throw alreadyGrantedError(name, existing);
    }

    try {
      await opts.beforeCreate?.();
    } catch (error) {
      await settle({ status: "failed", errorCode: "AUDIT_UNAVAILABLE", errorMessage: "The audit log could not be written; nothing was sent to DMS." });
      throw error;
    }

    let created: Awaited<ReturnType<typeof dms.createProxyAccess>>;
    try {
      created = await dms.createProxyAccess({
        userId: req.userId,
        proxyId: req.proxyId,
        tid: req.tenantId,
        indepAccount: req.indepAccount,
        indepPassword: req.indepPassword,
      });
    } catch (error) {
      const settlement = settlementOf(error);
      await settle(settlement);
      if (settlement.status === "unknown") {
        throw new ActionError(`${UNKNOWN_OUTCOME_MESSAGE} (${settlement.errorMessage} Last error: ${settlement.errorCode}.)`, {
          code: OUTCOME_UNKNOWN,
          requestId: settlement.vendorRequestId ?? undefined,
        });
      }
      throw error;
    } finally {
      // Granted, refused or unknown: no instance may keep serving the list as it was before.
      await invalidate(dmsProxyResource(req.proxyId));
    }
    await settle({
      status: "succeeded",
      result: { proxyAccessId: created.proxyAccessId, outcome: "granted", foundAfterRetry: created.foundAfterRetry },
      vendorRequestId: created.requestId ?? null,
    });
    return { proxyAccessId: created.proxyAccessId, outcome: "granted", requestId: created.requestId ?? null, replayed: false, foundAfterRetry: created.foundAfterRetry };
  } finally {
    await lock.release().catch(() => undefined);
  }
}

/** The new row for the list, read back once; null when DMS does not answer (the list refetch shows it). */
export async function readAccess(deps: OpsDeps, tenantId: string, proxyAccessId: string): Promise<ProxyAccessDto | null> {
  try {
    const { item } = await deps.dms.getProxyAccess({ proxyAccessId, tid: tenantId });
    return toAccessDto(item);
  } catch {
    return null;
  }
}
