import "server-only";
import { getLocale } from "next-intl/server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locale";

/**
 * The language of the request being served (next-intl's choice: saved, cookie, Accept-Language).
 * Outside a request (tests, scripts) it falls back to the given saved choice, then English.
 */
export async function currentLocale(fallback?: string | null): Promise<Locale> {
  try {
    const locale = await getLocale();
    if (isLocale(locale)) return locale;
  } catch {
    // no request scope
  }
  return isLocale(fallback) ? fallback : DEFAULT_LOCALE;
}

/** The request's language with no saved choice to fall back on. */
export const requestLocale = (): Promise<Locale> => currentLocale();
