/*
 * Pure date formatting for <RelativeTime>. Formatters are created once per time zone because
 * constructing Intl objects per row is the expensive part of rendering thousands of timestamps.
 */

const absoluteFormatters = new Map<string, Intl.DateTimeFormat>();

function absoluteFormatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? "";
  let f = absoluteFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    absoluteFormatters.set(key, f);
  }
  return f;
}

export function toDate(value: Date | string | number | null | undefined): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2025-01-03 14:22" in the given IANA zone (the viewer's when omitted). */
export function formatAbsolute(date: Date, timeZone?: string): string {
  const parts: Record<string, string> = {};
  for (const p of absoluteFormatter(timeZone).formatToParts(date)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** What the server renders before the viewer's zone is known: unambiguous, marked as UTC. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();
const JUST_NOW: Record<string, string> = { en: "just now", "zh-CN": "刚刚" };

function relativeFormatter(locale: string): Intl.RelativeTimeFormat {
  let f = relativeFormatters.get(locale);
  if (!f) relativeFormatters.set(locale, (f = new Intl.RelativeTimeFormat(locale, { numeric: "always" })));
  return f;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "412 days ago", "in 3 hours", "just now". Days are the largest unit on purpose: for access
 * reviews "412 days" says more than "1 year". Values truncate toward zero, like an age.
 */
export function formatAge(date: Date, now: number, locale = "en"): string {
  const diff = date.getTime() - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return JUST_NOW[locale] ?? JUST_NOW.en!;
  const rtf = relativeFormatter(locale);
  const sign = diff < 0 ? -1 : 1;
  if (abs < HOUR) return rtf.format(sign * Math.max(1, Math.floor(abs / MINUTE)), "minute");
  if (abs < DAY) return rtf.format(sign * Math.floor(abs / HOUR), "hour");
  return rtf.format(sign * Math.floor(abs / DAY), "day");
}

const longFormatters = new Map<string, Intl.DateTimeFormat>();

/** Full date with the zone name, for the tooltip: "Friday, 3 January 2025 at 14:22:05 CET". */
export function formatLong(date: Date, locale?: string): string {
  const key = locale ?? "";
  let f = longFormatters.get(key);
  if (!f) longFormatters.set(key, (f = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "long" })));
  return f.format(date);
}

/** The zone DMS prints its times in (China Standard Time, UTC+8 all year). */
export const CHINA_TIME_ZONE = "Asia/Shanghai";

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "UTC+8", "UTC+5:30", "UTC" for the zone (the viewer's when omitted) at that moment, so a time
 * on screen says which clock it was read from.
 */
export function formatZone(date: Date, timeZone?: string): string {
  const key = timeZone ?? "";
  let f = offsetFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "shortOffset" });
    offsetFormatters.set(key, f);
  }
  const name = f.formatToParts(date).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  return name.replace(/^GMT/, "UTC");
}
