/**
 * Secret scrubbing for anything that might be logged or surfaced: error messages, log events,
 * request descriptions. Field names are matched case-insensitively; literal secret values (keys,
 * passwords sent in this request) are replaced wherever they appear in free text.
 */

const SECRET_FIELD =
  /^(password|indeppassword|user_pwd|accesssecret|accesskeysecret|secretkey|sk|securitytoken|token|authorization|x-auth-token|x-subject-token|x-tc-token|x-acs-security-token|x-security-token|signature|encryptedpassword)$/i;

export const REDACTED = "[REDACTED]";

export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

/** Replaces every occurrence of each secret (and its percent-encoded form) in `text`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 3) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = out.split(form).join(REDACTED);
    }
  }
  return out;
}

/** Deep copy with secret-named fields replaced and secret values scrubbed from strings. */
export function redactValue(value: unknown, secrets: readonly string[] = []): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSecretField(key) ? REDACTED : redactValue(item, secrets);
    }
    return out;
  }
  return value;
}
