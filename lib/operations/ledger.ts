import "server-only";
import { randomUUID } from "node:crypto";
import { actorOf, auditSettlement, ensureOutcomeAudited, outcomeEntry, type Actor, type AuditDeps, type AuditSpec } from "./audit";
import { auditWords } from "@/lib/audit/words";
import { consoleError } from "./error-text";
import type { AnyKind, KindContext, OperationKind, OperationRow, Settlement, VendorClients } from "./kinds";
import {
  DEFAULT_LEASE_MS,
  findById,
  insertPending,
  leaseExpired,
  markIntent,
  markOutcomeAudited,
  releaseClaim,
  renewLease,
  replaceSettled,
  settleHeld,
  settlementOf,
  takeOver,
  waitForSettled,
} from "./records";

/*
 * The one path of every cloud change: claim by idempotency key (which also takes the lock on
 * the named thing) → audit intent → vendor call under a renewed lease → settle the outcome →
 * audit the outcome. What is left open by a crash or a lost answer is settled by reconcile.ts.
 */

export interface LedgerDeps extends AuditDeps {
  clients: VendorClients;
  /** Told when an outcome became unknown, so reconciliation is queued. */
  onUnknown?: (row: OperationRow) => Promise<void>;
  leaseMs?: number;
}

export interface OperationRequest<P extends Record<string, unknown>, H = unknown> {
  idempotencyKey: string;
  cloudAccountId: string;
  target: string;
  params: P;
  jobId?: string | null;
  actor: Actor;
  audit: AuditSpec;
  /** The vendor client when the caller has it open already; else it is opened from the stored account. */
  client?: unknown;
  /** Passed to the call only, never stored (a password). */
  transient?: Record<string, string | undefined>;
  /** Passed to the kind's precheck (e.g. the list a bulk round read once). */
  hint?: H;
  /**
   * Background work (a job): an open row under the same key is taken over, after checking whether
   * its earlier attempt landed, and a transient refusal is settled `retrying` unless `final`.
   */
  background?: { final: boolean };
}

export type RunOutcome =
  /** fresh: this call did the work now; otherwise the key's earlier settlement is replayed. */
  | { kind: "settled"; row: OperationRow; fresh: boolean }
  /** Another change of the same thing is at the vendor; nothing was sent. */
  | { kind: "busy" }
  /** The key's first submission is still at the vendor. */
  | { kind: "in-progress"; row: OperationRow };

export function memoOf(): KindContext<unknown>["memo"] {
  const cache = new Map<string, Promise<unknown>>();
  return <T>(key: string, read: () => Promise<T>) => {
    if (!cache.has(key)) cache.set(key, read().catch((e) => (cache.delete(key), Promise.reject(e))));
    return cache.get(key) as Promise<T>;
  };
}

/** A lost answer no read can settle (see Reconciled): failed, and the person is told to repeat the change. */
export const UNVERIFIABLE = "OUTCOME_UNVERIFIABLE";

const isOpen = (row: OperationRow) => row.status === "pending" || row.status === "unknown" || row.status === "retrying";

/**
 * Runs one change of `kind` at most once per idempotency key. Throws what the action wrapper's
 * intent write threw, and a form's precheck read failure (its claim is given back first).
 */
export async function runOperation<P extends Record<string, unknown>, C, H>(
  kind: OperationKind<P, C, H>,
  req: OperationRequest<P, H>,
  deps: LedgerDeps,
): Promise<RunOutcome> {
  const k = kind as unknown as AnyKind;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const newRow = {
    idempotencyKey: req.idempotencyKey,
    kind: kind.name,
    cloudAccountId: req.cloudAccountId,
    target: req.target,
    params: req.params,
    lockKey: kind.lockKey(req.params),
    jobId: req.jobId ?? null,
    actor: req.actor,
    auditAction: req.audit.action,
  };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const claim = await insertPending(deps.db, newRow, leaseMs);
    if ("busy" in claim) return { kind: "busy" };
    if ("claimed" in claim) return hold(k, claim.claimed, req, deps, false);
    const existing = claim.taken;
    if (req.background && isOpen(existing)) {
      if (existing.status === "pending" && !leaseExpired(existing)) return { kind: "in-progress", row: existing };
      const taken = await takeOver(deps.db, existing, leaseMs);
      if (!taken) return { kind: "busy" };
      // A retrying row's last attempt was refused for sure; any other may have landed.
      return hold(k, taken, req, deps, existing.status !== "retrying");
    }
    const settled = existing.status === "pending" ? await waitForSettled(deps.db, req.idempotencyKey) : existing;
    // Given back (its thing was busy): claim it here.
    if (!settled) continue;
    // Still pending (even past its lease: reconciliation settles a dead runner's row, not a resubmission).
    if (settled.status === "pending") return { kind: "in-progress", row: settled };
    return { kind: "settled", row: settled, fresh: false };
  }
  return { kind: "busy" };
}

async function hold(kind: AnyKind, row: OperationRow, req: OperationRequest<Record<string, unknown>>, deps: LedgerDeps, resumed: boolean): Promise<RunOutcome> {
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const heartbeat = setInterval(() => void renewLease(deps.db, row, leaseMs).catch(() => undefined), Math.max(250, Math.floor(leaseMs / 3)));
  try {
    const client = req.client ?? (await deps.clients[kind.client](req.cloudAccountId ?? row.cloudAccountId ?? "", row.params).catch(() => null));
    if (!client) {
      const s: Settlement = { status: "failed", errorCode: "ACCOUNT_UNAVAILABLE", ...consoleError("accountUnavailable") };
      return { kind: "settled", row: (await settle(kind, row, s, deps)) ?? row, fresh: true };
    }
    const ctx: KindContext<unknown> = { client, memo: memoOf() };
    if (resumed) {
      const done = await resumeOpen(kind, row, ctx, deps);
      if (done) return { kind: "settled", row: done, fresh: true };
    }
    let pre: Settlement | null | undefined;
    try {
      pre = await kind.precheck?.(row.params, ctx, req.hint);
    } catch (error) {
      // Nothing was sent: a form gets its key back; a job records a read failure (never "unknown").
      if (!req.background) {
        await releaseClaim(deps.db, row);
        throw error;
      }
      const { retryable, ...failed } = settlementOf(error);
      pre = { ...failed, status: retryable && !req.background.final ? "retrying" : "failed" };
    }
    if (pre) return { kind: "settled", row: (await settle(kind, row, pre, deps)) ?? row, fresh: true };
    return await callVendor(kind, row, req, ctx, deps);
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * An open row taken over: if its earlier attempt landed, it is settled as such (nothing is sent);
 * if it did not, its intent gets its outcome entry and the caller tries again. Null: go on.
 */
async function resumeOpen(kind: AnyKind, row: OperationRow, ctx: KindContext<unknown>, deps: LedgerDeps): Promise<OperationRow | null> {
  const found = await kind.reconcile(row.params, ctx).catch(() => null);
  if (found === null) {
    // The vendor cannot tell now: leave it unknown for the next attempt or reconciliation.
    return settle(kind, row, { status: "unknown", errorCode: row.errorCode ?? "OUTCOME_UNKNOWN", errorMessage: row.errorMessage, errorVendor: row.errorVendor, errorHttpStatus: row.errorHttpStatus, errorWords: row.errorWords, vendorRequestId: row.vendorRequestId }, deps);
  }
  if (found.happened === "unverifiable") {
    const s: Settlement = { status: "failed", errorCode: UNVERIFIABLE, ...consoleError("outcomeUnverifiable", { vendor: kind.vendorName }), vendorRequestId: row.vendorRequestId };
    const settled = await settle(kind, row, s, deps);
    if (settled) await ensureOutcomeAudited(deps, kind, settled).catch(() => undefined);
    return settled;
  }
  if (found.happened) {
    const s: Settlement = { status: "succeeded", result: { ...found.result, reconciled: true }, vendorRequestId: row.vendorRequestId };
    const settled = await settle(kind, row, s, deps);
    if (settled) {
      await auditSettlement(deps, kind, settled, { status: row.status, errorCode: row.errorCode }, s, auditWords("settledReflected", { noun: kind.noun, vendor: kind.vendorName }));
      await ensureOutcomeAudited(deps, kind, settled).catch(() => undefined);
    }
    return settled;
  }
  // Not applied: the earlier intent (if its outcome was never written) ends as "did not happen".
  await ensureOutcomeAudited(deps, kind, { ...row, status: "failed", errorCode: "NOT_APPLIED" }).catch(() => undefined);
  return null;
}

async function callVendor(
  kind: AnyKind,
  row: OperationRow,
  req: OperationRequest<Record<string, unknown>>,
  ctx: KindContext<unknown>,
  deps: LedgerDeps,
): Promise<RunOutcome> {
  const spec = req.audit;
  const correlationId = spec.wrapper?.correlationId ?? randomUUID();
  const actor = req.actor ?? actorOf(row);
  // Marked before the intent is written: a crash right after it still leaves the pair traceable.
  await markIntent(deps.db, row.id, correlationId);
  try {
    if (spec.wrapper) await spec.wrapper.recordIntent();
    else await deps.audit({ actor, action: spec.action, target: row.target, params: spec.params, correlationId, outcome: "intent", ...spec.meta });
  } catch (error) {
    await markOutcomeAudited(deps.db, row.id, correlationId).catch(() => undefined);
    const settled = await settle(kind, row, { status: "failed", errorCode: "AUDIT_UNAVAILABLE", ...consoleError("auditUnavailableNothingSent", { vendor: kind.vendorName }) }, deps);
    if (spec.wrapper) throw error;
    return { kind: "settled", row: settled ?? row, fresh: true };
  }
  let s: Settlement;
  try {
    const done = await kind.execute(row.params, ctx, req.transient ?? {});
    s = { status: "succeeded", result: done.result, vendorRequestId: done.vendorRequestId };
  } catch (error) {
    const { retryable, ...failed } = settlementOf(error);
    s = retryable && req.background && !req.background.final ? { ...failed, status: "retrying" } : failed;
  }
  const settled = await settle(kind, row, s, deps);
  // The wrapper writes the outcome entry when the action returns; the row is marked then, not found by the sweep later.
  if (spec.wrapper?.afterOutcome && settled && settled.status !== "unknown") spec.wrapper.afterOutcome(() => markOutcomeAudited(deps.db, row.id, correlationId));
  if (!spec.wrapper && settled) {
    await deps
      .audit(outcomeEntry(row, spec, actor, correlationId, s))
      .then(() => markOutcomeAudited(deps.db, row.id, correlationId))
      .catch((error) => console.error(`[operations] outcome audit of ${row.id} failed (reconciliation writes it):`, error instanceof Error ? error.message : error));
  }
  if (settled?.status === "unknown") await deps.onUnknown?.(settled).catch(() => undefined);
  return { kind: "settled", row: settled ?? (await findById(deps.db, row.id)) ?? row, fresh: true };
}

function agrees(kind: AnyKind, row: OperationRow, s: Settlement): boolean {
  if (row.status !== s.status) return false;
  return s.status !== "succeeded" || (kind.sameResult?.(row.result, s.result ?? null) ?? true);
}

/**
 * Settles the holder's own row. When it was taken over meanwhile (the holder was thought dead), a
 * definite late answer that contradicts what was settled replaces it, with an entry saying so;
 * anything else leaves the row to whoever holds it now. Returns the row as settled by this call.
 */
async function settle(kind: AnyKind, row: OperationRow, s: Settlement, deps: LedgerDeps): Promise<OperationRow | null> {
  const mine = await settleHeld(deps.db, row, s);
  if (mine) return mine;
  const current = await findById(deps.db, row.id);
  if (!current || isOpen(current) || s.status === "unknown" || s.status === "retrying" || agrees(kind, current, s)) return null;
  const earlier = { status: current.status, errorCode: current.errorCode, result: current.result };
  if (!(await replaceSettled(deps.db, current, { ...s, result: { ...(s.result ?? {}), corrected: earlier } }))) return null;
  const happened = s.status === "succeeded" ? "happened" : "failed";
  const said = { was: current.status, noun: kind.noun, happened, vendor: kind.vendorName };
  await auditSettlement(
    deps,
    kind,
    current,
    { status: current.status, errorCode: current.errorCode },
    s,
    current.errorCode ? auditWords("settlementCorrectedCode", { ...said, code: current.errorCode }) : auditWords("settlementCorrected", said),
  );
  return findById(deps.db, row.id).then((r) => r ?? null);
}
