import { randomUUID } from "node:crypto";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locale";
import { errorWords, localizedActionError } from "./action-error";
import { ActionError, ERROR_CODES, type ActionFailure } from "./result";

/** The fields of lib/providers' ProviderError this layer relies on. */
interface VendorFailure {
  name: "ProviderError";
  code: string;
  userMessage: string;
  requestId?: string | null;
  vendor: string;
}

function isVendorFailure(error: unknown): error is VendorFailure {
  return error instanceof Error && error.name === "ProviderError" && typeof (error as Partial<VendorFailure>).userMessage === "string";
}

/**
 * Turns anything an action threw into what the user may see. Expected failures keep their
 * message; vendor errors keep the vendor's code and request id; anything else is logged with
 * a reference id and shown as a generic message.
 */
export function describeFailure(error: unknown, actionName: string, locale: Locale = DEFAULT_LOCALE): ActionFailure {
  if (error instanceof ActionError) {
    const { message, fieldErrors } = localizedActionError(error, locale);
    return { ok: false, formError: message, code: error.options.code, fieldErrors, requestId: error.options.requestId };
  }
  if (isVendorFailure(error)) {
    return { ok: false, formError: error.userMessage, code: error.code, requestId: error.requestId ?? undefined };
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
