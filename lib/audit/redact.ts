/**
 * Removes secrets from anything headed for the audit log or a log line. Keys are matched by name
 * (password, secret, token, private key, authorization, cookie...) at any depth; identifiers such
 * as AccessKeyId or SecretId stay visible because they name the credential without granting it.
 */

export const REDACTED = "[REDACTED]";

const SECRET_KEY = /(pass(word|wd|phrase)?|pwd|secret|token|authorization|cookie|credential|private[-_]?key|signature$|(^|[^a-z])sk$|api[-_]?key)/i;
const IDENTIFIER_KEY = /(access[-_]?key[-_]?id|secret[-_]?id|secret[-_]?hint|token[-_]?type|^ak$)/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !IDENTIFIER_KEY.test(key);
}

const MAX_DEPTH = 8;
const MAX_STRING = 2_000;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return "[TRUNCATED]";
  if (typeof value === "string") return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (isSecretKey(key)) {
        out[key] = inner === undefined || inner === null || inner === "" ? inner : REDACTED;
      } else {
        out[key] = redact(inner, depth + 1);
      }
    }
    return out;
  }
  return value;
}

export function redactRecord(value: Record<string, unknown> | undefined | null): Record<string, unknown> | null {
  if (!value) return null;
  return redact(value) as Record<string, unknown>;
}
