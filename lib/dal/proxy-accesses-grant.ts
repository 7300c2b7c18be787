import "server-only";
import { ActionError } from "@/lib/actions/result";
import type { DmsProxyAccess } from "@/lib/providers/alibaba/dms";
import { grantLockKey, tryLock } from "./proxy-accesses-locks";
import { toAccessDto, type ProxyAccessDto } from "./proxy-accesses-parse";
import {
  claimOperation,
  errorFromSettled,
  GRANT_KIND,
  grantTarget,
  OUTCOME_UNKNOWN,
  settleOperation,
  settlementOf,
  UNKNOWN_OUTCOME_MESSAGE,
  waitForSettled,
  type OperationRow,
  type OpsDeps,
} from "./proxy-accesses-records";

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

/** How long a grant may hold its (proxy, user) lock; longer than the client's worst-case retries. */
const LOCK_TTL_MS = 5 * 60_000;

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

/**
 * Grants one user access through one proxy, at most once per idempotency key and never twice per
 * (proxy, user): the key is claimed first, then a lock on the pair is taken, then the proxy's list
 * is checked, and only then is CreateProxyAccess sent. Throws ActionError (already granted, in
 * progress, outcome unknown) or ProviderError (the vendor's refusal, with code and request id).
 */
export async function grantProxyAccessOnce(deps: OpsDeps, req: GrantRequest, opts: GrantOptions = {}): Promise<GrantResult> {
  const { db, dms } = deps;
  const name = req.userName || `User ${req.userId}`;
  const { row, claimed } = await claimOperation(db, {
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
  });
  const resumable = !claimed && opts.reclaim && (row.status === "pending" || row.status === "unknown");
  if (!claimed && !resumable) return replayResult(await waitForSettled(db, req.idempotencyKey), req);

  const lock = await tryLock(db, grantLockKey(req.proxyId, req.userId), LOCK_TTL_MS);
  if (!lock) {
    const message = `Another grant for ${name} on this proxy is in progress; check the list in a moment.`;
    await settleOperation(db, row.id, { status: "failed", errorCode: "IN_PROGRESS", errorMessage: message });
    throw new ActionError(message, { code: "IN_PROGRESS" });
  }
  try {
    const existing = opts.snapshot
      ? opts.snapshot.get(req.userId)
      : (await dms.listProxyAccesses({ proxyId: req.proxyId, tid: req.tenantId })).items.find((a) => a.userId === req.userId);
    if (existing) {
      if (opts.alreadyIsSuccess) {
        await settleOperation(db, row.id, { status: "succeeded", result: { proxyAccessId: existing.proxyAccessId, outcome: "already" } });
        return { proxyAccessId: existing.proxyAccessId, outcome: "already", requestId: null, replayed: false, foundAfterRetry: false };
      }
      await settleOperation(db, row.id, {
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
      await settleOperation(db, row.id, { status: "failed", errorCode: "AUDIT_UNAVAILABLE", errorMessage: "The audit log could not be written; nothing was sent to DMS." });
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
      await settleOperation(db, row.id, settlement);
      if (settlement.status === "unknown") {
        throw new ActionError(`${UNKNOWN_OUTCOME_MESSAGE} (${settlement.errorMessage} Last error: ${settlement.errorCode}.)`, {
          code: OUTCOME_UNKNOWN,
          requestId: settlement.vendorRequestId ?? undefined,
        });
      }
      throw error;
    }
    await settleOperation(db, row.id, {
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
