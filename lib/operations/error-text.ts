import { errorWords, type ActionErrorKey } from "@/lib/actions/action-error";
import type { StoredWords } from "@/lib/db/schema";
import { DEFAULT_LOCALE } from "@/lib/i18n/locale";
import { wordsText } from "@/lib/i18n/stored-words";
import { isVendor, vendorErrorText } from "@/lib/i18n/vendor-errors";
import type { OperationRow } from "./kinds";

type ErrorFields = Pick<OperationRow, "errorCode" | "errorMessage" | "errorVendor" | "errorHttpStatus"> & { errorWords?: StoredWords | null };

/**
 * A ledger row's error as a person reads it, in `locale`: a vendor's refusal picked from its
 * stored code, vendor and status; the console's own error from its stored catalog words; rows
 * from before either existed as stored (English). Null when the row has no error.
 */
export function operationErrorText(row: ErrorFields, locale: string | null | undefined): string | null {
  if (row.errorCode && isVendor(row.errorVendor)) {
    return vendorErrorText({ vendor: row.errorVendor, code: row.errorCode, httpStatus: row.errorHttpStatus }, locale);
  }
  if (row.errorWords) return wordsText(row.errorWords, locale);
  return row.errorMessage;
}

/** A console error for a settlement: the English kept in error_message, the words to show it in any language. */
export function consoleError(key: ActionErrorKey, values?: Record<string, string | number>): { errorMessage: string; errorWords: StoredWords } {
  return { errorMessage: errorWords(DEFAULT_LOCALE, key, values), errorWords: values ? { key, values } : { key } };
}
