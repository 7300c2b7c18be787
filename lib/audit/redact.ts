import { truncate } from "./storable";

/**
 * Removes secrets from anything headed for the audit log. A value is hidden for what it is: the
 * value of a field named as a secret (password, secret, token, private key, authorization,
 * cookie...) at any depth, or text that is a credential wherever it appears (a PEM private key,
 * a bearer token, a JWT). What cannot carry a secret stays readable: identifiers
 * such as AccessKeyId or SecretId, hints, yes/no flags such as replaceCredentials, and short
 * labels such as the signature version "acs3".
 */

export const REDACTED = "[REDACTED]";

const SECRET_KEY = /(pass(word|wd|phrase)?|pwd|secret|token|authorization|cookie|credentials?$|private[-_]?key|(^|[^a-z])sk$|api[-_]?key)/i;
const IDENTIFIER_KEY = /(access[-_]?key[-_]?id|secret[-_]?id|hint$|token[-_]?type|^ak$)/i;
/** A computed request signature: secret-derived, but a field of that name may also hold its version. */
const SIGNATURE_KEY = /signature$/i;
/** A MAC is at least 16 characters of base64 or hex; anything shorter is a label, not a signature. */
const SIGNATURE_LABEL_MAX = 15;

const SECRET_VALUE = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /^\s*bearer\s+[A-Za-z0-9._~+/-]{16,}=*\s*$/i,
  /^eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*$/,
];

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !IDENTIFIER_KEY.test(key);
}

/** Whether the value under `key` must be hidden; empty values stay visible so the log shows none was given. */
function hides(key: string, value: unknown): boolean {
  if (value === undefined || value === null || value === "" || typeof value === "boolean") return false;
  if (SIGNATURE_KEY.test(key)) return typeof value !== "string" || value.length > SIGNATURE_LABEL_MAX;
  return isSecretKey(key);
}

export function looksLikeCredential(value: string): boolean {
  return SECRET_VALUE.some((pattern) => pattern.test(value));
}

const MAX_DEPTH = 8;
const MAX_STRING = 2_000;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return "[TRUNCATED]";
  if (typeof value === "string") {
    if (looksLikeCredential(value)) return REDACTED;
    return value.length > MAX_STRING ? `${truncate(value, MAX_STRING)}…` : value;
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = hides(key, inner) ? REDACTED : redact(inner, depth + 1);
    }
    return out;
  }
  return value;
}

export function redactRecord(value: Record<string, unknown> | undefined | null): Record<string, unknown> | null {
  if (!value) return null;
  return redact(value) as Record<string, unknown>;
}
