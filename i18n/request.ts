import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locale";
import { messageFallback, reportIntlError } from "@/lib/i18n/message-fallback";
import { CATALOGS } from "./catalogs";

/*
 * next-intl's per-request configuration (it is cached for the request). The language is the
 * signed-in user's saved choice, else the sign-in page's cookie, else Accept-Language, else English.
 */
export default getRequestConfig(async () => {
  const [actor, jar, head] = await Promise.all([getActor().catch(() => null), cookies(), headers()]);
  const locale = resolveLocale({ saved: actor?.locale, cookie: jar.get(LOCALE_COOKIE)?.value, acceptLanguage: head.get("accept-language") });
  // Dates the server formats are UTC; the browser shows times in the viewer's own zone.
  return { locale, messages: CATALOGS[locale], timeZone: "UTC", onError: reportIntlError, getMessageFallback: messageFallback };
});
