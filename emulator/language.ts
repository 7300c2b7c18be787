import { headerValue, type EmuRequest } from "./types";

/*
 * The language a caller asked the vendor to answer in: Huawei's X-Language (zh-cn | en-us) and
 * Tencent's X-TC-Language (zh-CN | en-US). English is the default, as at the vendors.
 */
export type EmuLanguage = "en" | "zh";

export function requestLanguage(req: EmuRequest, header: "x-language" | "x-tc-language"): EmuLanguage {
  const value = headerValue(req, header)?.trim().toLowerCase();
  return value === "zh-cn" || value === "zh" ? "zh" : "en";
}

/** A Chinese message for a code: fixed, or built from the English one (to keep its details). */
export type ZhMessage = string | ((english: string) => string);

/** The Chinese text of `code`, or the English one for a code the table does not know. */
export function inLanguage(table: Readonly<Record<string, ZhMessage>>, language: EmuLanguage, code: string, english: string): string {
  if (language !== "zh" || !Object.hasOwn(table, code)) return english;
  const zh = table[code]!;
  return typeof zh === "string" ? zh : zh(english);
}

/** The part of an English message after a fixed lead ("Parameter error: x" gives "x"), or the whole. */
export function after(english: string, lead: string): string {
  return english.startsWith(lead) ? english.slice(lead.length) : english;
}

/** The first `quoted` name in an English message, if any. */
export function quoted(english: string): string | undefined {
  return /`([^`]+)`/.exec(english)?.[1];
}
