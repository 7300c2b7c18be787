// use-intl/core (next-intl's own core) rather than "next-intl": that entry pulls in React's client hooks outside Next.js (jobs and bench processes).
import { createTranslator } from "use-intl/core";
import { messageFallback, reportIntlError } from "@/lib/i18n/message-fallback";
import { z } from "zod";
import { CATALOGS } from "@/i18n/catalogs";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locale";
import { requestLocale } from "@/lib/i18n/request-locale";
import { validationErrorMap, type ValidationTranslator } from "./error-map";

/*
 * The server's error maps, one per language, built once. Parses that are given none (a script, a
 * test) fall back to English through zod's global map, never to zod's own developer wording.
 */

const maps = new Map<Locale, z.core.$ZodErrorMap>();

export function errorMapFor(locale: Locale): z.core.$ZodErrorMap {
  let map = maps.get(locale);
  if (!map) {
    const t = createTranslator({ locale, messages: CATALOGS[locale], namespace: "Validation", onError: reportIntlError, getMessageFallback: messageFallback });
    map = validationErrorMap(t as unknown as ValidationTranslator);
    maps.set(locale, map);
  }
  return map;
}

export const englishErrorMap = errorMapFor(DEFAULT_LOCALE);
z.config({ customError: englishErrorMap });

/** The map for the language of the request being served (next-intl's request configuration). */
export async function requestErrorMap(): Promise<z.core.$ZodErrorMap> {
  return errorMapFor(await requestLocale());
}
