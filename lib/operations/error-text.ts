import { isVendor, vendorErrorText } from "@/lib/i18n/vendor-errors";
import type { OperationRow } from "./kinds";

type ErrorFields = Pick<OperationRow, "errorCode" | "errorMessage" | "errorVendor" | "errorHttpStatus">;

/**
 * A ledger row's error as a person reads it: a vendor's refusal in `locale`, picked from its stored
 * code, vendor and status; the console's own messages, and rows from before error_vendor existed,
 * as stored. Null when the row has no error.
 */
export function operationErrorText(row: ErrorFields, locale: string | null | undefined): string | null {
  if (row.errorCode && isVendor(row.errorVendor)) {
    return vendorErrorText({ vendor: row.errorVendor, code: row.errorCode, httpStatus: row.errorHttpStatus }, locale);
  }
  return row.errorMessage;
}
