import "server-only";
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { ActionError } from "@/lib/actions/result";
import type { DB } from "@/lib/db/client";
import { cloudOperations } from "@/lib/db/schema";
import { isProviderError } from "@/lib/providers/errors";
import { consoleError } from "./error-text";
import type { OperationRow, OperationStatus, Settlement } from "./kinds";

/*
 * The ledger's rows. Every write that changes who holds a row is fenced by `attempts`: a takeover
 * bumps it, so the runner it replaced can neither renew its lease nor settle the row any more.
 */

/**
 * Renewed every third of it while the holder lives. As short as the job heartbeat (10 s) allows
 * a bit of room: a dead instance's item job comes back 7-19 s after its last stamp, and should
 * find the row free to take over rather than wait out the lease with backed-off retries.
 */
export const DEFAULT_LEASE_MS = 15_000;

export interface NewRow {
  idempotencyKey: string;
  kind: string;
  cloudAccountId: string | null;
  target: string;
  /** Never a password: only ids, names, the reason. */
  params: Record<string, unknown>;
  lockKey: string;
  jobId?: string | null;
  actor: { id: string; email: string; roles: readonly string[] } | null;
  auditAction: string | null;
}

const leaseFrom = (now: number, leaseMs: number) => new Date(now + leaseMs);

/** Postgres' unique_violation; the only insert conflict left after the key's own is the pending lock. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/**
 * Inserts the row as pending, holding its lock. `taken`: the key exists (the earlier row is
 * returned); `busy`: another change of the same thing is pending (nothing was written).
 */
export async function insertPending(
  db: DB,
  op: NewRow,
  leaseMs: number,
): Promise<{ claimed: OperationRow } | { taken: OperationRow } | { busy: true }> {
  try {
    const [row] = await db
      .insert(cloudOperations)
      .values({
        idempotencyKey: op.idempotencyKey,
        kind: op.kind,
        cloudAccountId: op.cloudAccountId,
        target: op.target,
        params: op.params,
        lockKey: op.lockKey,
        jobId: op.jobId ?? null,
        createdBy: op.actor?.id ?? null,
        actorEmail: op.actor?.email ?? null,
        actorRoles: op.actor ? [...op.actor.roles] : null,
        auditAction: op.auditAction,
        status: "pending",
        attempts: 1,
        leaseUntil: leaseFrom(Date.now(), leaseMs),
      })
      .onConflictDoNothing({ target: cloudOperations.idempotencyKey })
      .returning();
    if (row) return { claimed: row };
  } catch (error) {
    if (isUniqueViolation(error)) return { busy: true };
    throw error;
  }
  const existing = await findByKey(db, op.idempotencyKey);
  if (!existing) throw new Error("idempotency key conflict without a row");
  return { taken: existing };
}

/**
 * Makes an open row (unknown, retrying, or pending under an expired lease) pending again under a
 * fresh lease and the next fencing token. Null when someone else moved first, or when another
 * change of the same thing holds the lock.
 */
export async function takeOver(db: DB, row: OperationRow, leaseMs: number): Promise<OperationRow | null> {
  const now = Date.now();
  const expiredOrOpen = or(inArray(cloudOperations.status, ["unknown", "retrying"]), and(eq(cloudOperations.status, "pending"), or(isNull(cloudOperations.leaseUntil), lt(cloudOperations.leaseUntil, new Date(now)))));
  try {
    const [taken] = await db
      .update(cloudOperations)
      .set({ status: "pending", attempts: sql`${cloudOperations.attempts} + 1`, leaseUntil: leaseFrom(now, leaseMs), updatedAt: new Date(now) })
      .where(and(eq(cloudOperations.id, row.id), eq(cloudOperations.attempts, row.attempts), expiredOrOpen))
      .returning();
    return taken ?? null;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Keeps a running call's lease alive; false when the row was taken over or settled meanwhile. */
export async function renewLease(db: DB, row: OperationRow, leaseMs: number): Promise<boolean> {
  const rows = await db
    .update(cloudOperations)
    .set({ leaseUntil: leaseFrom(Date.now(), leaseMs) })
    .where(and(eq(cloudOperations.id, row.id), eq(cloudOperations.status, "pending"), eq(cloudOperations.attempts, row.attempts)))
    .returning({ id: cloudOperations.id });
  return rows.length > 0;
}

/** Writes the outcome if the row is still this holder's (pending, same token); returns the settled row. */
export async function settleHeld(db: DB, row: OperationRow, s: Settlement): Promise<OperationRow | null> {
  const [settled] = await db
    .update(cloudOperations)
    .set({
      status: s.status,
      result: s.result ?? null,
      errorCode: s.errorCode ?? null,
      errorMessage: s.errorMessage?.slice(0, 1000) ?? null,
      errorVendor: s.errorVendor ?? null,
      errorHttpStatus: s.errorHttpStatus ?? null,
      errorWords: s.errorWords ?? null,
      vendorRequestId: s.vendorRequestId ?? null,
      leaseUntil: null,
      updatedAt: new Date(),
    })
    .where(and(eq(cloudOperations.id, row.id), eq(cloudOperations.status, "pending"), eq(cloudOperations.attempts, row.attempts)))
    .returning();
  return settled ?? null;
}

/** Replaces a settled outcome (a late first-hand answer that contradicts it), if it is still as read. */
export async function replaceSettled(db: DB, current: OperationRow, s: Settlement): Promise<boolean> {
  const rows = await db
    .update(cloudOperations)
    .set({ status: s.status, result: s.result ?? null, errorCode: s.errorCode ?? null, errorMessage: s.errorMessage ?? null, errorVendor: s.errorVendor ?? null, errorHttpStatus: s.errorHttpStatus ?? null, errorWords: s.errorWords ?? null, vendorRequestId: s.vendorRequestId ?? null, updatedAt: new Date() })
    .where(and(eq(cloudOperations.id, current.id), eq(cloudOperations.status, current.status), eq(cloudOperations.updatedAt, current.updatedAt)))
    .returning({ id: cloudOperations.id });
  return rows.length > 0;
}

export async function markIntent(db: DB, id: string, correlationId: string): Promise<void> {
  await db.update(cloudOperations).set({ correlationId, intentAt: new Date(), outcomeAuditedAt: null }).where(eq(cloudOperations.id, id));
}

export async function markOutcomeAudited(db: DB, id: string, correlationId: string | null): Promise<void> {
  const where = correlationId ? and(eq(cloudOperations.id, id), eq(cloudOperations.correlationId, correlationId)) : eq(cloudOperations.id, id);
  await db.update(cloudOperations).set({ outcomeAuditedAt: new Date() }).where(where);
}

/** Gives a claim back when nothing was sent, so the same key can be used again. */
export async function releaseClaim(db: DB, row: OperationRow): Promise<void> {
  await db.delete(cloudOperations).where(and(eq(cloudOperations.id, row.id), eq(cloudOperations.status, "pending"), eq(cloudOperations.attempts, row.attempts)));
}

export async function findByKey(db: DB, idempotencyKey: string): Promise<OperationRow | undefined> {
  const [row] = await db.select().from(cloudOperations).where(eq(cloudOperations.idempotencyKey, idempotencyKey)).limit(1);
  return row;
}

export async function findById(db: DB, id: string): Promise<OperationRow | undefined> {
  const [row] = await db.select().from(cloudOperations).where(eq(cloudOperations.id, id)).limit(1);
  return row;
}

/** A pending row whose lease has run out: its runner died (or lost the database) mid-call. */
export function leaseExpired(row: OperationRow, now = Date.now()): boolean {
  return row.status === "pending" && (!row.leaseUntil || row.leaseUntil.getTime() < now);
}

export const OPEN_STATUSES: readonly OperationStatus[] = ["pending", "unknown", "retrying"];

/**
 * How a failed vendor call is recorded: unknown when the change may have happened anyway;
 * `retryable` when a background job should try again (throttling, a 5xx that changed nothing).
 */
export function settlementOf(error: unknown): Settlement & { retryable: boolean } {
  if (isProviderError(error)) {
    return {
      status: error.outcomeUnknown ? "unknown" : "failed",
      errorCode: error.code,
      // English for logs and rows read by older code; shown by code+vendor+status in the reader's language.
      errorMessage: error.userMessage,
      errorVendor: error.vendor,
      errorHttpStatus: error.httpStatus ?? null,
      vendorRequestId: error.requestId ?? null,
      retryable: !error.outcomeUnknown && (error.retryable || error.throttled),
    };
  }
  if (error instanceof ActionError) {
    const words = error.options.words;
    return { status: "failed", errorCode: error.options.code ?? "FAILED", errorMessage: error.message, errorWords: words ? { key: words.key, values: words.values } : null, retryable: false };
  }
  // Not a vendor answer (a bug, an abort): the request may have left, so nothing is assumed.
  return { status: "unknown", errorCode: "INTERNAL", ...consoleError("consoleFailedInFlight"), retryable: false };
}

/**
 * A second submission with the same key waits for the first to settle (a double click lands while
 * the first is still at the vendor). Undefined when the first gave its claim back.
 */
export async function waitForSettled(db: DB, idempotencyKey: string, timeoutMs = 20_000): Promise<OperationRow | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await findByKey(db, idempotencyKey);
    if (!row) return undefined;
    if (row.status !== "pending" || leaseExpired(row) || Date.now() > deadline) return row;
    await new Promise((r) => setTimeout(r, 200));
  }
}
