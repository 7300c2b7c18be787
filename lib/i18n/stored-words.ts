// use-intl/core (next-intl's own core) rather than "next-intl": that entry pulls in React's client hooks outside Next.js (jobs and bench processes).
import { createTranslator } from "use-intl/core";
import { CATALOGS } from "@/i18n/catalogs";
import type { StoredWords } from "@/lib/db/schema";
import { localeOr, type Locale } from "./locale";
import { messageFallback, reportIntlError } from "./message-fallback";

/*
 * Text the console writes once and people read later (a ledger row's error, a connection test's
 * summary, an audit entry's message) is stored as catalog words beside its English, and worded in
 * the reader's language when shown. `ns` names the catalog namespace (Errors when absent).
 */

export type { StoredWords };

type Translate = (key: string, values?: Record<string, string | number>) => string;
const translators = new Map<Locale, Translate>();

export function wordsText(words: StoredWords, locale: string | null | undefined): string {
  const language = localeOr(locale);
  const worded = words.texts?.[language];
  if (typeof worded === "string") return worded;
  let t = translators.get(language);
  if (!t) {
    const typed = createTranslator({ locale: language, messages: CATALOGS[language], onError: reportIntlError, getMessageFallback: messageFallback });
    t = (key, values) => (typed as unknown as Translate)(key, values);
    translators.set(language, t);
  }
  return t(`${words.ns ?? "Errors"}.${words.key}`, words.values);
}
