import "server-only";
import type { AuditSpec } from "@/lib/operations/audit";
import { actionError } from "@/lib/actions/action-error";
import { ALREADY_GRANTED, dmsGrant, GRANT_KIND, type GrantHint } from "@/lib/operations/dms-proxy-access";
import type { OperationRow } from "@/lib/operations/kinds";
import { runOperation } from "@/lib/operations/ledger";
import { toAccessDto, type ProxyAccessDto } from "./proxy-accesses-parse";
import { errorFromSettled, grantTarget, type OpsDeps } from "./proxy-accesses-records";

export { ALREADY_GRANTED };

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
  actor: { id: string; email: string; roles: readonly string[] } | null;
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
  /** The action wrapper's audit pair: it writes the intent right before CreateProxyAccess, and the outcome. */
  wrapper?: AuditSpec["wrapper"];
  /** Audit action and params when the ledger writes the pair itself (bulk items). */
  audit?: { action: string; params: Record<string, unknown> };
  hint?: GrantHint;
  /** A job: takes over the key's open row and retries transient refusals unless final. */
  background?: { final: boolean };
}

function alreadyGrantedError(name: string, access: { proxyAccessId: string }) {
  return actionError("alreadyGranted", {
    values: { name, accessId: access.proxyAccessId },
    code: ALREADY_GRANTED,
    fieldErrors: { userId: ["alreadyGrantedField"] },
  });
}

/** The settled row as the grant's answer; a refusal or unknown outcome is thrown as ActionError. */
export function grantResultOf(row: OperationRow, req: Pick<GrantRequest, "userId" | "userName">, replayed: boolean): GrantResult {
  if (row.status !== "succeeded") {
    if (row.errorCode === ALREADY_GRANTED) {
      throw alreadyGrantedError(req.userName || `User ${req.userId}`, { proxyAccessId: String(row.result?.proxyAccessId ?? "?") });
    }
    throw errorFromSettled(row);
  }
  const result = row.result as { proxyAccessId?: string; outcome?: "granted" | "already"; foundAfterRetry?: boolean };
  return {
    proxyAccessId: String(result.proxyAccessId),
    outcome: result.outcome ?? "granted",
    requestId: row.vendorRequestId,
    replayed,
    foundAfterRetry: Boolean(result.foundAfterRetry),
  };
}

/**
 * Grants one user access through one proxy through the ledger: at most once per idempotency key
 * and never twice per (proxy, user), since the claim holds the pair's lock while the list is
 * checked and CreateProxyAccess is sent. Throws ActionError (already granted, in progress,
 * outcome unknown, the vendor's refusal with its code and request id).
 */
export async function grantProxyAccessOnce(deps: OpsDeps, req: GrantRequest, opts: GrantOptions = {}): Promise<GrantResult> {
  const name = req.userName || `User ${req.userId}`;
  const params = {
    tenantId: req.tenantId,
    proxyId: req.proxyId,
    instanceId: req.instanceId,
    userId: req.userId,
    userName: req.userName ?? null,
    indepAccount: req.indepAccount ?? null,
    reason: req.reason,
  };
  const outcome = await runOperation(
    dmsGrant,
    {
      idempotencyKey: req.idempotencyKey,
      cloudAccountId: req.accountId,
      target: grantTarget(req.proxyId, req.userId),
      params,
      jobId: req.jobId ?? null,
      actor: req.actor,
      audit: {
        action: opts.audit?.action ?? "proxy-accesses.grant",
        params: opts.audit?.params ?? {},
        wrapper: opts.wrapper,
        onSuccess: (result) => ({ params: { proxyAccessId: result.proxyAccessId ?? null } }),
      },
      client: deps.dms,
      transient: { indepPassword: req.indepPassword },
      hint: opts.hint,
      background: opts.background,
    },
    deps,
  );
  if (outcome.kind === "busy") throw actionError("changeInProgress", { values: { name }, code: "IN_PROGRESS" });
  const row = outcome.row;
  const p = row.params as { userId?: string; proxyId?: string };
  if (row.kind !== GRANT_KIND || p.userId !== req.userId || p.proxyId !== req.proxyId) {
    throw actionError("grantFormReused", { code: "IDEMPOTENCY_MISMATCH" });
  }
  if (outcome.kind === "in-progress") {
    throw actionError("firstSubmissionRunning", { code: "IN_PROGRESS" });
  }
  return grantResultOf(row, req, !outcome.fresh);
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
