import { z } from "zod";

/*
 * One password policy for every vendor the console writes passwords to. Each vendor's documented rule
 * (docs/providers.md) differs, and Tencent's differs between versions of its own docs, so the console
 * enforces the strictest combination:
 * - Tencent MariaDB (international page): 8–32 chars, lower + upper + digit + symbol from
 *   ()~!@#$%^&*-+=_|{}[]:<>,.?/ and not starting with "/".
 * - Huawei DDS: 8–32 chars from upper, lower, digits and ~!@#%^*-_=+?  ("all four classes" is
 *   ambiguous there, so all four are required).
 * A password that passes here is accepted by both, and by DMS, which documents no rule.
 */

export const TENCENT_PASSWORD_SYMBOLS = "()~!@#$%^&*-+=_|{}[]:<>,.?/";
export const HUAWEI_DDS_PASSWORD_SYMBOLS = "~!@#%^*-_=+?";

/** The symbols every vendor accepts: the intersection of the sets above, in Huawei's order. */
export const CONSOLE_PASSWORD_SYMBOLS = [...HUAWEI_DDS_PASSWORD_SYMBOLS]
  .filter((c) => TENCENT_PASSWORD_SYMBOLS.includes(c))
  .join("");

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 32;

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";

function hasAny(pw: string, set: string): boolean {
  for (const c of pw) if (set.includes(c)) return true;
  return false;
}

function onlyFrom(pw: string, set: string): boolean {
  for (const c of pw) if (!set.includes(c)) return false;
  return true;
}

const ALLOWED = LOWER + UPPER + DIGITS + CONSOLE_PASSWORD_SYMBOLS;

export type PasswordRuleId = "length" | "lowercase" | "uppercase" | "digit" | "symbol" | "charset" | "leadingSlash";

export type PasswordRule = {
  id: PasswordRuleId;
  /** Shown in the live checklist next to the field. */
  summary: string;
  /** Shown as the validation error when the rule fails. Never echoes the password. */
  message: string;
  test: (pw: string) => boolean;
};

export const PASSWORD_RULES: readonly PasswordRule[] = [
  {
    id: "length",
    summary: `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters`,
    message: `Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`,
    test: (pw) => pw.length >= PASSWORD_MIN_LENGTH && pw.length <= PASSWORD_MAX_LENGTH,
  },
  {
    id: "lowercase",
    summary: "A lowercase letter (a–z)",
    message: "Add at least one lowercase letter (a–z).",
    test: (pw) => hasAny(pw, LOWER),
  },
  {
    id: "uppercase",
    summary: "An uppercase letter (A–Z)",
    message: "Add at least one uppercase letter (A–Z).",
    test: (pw) => hasAny(pw, UPPER),
  },
  {
    id: "digit",
    summary: "A digit (0–9)",
    message: "Add at least one digit (0–9).",
    test: (pw) => hasAny(pw, DIGITS),
  },
  {
    id: "symbol",
    summary: `A symbol from ${CONSOLE_PASSWORD_SYMBOLS}`,
    message: `Add at least one of these symbols: ${CONSOLE_PASSWORD_SYMBOLS}`,
    test: (pw) => hasAny(pw, CONSOLE_PASSWORD_SYMBOLS),
  },
  {
    id: "charset",
    summary: "No spaces or other characters",
    message: `Use only letters, digits and these symbols: ${CONSOLE_PASSWORD_SYMBOLS} (no spaces or other characters).`,
    test: (pw) => onlyFrom(pw, ALLOWED),
  },
  {
    id: "leadingSlash",
    summary: 'Does not start with "/"',
    message: 'The password must not start with "/".',
    test: (pw) => !pw.startsWith("/"),
  },
];

export type PasswordRuleCheck = { id: PasswordRuleId; summary: string; ok: boolean };

/** Every rule with whether `pw` meets it, for the live checklist beside a password field. */
export function checkPasswordRules(pw: string): PasswordRuleCheck[] {
  return PASSWORD_RULES.map((r) => ({ id: r.id, summary: r.summary, ok: r.test(pw) }));
}

/** Every vendor rule at once; each failed rule is its own issue so a form can list them all. */
export const strictPasswordSchema = z.string({ error: "Enter a password." }).superRefine((pw, ctx) => {
  if (pw.length === 0) {
    ctx.addIssue({ code: "custom", message: "Enter a password." });
    return;
  }
  for (const rule of PASSWORD_RULES) {
    if (!rule.test(pw)) ctx.addIssue({ code: "custom", message: rule.message, params: { rule: rule.id } });
  }
});

/* Look-alikes (I l 1 O 0 o) are left out of generated passwords because they are shown once and often
   read or retyped by a person; 20 characters from the rest still carry about 120 bits. */
const GEN_LOWER = "abcdefghijkmnpqrstuvwxyz";
const GEN_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const GEN_DIGITS = "23456789";
const GEN_SYMBOLS = CONSOLE_PASSWORD_SYMBOLS;
const GEN_ALL = GEN_LOWER + GEN_UPPER + GEN_DIGITS + GEN_SYMBOLS;

/** Uniform integer in [0, max) from the Web Crypto CSPRNG, without modulo bias. */
function randomInt(max: number): number {
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  const buf = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(buf);
    const v = buf[0]!;
    if (v < limit) return v % max;
  }
}

function pick(set: string): string {
  return set[randomInt(set.length)]!;
}

/**
 * A random password that satisfies every rule above: one of each class, the rest from all classes,
 * shuffled. Throws RangeError outside 8–32 characters, where no vendor accepts the result.
 */
export function generatePassword(length = 20): string {
  if (!Number.isInteger(length) || length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new RangeError(`Password length must be an integer from ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH}.`);
  }
  const chars = [pick(GEN_LOWER), pick(GEN_UPPER), pick(GEN_DIGITS), pick(GEN_SYMBOLS)];
  while (chars.length < length) chars.push(pick(GEN_ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  // "/" is not in the console set today; keep the Tencent rule true even if the set ever grows.
  if (chars[0] === "/") [chars[0], chars[1]] = [chars[1]!, chars[0]];
  return chars.join("");
}

export type PasswordStrength = {
  score: 0 | 1 | 2 | 3 | 4;
  label: "Very weak" | "Weak" | "Fair" | "Good" | "Strong";
  hints: string[];
};

const LABELS: PasswordStrength["label"][] = ["Very weak", "Weak", "Fair", "Good", "Strong"];

const COMMON_FRAGMENTS = ["password", "passwd", "admin", "root", "qwerty", "letmein", "welcome", "123456", "abc123", "iloveyou", "mariadb", "mongo", "mysql", "secret"];

const SEQUENCES = ["abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiop", "asdfghjkl", "zxcvbnm"];

function hasSequence(lower: string, run = 4): boolean {
  for (const seq of SEQUENCES) {
    for (let i = 0; i + run <= seq.length; i++) {
      const part = seq.slice(i, i + run);
      if (lower.includes(part) || lower.includes([...part].reverse().join(""))) return true;
    }
  }
  return false;
}

/**
 * A quick, dependency-free estimate for the meter next to a password field: character-pool entropy
 * with penalties for the patterns people actually type. It is guidance, not a policy: the schema is.
 */
export function passwordStrength(pw: string): PasswordStrength {
  if (pw.length === 0) return { score: 0, label: LABELS[0]!, hints: ["Enter a password or generate one."] };

  const hints: string[] = [];
  let pool = 0;
  if (hasAny(pw, LOWER)) pool += 26;
  if (hasAny(pw, UPPER)) pool += 26;
  if (hasAny(pw, DIGITS)) pool += 10;
  if (/[^A-Za-z0-9]/.test(pw)) pool += CONSOLE_PASSWORD_SYMBOLS.length;
  let bits = pw.length * Math.log2(Math.max(pool, 2));

  const unique = new Set(pw).size;
  if (unique < pw.length / 2) {
    bits *= 0.6;
    hints.push("Avoid repeating the same characters.");
  }
  if (/(.)\1\1/.test(pw)) {
    bits -= 10;
    if (!hints.includes("Avoid repeating the same characters.")) hints.push("Avoid repeating the same characters.");
  }
  const lower = pw.toLowerCase();
  if (hasSequence(lower)) {
    bits -= 12;
    hints.push("Avoid sequences such as abcd, 1234 or qwerty.");
  }
  if (COMMON_FRAGMENTS.some((w) => lower.includes(w))) {
    bits -= 20;
    hints.push("Avoid common words such as password or admin.");
  }
  if (pw.length < 12) hints.push("Use 12 or more characters; 16+ is better.");

  let score: PasswordStrength["score"] = bits < 30 ? 0 : bits < 45 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;

  const failed = PASSWORD_RULES.filter((r) => !r.test(pw));
  if (failed.length > 0) {
    // A password the vendors would reject is never more than "Weak", whatever its length.
    score = Math.min(score, 1) as PasswordStrength["score"];
    hints.unshift(...failed.map((r) => r.message));
  }
  return { score, label: LABELS[score]!, hints };
}
