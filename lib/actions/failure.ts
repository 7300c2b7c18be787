import { randomUUID } from "node:crypto";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locale";
import { errorWords, localizedActionError } from "./action-error";
import type { StoredWords } from "@/lib/db/schema";
import { isVendor, vendorErrorText, vendorErrorWords } from "@/lib/i18n/vendor-errors";
import { ActionError, ERROR_CODES, type ActionFailure } from "./result";

/** The fields of lib/providers' ProviderError this layer relies on. */
interface VendorFailure {
  name: "ProviderError";
  code: string;
  userMessage: string;
  requestId?: string | null;
  vendor: string;
  httpStatus?: number;
}

function isVendorFailure(error: unknown): error is VendorFailure {
  return error instanceof Error && error.name === "ProviderError" && typeof (error as Partial<VendorFailure>).userMessage === "string";
}

/** A vendor failure's plain words in `locale`, picked from its code (its English userMessage is the log's). */
function vendorText(error: VendorFailure, locale: string | undefined): string {
  if (!isVendor(error.vendor)) return error.userMessage;
  return vendorErrorText({ vendor: error.vendor, code: error.code, httpStatus: error.httpStatus }, locale);
}

/**
 * Turns anything an action threw into what the user may see, in their language (`locale`; English
 * when omitted). Expected failures keep their message; vendor errors keep the vendor's code and
 * request id untranslated; anything else is logged with a reference id and shown as a generic message.
 */
export function describeFailure(error: unknown, actionName: string, locale: Locale = DEFAULT_LOCALE): ActionFailure {
  if (error instanceof ActionError) {
    const vendor = error.options.vendor;
    const { message, fieldErrors } = localizedActionError(error, locale);
    return {
      ok: false,
      formError:
        vendor && error.options.code && isVendor(vendor.vendor)
          ? vendorErrorText({ vendor: vendor.vendor, code: error.options.code, httpStatus: vendor.httpStatus }, locale)
          : message,
      code: error.options.code,
      fieldErrors,
      requestId: error.options.requestId,
    };
  }
  if (isVendorFailure(error)) {
    return { ok: false, formError: vendorText(error, locale), code: error.code, requestId: error.requestId ?? undefined };
  }
  const ref = randomUUID().slice(0, 8);
  console.error(`[action ${actionName}] ref ${ref}:`, error instanceof Error ? error.stack ?? error.message : error);
  return {
    ok: false,
    code: ERROR_CODES.internal,
    ref,
    formError: errorWords(locale, "internal", { ref }),
  };
}

/**
 * What the audit log keeps of a failure: its words where the console or the vendor's code has
 * them (stored in English, shown in each reader's language), else the English text.
 */
export function auditMessageOf(error: unknown, failure: ActionFailure): string | StoredWords {
  if (isVendorFailure(error)) return isVendor(error.vendor) ? vendorErrorWords({ vendor: error.vendor, code: error.code, httpStatus: error.httpStatus }) : error.userMessage;
  if (!(error instanceof ActionError)) return failure.formError;
  const { vendor, code, words } = error.options;
  if (vendor && code && isVendor(vendor.vendor)) return vendorErrorWords({ vendor: vendor.vendor, code, httpStatus: vendor.httpStatus ?? undefined });
  return words ? { ns: "Errors", key: words.key, ...(words.values ? { values: words.values } : {}) } : error.message;
}
