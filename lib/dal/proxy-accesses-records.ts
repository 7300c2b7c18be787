import "server-only";
import { and, count, eq, inArray, like } from "drizzle-orm";
import { ActionError } from "@/lib/actions/result";
import type { DB } from "@/lib/db/client";
import { bulkGrantJobs, cloudOperations } from "@/lib/db/schema";
import { GRANT_KIND, RECONCILE_ACTION, REVOKE_KIND } from "@/lib/operations/dms-proxy-access";
import type { OperationRow } from "@/lib/operations/kinds";
import type { LedgerDeps } from "@/lib/operations/ledger";
import { OPEN_STATUSES } from "@/lib/operations/records";
import type { DmsApi } from "@/lib/providers/alibaba/dms";

/*
 * What the DMS proxy-access pages read of the operation ledger (lib/operations): targets, the
 * proxy's open changes, and the words for an answer that was lost.
 */

/** The ledger plus the DMS client the page already opened for the actor's scope. */
export type OpsDeps = LedgerDeps & { dms: DmsApi };

export { GRANT_KIND, RECONCILE_ACTION, REVOKE_KIND };
export type { OperationRow };

export const grantTarget = (proxyId: string, userId: string) => `dms-proxy:${proxyId}/user:${userId}`;
export const revokeTarget = (proxyId: string, accessId: string) => `dms-proxy:${proxyId}/access:${accessId}`;
export const proxyTargetPrefix = (proxyId: string) => `dms-proxy:${proxyId}/`;

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
  // A vendor's refusal keeps what picks its text, so the action shows it in the reader's language.
  const vendor = row.errorVendor ? { vendor: row.errorVendor, httpStatus: row.errorHttpStatus } : undefined;
  return new ActionError(row.errorMessage ?? "The change failed.", { code: row.errorCode ?? "FAILED", requestId: row.vendorRequestId ?? undefined, vendor });
}

/** Open (pending, unknown or retrying) operations on a proxy, oldest first. */
export async function openOperationsOf(db: DB, accountId: string, proxyId: string): Promise<OperationRow[]> {
  return db
    .select()
    .from(cloudOperations)
    .where(
      and(
        eq(cloudOperations.cloudAccountId, accountId),
        like(cloudOperations.target, `${proxyTargetPrefix(proxyId)}%`),
        inArray(cloudOperations.status, [...OPEN_STATUSES]),
        inArray(cloudOperations.kind, [GRANT_KIND, REVOKE_KIND]),
      ),
    )
    .orderBy(cloudOperations.createdAt);
}

/**
 * Work of a cloud account that is not over: operations whose outcome is open, and bulk jobs still
 * running. Deleting the account while any exists would orphan it (nothing could settle it against
 * the vendor any more), so account deletion refuses while either count is above 0.
 */
export async function countOpenWorkOfAccount(db: DB, accountId: string): Promise<{ operations: number; jobs: number }> {
  const [ops] = await db
    .select({ n: count() })
    .from(cloudOperations)
    .where(and(eq(cloudOperations.cloudAccountId, accountId), inArray(cloudOperations.status, [...OPEN_STATUSES])));
  const [jobs] = await db
    .select({ n: count() })
    .from(bulkGrantJobs)
    .where(and(eq(bulkGrantJobs.cloudAccountId, accountId), eq(bulkGrantJobs.status, "running")));
  return { operations: Number(ops?.n ?? 0), jobs: Number(jobs?.n ?? 0) };
}
