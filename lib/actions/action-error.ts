import "server-only";
// use-intl/core (next-intl's own core) rather than "next-intl": that entry pulls in React's client hooks outside Next.js (jobs and bench processes).
import { createTranslator } from "use-intl/core";
import { messageFallback, reportIntlError } from "@/lib/i18n/message-fallback";
import { CATALOGS, type Messages } from "@/i18n/catalogs";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locale";
import { ActionError, type ActionFailure, type FieldErrors, type WordRef } from "./result";

/*
 * Expected failures in the reader's language. An action throws actionError("lastAdmin"); the error
 * carries English (for logs, the ledger and tests) and the catalog key, and the action wrapper or
 * route handler words it again in the language of the request that gets the answer.
 */

export type ActionErrorKey = keyof Messages["Errors"];
type Values = Record<string, string | number>;

const translators = new Map<Locale, (key: ActionErrorKey, values?: Values) => string>();

export function errorWords(locale: Locale, key: ActionErrorKey, values?: Values): string {
  let t = translators.get(locale);
  if (!t) {
    const translate = createTranslator({ locale, messages: CATALOGS[locale], namespace: "Errors", onError: reportIntlError, getMessageFallback: messageFallback });
    t = (k, v) => (translate as unknown as (k: string, v?: Values) => string)(k, v);
    translators.set(locale, t);
  }
  return t(key, values);
}

/** A field's message: a key (worded with the error's values) or a key with values of its own. */
export type FieldWords = ActionErrorKey | { key: ActionErrorKey; values?: Values };

function sayRef(locale: Locale, ref: WordRef, values?: Values): string {
  return typeof ref === "string" ? errorWords(locale, ref as ActionErrorKey, values) : errorWords(locale, ref.key as ActionErrorKey, ref.values ?? values);
}

export function actionError(
  key: ActionErrorKey,
  options: { values?: Values; code?: string; requestId?: string; fieldErrors?: Record<string, FieldWords[]> } = {},
): ActionError {
  const { values, fieldErrors, ...rest } = options;
  const english = (refs: FieldWords[]) => refs.map((ref) => sayRef(DEFAULT_LOCALE, ref, values));
  return new ActionError(errorWords(DEFAULT_LOCALE, key, values), {
    ...rest,
    ...(fieldErrors ? { fieldErrors: Object.fromEntries(Object.entries(fieldErrors).map(([f, keys]) => [f, english(keys)])) } : {}),
    words: { key, values, fieldErrors },
  });
}

/** An ActionError's message and field errors in `locale`; errors made without words keep their text. */
export function localizedActionError(error: ActionError, locale: Locale): { message: string; fieldErrors?: FieldErrors } {
  const words = error.options.words;
  if (!words || locale === DEFAULT_LOCALE) return { message: error.message, fieldErrors: error.options.fieldErrors };
  const values = words.localValues?.(locale) ?? words.values;
  return {
    message: sayRef(locale, words.key, values),
    fieldErrors: words.fieldErrors
      ? Object.fromEntries(Object.entries(words.fieldErrors).map(([f, refs]) => [f, refs.map((ref) => sayRef(locale, ref, values))]))
      : error.options.fieldErrors,
  };
}

/** A console failure (not an ActionError) in `locale`. */
export function failureWords(locale: Locale, key: ActionErrorKey, values?: Values): Pick<ActionFailure, "formError"> {
  return { formError: errorWords(locale, key, values) };
}
