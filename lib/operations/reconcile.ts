import "server-only";
import { and, asc, eq, inArray, isNotNull, isNull, lt, or } from "drizzle-orm";
import { cloudOperations } from "@/lib/db/schema";
import { auditSettlement, ensureOutcomeAudited } from "./audit";
import { auditWords } from "@/lib/audit/words";
import { consoleError } from "./error-text";
import "./all-kinds";
import { kindOf, type KindContext, type OperationRow, type Settlement } from "./kinds";
import { memoOf, UNVERIFIABLE, type LedgerDeps } from "./ledger";
import { DEFAULT_LEASE_MS, findById, leaseExpired, settleHeld, takeOver } from "./records";

/*
 * Reconciliation settles what the ledger left open (a lost answer, a crash, a dead runner)
 * against the vendor through the kind's own read, and writes the outcome entry of every intent
 * that has none. It runs as jobs (lib/operations/jobs.ts) and when a proxy's list is loaded.
 */

/** An unknown outcome is judged once this old: a request the vendor is still processing has landed by then. */
export const RECONCILE_MIN_AGE_MS = 60_000;
/** A row whose job stopped retrying a transient refusal (its last attempt was refused for sure). */
export const RETRYING_STALE_MS = 15 * 60_000;
/** How long the owner of an outcome entry (the action wrapper) has to write it before reconciliation does. */
export const OUTCOME_GRACE_MS = 2 * 60_000;

export type ReconcileVerdict =
  /** Settled now, or nothing to do any more. */
  | "done"
  /** Still in the hands of a live call or job, or too young to judge: look again later. */
  | "open"
  /** The vendor could not be read: try again with backoff. */
  | "retry";

export interface ReconcileOptions {
  now?: number;
  /** An already open vendor client (the page that read the list). */
  client?: unknown;
  memo?: KindContext<unknown>["memo"];
}

/** Settles one operation if it is open and due; writes a missing outcome entry if it is settled. */
export async function reconcileOperation(deps: LedgerDeps, id: string, opts: ReconcileOptions = {}): Promise<ReconcileVerdict> {
  const now = opts.now ?? Date.now();
  const row = await findById(deps.db, id);
  if (!row) return "done";
  const kind = kindOf(row.kind);
  if (!kind) {
    console.error(`[operations] no kind ${row.kind} registered; operation ${row.id} cannot be reconciled`);
    return "done";
  }
  if (row.status === "succeeded" || row.status === "failed") {
    if (now - row.updatedAt.getTime() >= OUTCOME_GRACE_MS) await ensureOutcomeAudited(deps, kind, row);
    return "done";
  }
  if (row.status === "pending" && !leaseExpired(row, now)) return "open";
  const age = now - row.updatedAt.getTime();
  if (row.status === "unknown" && age < RECONCILE_MIN_AGE_MS) return "open";
  if (row.status === "retrying" && age < RETRYING_STALE_MS) return "open";

  const held = await takeOver(deps.db, row, deps.leaseMs ?? DEFAULT_LEASE_MS);
  if (!held) return "open";
  if (row.status === "retrying") {
    // Its job gave up: the last answer was a definite refusal, which is the outcome.
    const s: Settlement = { status: "failed", errorCode: row.errorCode, errorMessage: row.errorMessage, errorVendor: row.errorVendor, errorHttpStatus: row.errorHttpStatus, errorWords: row.errorWords, vendorRequestId: row.vendorRequestId };
    const settled = await settleHeld(deps.db, held, s);
    if (settled) await ensureOutcomeAudited(deps, kind, settled).catch(() => undefined);
    return "done";
  }
  const client = opts.client ?? (row.cloudAccountId ? await deps.clients[kind.client](row.cloudAccountId, row.params).catch(() => null) : null);
  const putBack = () => settleHeld(deps.db, held, { status: "unknown", errorCode: row.errorCode ?? "OUTCOME_UNKNOWN", errorMessage: row.errorMessage, errorVendor: row.errorVendor, errorHttpStatus: row.errorHttpStatus, errorWords: row.errorWords, vendorRequestId: row.vendorRequestId });
  if (!client) {
    // The account is gone (deletion is refused while work is open, so rarely): nothing can ask the vendor.
    await putBack();
    return "done";
  }
  const ctx: KindContext<unknown> = { client, memo: opts.memo ?? memoOf() };
  const found = await kind.reconcile(held.params, ctx).catch((error) => {
    console.error(`[operations] reconcile of ${row.id} could not read the vendor:`, error instanceof Error ? error.message : error);
    return null;
  });
  if (found === null) {
    await putBack();
    return "retry";
  }
  if (found.happened === "unverifiable") {
    const s: Settlement = { status: "failed", errorCode: UNVERIFIABLE, ...consoleError("outcomeUnverifiable", { vendor: kind.vendorName }), vendorRequestId: row.vendorRequestId };
    const settled = await settleHeld(deps.db, held, s);
    if (!settled) return "open";
    await auditSettlement(deps, kind, settled, { status: row.status, errorCode: null }, s, auditWords("settledUnverifiable", { noun: kind.noun, vendor: kind.vendorName }));
    await ensureOutcomeAudited(deps, kind, settled).catch(() => undefined);
    return "done";
  }
  const s: Settlement = found.happened
    ? { status: "succeeded", result: { ...found.result, reconciled: true }, vendorRequestId: row.vendorRequestId }
    : { status: "failed", errorCode: "NOT_APPLIED", ...consoleError("notApplied", { vendor: kind.vendorName }), vendorRequestId: row.vendorRequestId };
  const settled = await settleHeld(deps.db, held, s);
  if (!settled) return "open";
  const words = auditWords(found.happened ? "settledReflected" : "settledNotHappened", { noun: kind.noun, vendor: kind.vendorName });
  await auditSettlement(deps, kind, settled, { status: row.status, errorCode: null }, s, words);
  await ensureOutcomeAudited(deps, kind, settled).catch((error) => console.error(`[operations] outcome audit of ${row.id} failed:`, error instanceof Error ? error.message : error));
  return "done";
}

/**
 * Reconciles the given open rows (one proxy's, say) with one client and shared reads. Returns how
 * many it settled and the ids still open.
 */
export async function reconcileRows(deps: LedgerDeps, rows: readonly OperationRow[], opts: ReconcileOptions = {}): Promise<{ settled: number; open: string[] }> {
  const memo = opts.memo ?? memoOf();
  let settled = 0;
  const open: string[] = [];
  for (const row of rows) {
    const verdict = await reconcileOperation(deps, row.id, { ...opts, memo }).catch(() => "retry" as const);
    const after = verdict === "done" ? await findById(deps.db, row.id) : undefined;
    if (verdict === "done" && after && after.status !== row.status) settled += 1;
    else if (verdict !== "done") open.push(row.id);
  }
  return { settled, open };
}

/**
 * What the sweep hands to reconciliation: pending rows whose lease ran out (dead runner), unknown
 * outcomes past their wait, retrying rows their job gave up on, and settled rows whose intent
 * still has no outcome entry. Oldest first, bounded; each is one indexed condition.
 */
export async function findOpenWork(deps: Pick<LedgerDeps, "db">, now = Date.now(), limit = 500): Promise<string[]> {
  const t = cloudOperations;
  const rows = await deps.db
    .select({ id: t.id })
    .from(t)
    .where(
      or(
        and(eq(t.status, "pending"), or(isNull(t.leaseUntil), lt(t.leaseUntil, new Date(now)))),
        and(eq(t.status, "unknown"), lt(t.updatedAt, new Date(now - RECONCILE_MIN_AGE_MS))),
        and(eq(t.status, "retrying"), lt(t.updatedAt, new Date(now - RETRYING_STALE_MS))),
        and(isNotNull(t.intentAt), isNull(t.outcomeAuditedAt), inArray(t.status, ["succeeded", "failed"]), lt(t.updatedAt, new Date(now - OUTCOME_GRACE_MS))),
      ),
    )
    .orderBy(asc(t.updatedAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
