// use-intl/core (next-intl's own core) rather than "next-intl": that entry pulls in React's client hooks outside Next.js (jobs and bench processes).
import { createTranslator } from "use-intl/core";
import { messageFallback, reportIntlError } from "@/lib/i18n/message-fallback";
import { localeOr, type Locale } from "@/lib/i18n/locale";
import { vendorErrorMessageRef, type VendorErrorIdentity } from "@/lib/providers/error-messages";
import en from "@/lib/providers/messages/en.json";
import zh from "@/lib/providers/messages/zh-CN.json";
import type { Vendor } from "@/lib/providers/types";

/*
 * A vendor error in the reader's language, chosen from its stable code when it is shown (not
 * frozen in English when it happened). The vendor's code and request id are shown beside it as
 * they are: support asks for them verbatim.
 */

const CATALOGS = { en, "zh-CN": zh } satisfies Record<Locale, typeof en>;
type Translate = (key: string, values: Record<string, string>) => string;
const translators = new Map<Locale, Translate>();

function translatorFor(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    const typed = createTranslator({ locale, messages: { VendorErrors: CATALOGS[locale] }, namespace: "VendorErrors", onError: reportIntlError, getMessageFallback: messageFallback });
    // Keys come from vendorErrorMessageRef, which only names keys of the English catalog (parity-tested).
    t = (key, values) => (typed as unknown as Translate)(key, values);
    translators.set(locale, t);
  }
  return t;
}

/** The plain-language text of a vendor error in `locale` (English for anything unknown). */
export function vendorErrorText(error: VendorErrorIdentity, locale: string | null | undefined): string {
  const ref = vendorErrorMessageRef(error);
  return translatorFor(localeOr(locale))(ref.key, ref.values);
}

/** A vendor error as stored words (lib/i18n/stored-words.ts): an audit entry shows it in its reader's language. */
export function vendorErrorWords(error: VendorErrorIdentity): { ns: "VendorErrors"; key: string; values: Record<string, string> } {
  const ref = vendorErrorMessageRef(error);
  return { ns: "VendorErrors", key: ref.key, values: ref.values };
}

/** The vendor's code and request id after the message, as they were sent: "(code, request id …)". */
export function vendorErrorDetails(error: { code: string; requestId?: string | null }, locale: string | null | undefined): string {
  const t = translatorFor(localeOr(locale));
  return error.requestId ? t("details.codeAndRequestId", { code: error.code, requestId: error.requestId }) : t("details.code", { code: error.code });
}

const VENDORS: readonly string[] = ["alibaba", "tencent", "huawei"] satisfies Vendor[];

export function isVendor(value: unknown): value is Vendor {
  return typeof value === "string" && VENDORS.includes(value);
}
