/*
 * What an audit entry may hold so that its write cannot fail on content. The log records what
 * callers sent, attacker-chosen values included, and "no audit, no change" means a value the
 * database refuses would block every refusal from being recorded. PostgreSQL cannot store NUL in
 * text or jsonb, and jsonb refuses an unpaired UTF-16 surrogate; both become U+FFFD, visibly.
 */

export const REPLACEMENT = "\uFFFD";

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Cuts at `max` UTF-16 units without splitting a surrogate pair (which would leave half of it). */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  const end = /[\uD800-\uDBFF]/.test(value[max - 1]!) ? max - 1 : max;
  return value.slice(0, end);
}

export function storableText(value: string): string;
export function storableText(value: string | null | undefined): string | null;
export function storableText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.replace(UNSTORABLE, REPLACEMENT);
}

/**
 * A JSON value jsonb accepts: strings and keys cleaned as above, bigints as decimal text (JSON
 * has no bigint and JSON.stringify throws on one). Expects an already depth-bounded value.
 */
export function storableJson(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(storableJson);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[storableText(key)] = storableJson(inner);
    return out;
  }
  return value;
}
