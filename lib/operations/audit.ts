import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { AuditEntryInput } from "@/lib/audit/log";
import type { DB } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";
import type { AnyKind, OperationRow, Settlement } from "./kinds";
import { markOutcomeAudited } from "./records";
import { auditWords } from "@/lib/audit/words";
import type { StoredWords } from "@/lib/db/schema";
import { isVendor, vendorErrorWords } from "@/lib/i18n/vendor-errors";

/*
 * The ledger's audit entries. An intent always gets an outcome entry with its correlation id:
 * written right after the call, or, when the process died first (or the action wrapper that owns
 * it could not write it), by reconciliation from the settled row.
 */

export interface AuditDeps {
  db: DB;
  audit: (entry: AuditEntryInput) => Promise<void>;
  /** Whether the log holds an outcome for this correlation id; the database by default. */
  auditHasOutcome?: (correlationId: string) => Promise<boolean>;
}

export interface AuditSpec {
  action: string;
  /** Intent params (never a secret); the outcome entry repeats them. */
  params: Record<string, unknown>;
  meta?: { ip: string | null; userAgent: string | null };
  /**
   * Set when a server action's wrapper owns the audit pair: it writes the intent (recordIntent) and
   * the outcome (after the handler returns) under its own correlation id.
   */
  wrapper?: {
    correlationId: string;
    recordIntent: () => Promise<void>;
    /** Runs `done` once the wrapper's outcome entry is written (so reconciliation need not look for it). */
    afterOutcome?: (done: () => Promise<void>) => void;
  };
  /** Extra outcome params and message for a success (e.g. the new access id). */
  onSuccess?: (result: Record<string, unknown>) => { params?: Record<string, unknown>; message?: StoredWords | null };
}

export type Actor = AuditEntryInput["actor"];

/** A failed settlement's message for the audit log: its words (the vendor's code or the console's), else its English. */
function settlementWords(s: Settlement): StoredWords | string | null {
  if (s.errorCode && isVendor(s.errorVendor)) return vendorErrorWords({ vendor: s.errorVendor, code: s.errorCode, httpStatus: s.errorHttpStatus });
  return s.errorWords ?? s.errorMessage ?? null;
}

export function actorOf(row: OperationRow): Actor {
  return row.createdBy ? { id: row.createdBy, email: row.actorEmail ?? "", roles: row.actorRoles ?? [] } : null;
}

export function outcomeEntry(row: OperationRow, spec: AuditSpec, actor: Actor, correlationId: string, s: Settlement): AuditEntryInput {
  const base = { actor, action: spec.action, target: row.target, correlationId, ...spec.meta };
  if (s.status === "succeeded") {
    const extra = spec.onSuccess?.(s.result ?? {}) ?? {};
    return { ...base, outcome: "success", params: { ...spec.params, ...extra.params }, vendorRequestId: s.vendorRequestId ?? null, message: extra.message ?? null };
  }
  return { ...base, outcome: "failure", params: spec.params, errorCode: s.errorCode ?? null, vendorRequestId: s.vendorRequestId ?? null, message: settlementWords(s) };
}

async function hasOutcome(deps: AuditDeps, correlationId: string): Promise<boolean> {
  if (deps.auditHasOutcome) return deps.auditHasOutcome(correlationId);
  const [row] = await deps.db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.correlationId, correlationId), ne(auditLog.outcome, "intent")))
    .limit(1);
  return Boolean(row);
}

/**
 * For a settled row whose intent has no outcome entry: writes one, in the intent's action and
 * actor, saying what the vendor shows. Returns whether it wrote.
 */
export async function ensureOutcomeAudited(deps: AuditDeps, kind: AnyKind | undefined, row: OperationRow): Promise<boolean> {
  if (!row.intentAt || row.outcomeAuditedAt || !row.correlationId || !row.auditAction) return false;
  if (row.status === "pending" || row.status === "unknown" || row.status === "retrying") return false;
  if (await hasOutcome(deps, row.correlationId)) {
    await markOutcomeAudited(deps.db, row.id, row.correlationId);
    return false;
  }
  const params = { operationId: row.id, ...(kind?.auditParams(row.params, row.result) ?? {}) };
  const noun = kind?.noun ?? "change";
  const message =
    row.status === "succeeded"
      ? auditWords("reconciledHappened", { noun })
      : row.errorCode
        ? auditWords("reconciledNotHappenedCode", { noun, code: row.errorCode })
        : auditWords("reconciledNotHappened", { noun });
  await deps.audit({
    actor: actorOf(row),
    action: row.auditAction,
    target: row.target,
    correlationId: row.correlationId,
    params,
    outcome: row.status === "succeeded" ? "success" : "failure",
    errorCode: row.status === "succeeded" ? null : row.errorCode,
    vendorRequestId: row.vendorRequestId,
    message,
  });
  await markOutcomeAudited(deps.db, row.id, row.correlationId);
  return true;
}

/** The console's own entry (no actor) when it settles or corrects a row. */
export async function auditSettlement(
  deps: AuditDeps,
  kind: AnyKind,
  row: OperationRow,
  was: { status: string; errorCode: string | null },
  s: Settlement,
  message: StoredWords,
): Promise<void> {
  await deps
    .audit({
      actor: null,
      action: kind.reconcileAuditAction,
      target: row.target,
      params: { operationId: row.id, kind: row.kind, was: was.status, ...(was.errorCode ? { wasErrorCode: was.errorCode } : {}), ...kind.auditParams(row.params, s.result ?? null) },
      outcome: s.status === "succeeded" ? "success" : "failure",
      errorCode: s.status === "succeeded" ? null : (s.errorCode ?? null),
      vendorRequestId: s.vendorRequestId ?? row.vendorRequestId,
      message,
    })
    .catch((error) => console.error(`[operations] settlement audit of ${row.id} failed:`, error instanceof Error ? error.message : error));
}
