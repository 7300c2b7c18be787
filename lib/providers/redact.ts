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

/** RFC 3986: everything but A-Z a-z 0-9 - _ . ~ is escaped (the signers' form, which escapes ! ' ( ) *). */
function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** application/x-www-form-urlencoded as URLSearchParams writes it (space as +). */
function formEncoded(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Every way a secret can appear in a request, a vendor's echo of it or a log line: as is, each
 * percent-encoding in use (encodeURIComponent, RFC 3986, form encoding), encoded twice (the v1
 * string-to-sign, which some vendors echo back) and JSON-escaped.
 */
export function encodedForms(secret: string): string[] {
  const forms = new Set<string>([secret, JSON.stringify(secret).slice(1, -1)]);
  for (const encode of [encodeURIComponent, rfc3986, formEncoded]) {
    const once = encode(secret);
    forms.add(once);
    forms.add(encode(once));
  }
  return [...forms];
}

/** Matches a form with percent-escapes in either hex case (%2A and %2a). */
function pattern(form: string): string {
  return escapeRegExp(form).replace(/%([0-9A-Fa-f])([0-9A-Fa-f])/g, (_m, a: string, b: string) => `%[${a.toUpperCase()}${a.toLowerCase()}][${b.toUpperCase()}${b.toLowerCase()}]`);
}

/** Replaces every occurrence of each secret, in any of its encoded forms, in `text`. */
export function redactText(text: string, secrets: readonly string[]): string {
  const forms = new Set(secrets.filter((secret) => secret && secret.length >= 3).flatMap(encodedForms));
  if (forms.size === 0) return text;
  // One pass, longest form first: a secret that contains another is never half-replaced.
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(pattern);
  return text.replace(new RegExp(alternatives.join("|"), "g"), REDACTED);
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
