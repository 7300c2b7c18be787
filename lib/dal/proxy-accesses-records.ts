import "server-only";
import { and, count, eq, inArray, like } from "drizzle-orm";
import { errorWords } from "@/lib/actions/action-error";
import { ActionError } from "@/lib/actions/result";
import { DEFAULT_LOCALE, localeOr } from "@/lib/i18n/locale";
import { operationErrorText } from "@/lib/operations/error-text";
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

/** "DMS did not confirm…" followed by what the row knows, in `locale`: for lists that show an unknown outcome. */
export function unknownOutcomeText(row: OperationRow | undefined, locale: string): string {
  const language = localeOr(locale);
  const detail = row ? operationErrorText(row, language) : null;
  return `${errorWords(language, "outcomeUnknown")} ${detail ?? ""}`.trim();
}

/** The settled row as the action result the first submission got. */
export function errorFromSettled(row: OperationRow): ActionError {
  if (row.status === "unknown") {
    // What the row knows is worded per reader too (a vendor's error from its code).
    const values = (locale: string) => {
      const language = localeOr(locale);
      return { detail: operationErrorText(row, language) ?? errorWords(language, "noAnswer"), code: row.errorCode ?? "—" };
    };
    return new ActionError(errorWords(DEFAULT_LOCALE, "outcomeUnknownDetail", values(DEFAULT_LOCALE)), {
      code: OUTCOME_UNKNOWN,
      requestId: row.vendorRequestId ?? undefined,
      words: { key: "outcomeUnknownDetail", values: values(DEFAULT_LOCALE), localValues: values },
    });
  }
  // A vendor's refusal keeps what picks its text, so the action shows it in the reader's language.
  const vendor = row.errorVendor ? { vendor: row.errorVendor, httpStatus: row.errorHttpStatus } : undefined;
  const words = row.errorMessage ? undefined : { key: "changeFailed" };
  return new ActionError(row.errorMessage ?? errorWords(DEFAULT_LOCALE, "changeFailed"), { code: row.errorCode ?? "FAILED", requestId: row.vendorRequestId ?? undefined, vendor, words });
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
