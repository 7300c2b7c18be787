import "server-only";
import { and, count, eq, inArray, like, lt } from "drizzle-orm";
import { ActionError } from "@/lib/actions/result";
import type { AuditEntryInput } from "@/lib/audit/log";
import type { DB } from "@/lib/db/client";
import { bulkGrantJobs, cloudOperations } from "@/lib/db/schema";
import type { DmsApi } from "@/lib/providers/alibaba/dms";
import { isProviderError } from "@/lib/providers/errors";

/*
 * The durable record of every DMS proxy-access change (cloudOperations): claimed `pending` under
 * its idempotency key before the vendor call, settled after it, and read back when the same key
 * comes again. Reconciliation settles what a crash left behind.
 */

/** What the proxy-access data functions need; injected so tests can use a scratch database and the emulator. */
export interface OpsDeps {
  db: DB;
  dms: DmsApi;
  audit: (entry: AuditEntryInput) => Promise<void>;
  now?: () => number;
}

/** Audit action of settlements made by the console itself (reconciliation, corrections); they carry no actor. */
export const RECONCILE_ACTION = "proxy-accesses.reconcile";

export const GRANT_KIND = "dms.proxy-access.grant";
export const REVOKE_KIND = "dms.proxy-access.revoke";
export type OperationRow = typeof cloudOperations.$inferSelect;
export type OperationStatus = OperationRow["status"];

export const grantTarget = (proxyId: string, userId: string) => `dms-proxy:${proxyId}/user:${userId}`;
export const revokeTarget = (proxyId: string, accessId: string) => `dms-proxy:${proxyId}/access:${accessId}`;
export const proxyTargetPrefix = (proxyId: string) => `dms-proxy:${proxyId}/`;

export interface NewOperation {
  idempotencyKey: string;
  kind: string;
  cloudAccountId: string;
  target: string;
  /** Never a password: only ids, names, the reason. */
  params: Record<string, unknown>;
  createdBy: string | null;
  jobId?: string | null;
}

/** Inserts the operation as pending; when its key is taken, returns the existing row instead. */
export async function claimOperation(db: DB, op: NewOperation): Promise<{ row: OperationRow; claimed: boolean }> {
  const [inserted] = await db
    .insert(cloudOperations)
    .values({ ...op, jobId: op.jobId ?? null, status: "pending" })
    .onConflictDoNothing({ target: cloudOperations.idempotencyKey })
    .returning();
  if (inserted) return { row: inserted, claimed: true };
  const existing = await findOperation(db, op.idempotencyKey);
  if (!existing) throw new Error("idempotency key conflict without a row");
  return { row: existing, claimed: false };
}

export async function findOperation(db: DB, idempotencyKey: string): Promise<OperationRow | undefined> {
  const [row] = await db.select().from(cloudOperations).where(eq(cloudOperations.idempotencyKey, idempotencyKey)).limit(1);
  return row;
}

export interface Settlement {
  status: Exclude<OperationStatus, "pending">;
  result?: Record<string, unknown> | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  vendorRequestId?: string | null;
}

/** Writes the outcome; with `onlyIf`, only while the row is still in that state (returns whether it wrote). */
export async function settleOperation(db: DB, id: string, s: Settlement, onlyIf?: { status: OperationStatus; updatedAt?: Date }) {
  const where = onlyIf
    ? and(
        eq(cloudOperations.id, id),
        eq(cloudOperations.status, onlyIf.status),
        onlyIf.updatedAt ? eq(cloudOperations.updatedAt, onlyIf.updatedAt) : undefined,
      )
    : eq(cloudOperations.id, id);
  const rows = await db
    .update(cloudOperations)
    .set({
      status: s.status,
      result: s.result ?? null,
      errorCode: s.errorCode ?? null,
      errorMessage: s.errorMessage?.slice(0, 1000) ?? null,
      vendorRequestId: s.vendorRequestId ?? null,
      updatedAt: new Date(),
    })
    .where(where)
    .returning({ id: cloudOperations.id });
  return rows.length > 0;
}

export async function findOperationById(db: DB, id: string): Promise<OperationRow | undefined> {
  const [row] = await db.select().from(cloudOperations).where(eq(cloudOperations.id, id)).limit(1);
  return row;
}

/**
 * Marks the row as this call's again, right before the vendor is called and under the pair's
 * lock: it fails when reconciliation settled the row in the meantime (the caller then stops and
 * answers from the row). Also refreshes updatedAt, which reconciliation measures age by.
 */
export async function holdOperation(db: DB, id: string, from: readonly OperationStatus[] = ["pending"]): Promise<boolean> {
  const rows = await db
    .update(cloudOperations)
    .set({ status: "pending", updatedAt: new Date() })
    .where(and(eq(cloudOperations.id, id), inArray(cloudOperations.status, [...from])))
    .returning({ id: cloudOperations.id });
  return rows.length > 0;
}

/**
 * Gives a claim back when nothing was sent (its lock was busy), so the same key can be used again
 * once the other change is over instead of replaying the refusal for good.
 */
export async function releaseClaim(db: DB, id: string): Promise<void> {
  await db.delete(cloudOperations).where(and(eq(cloudOperations.id, id), eq(cloudOperations.status, "pending")));
}

/** How a failed vendor call is recorded: unknown when the change may have happened anyway. */
export function settlementOf(error: unknown): Settlement {
  if (isProviderError(error)) {
    return {
      status: error.outcomeUnknown ? "unknown" : "failed",
      errorCode: error.code,
      errorMessage: error.userMessage,
      vendorRequestId: error.requestId ?? null,
    };
  }
  if (error instanceof ActionError) return { status: "failed", errorCode: error.options.code ?? "FAILED", errorMessage: error.message };
  // Not a vendor answer (a bug, an abort): the request may have left, so nothing is assumed.
  return { status: "unknown", errorCode: "INTERNAL", errorMessage: "The console failed while the change was in flight." };
}

/** The code of every "may or may not have happened" answer; a form keeps its key after it. */
export const OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";

export const UNKNOWN_OUTCOME_MESSAGE =
  "DMS did not confirm whether the change happened. Nothing was repeated; the console checks it against DMS when the list loads.";

/** The settled row as the action result the first submission got. */
export function errorFromSettled(row: OperationRow): ActionError {
  if (row.status === "unknown") {
    return new ActionError(`${UNKNOWN_OUTCOME_MESSAGE} (${row.errorMessage ?? "no answer"} Last error: ${row.errorCode ?? "none"}.)`, {
      code: OUTCOME_UNKNOWN,
      requestId: row.vendorRequestId ?? undefined,
    });
  }
  return new ActionError(row.errorMessage ?? "The change failed.", { code: row.errorCode ?? "FAILED", requestId: row.vendorRequestId ?? undefined });
}

/**
 * A second submission with the same key waits for the first one to settle (a double click lands
 * while the first is still at the vendor) and then gets the same answer. Undefined when the first
 * gave its claim back.
 */
export async function waitForSettled(db: DB, idempotencyKey: string, timeoutMs = 20_000): Promise<OperationRow | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await findOperation(db, idempotencyKey);
    // Given back (releaseClaim): the caller may claim the key itself.
    if (!row) return undefined;
    if (row.status !== "pending" || Date.now() > deadline) return row;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Open (pending or unknown) operations on a proxy, oldest first. */
export async function openOperationsOf(db: DB, accountId: string, proxyId: string): Promise<OperationRow[]> {
  return db
    .select()
    .from(cloudOperations)
    .where(
      and(
        eq(cloudOperations.cloudAccountId, accountId),
        like(cloudOperations.target, `${proxyTargetPrefix(proxyId)}%`),
        inArray(cloudOperations.status, ["pending", "unknown"]),
        inArray(cloudOperations.kind, [GRANT_KIND, REVOKE_KIND]),
      ),
    )
    .orderBy(cloudOperations.createdAt);
}

const OPEN: OperationStatus[] = ["pending", "unknown"];

/** Open proxy-access operations last touched before `before`, on every proxy: one query on the status index. */
export async function staleOpenOperations(db: DB, before: Date): Promise<OperationRow[]> {
  return db
    .select()
    .from(cloudOperations)
    .where(and(inArray(cloudOperations.status, OPEN), inArray(cloudOperations.kind, [GRANT_KIND, REVOKE_KIND]), lt(cloudOperations.updatedAt, before)))
    .orderBy(cloudOperations.createdAt);
}

/**
 * Work of a cloud account that is not over: operations whose outcome is pending or unknown, and
 * bulk jobs still running. Deleting the account while any exists would orphan it (nothing could
 * settle it against the vendor any more), so account deletion refuses while either count is above 0.
 */
export async function countOpenWorkOfAccount(db: DB, accountId: string): Promise<{ operations: number; jobs: number }> {
  const [ops] = await db
    .select({ n: count() })
    .from(cloudOperations)
    .where(and(eq(cloudOperations.cloudAccountId, accountId), inArray(cloudOperations.status, OPEN)));
  const [jobs] = await db
    .select({ n: count() })
    .from(bulkGrantJobs)
    .where(and(eq(bulkGrantJobs.cloudAccountId, accountId), eq(bulkGrantJobs.status, "running")));
  return { operations: Number(ops?.n ?? 0), jobs: Number(jobs?.n ?? 0) };
}
