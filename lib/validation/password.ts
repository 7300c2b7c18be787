import { z } from "zod";
import { issue, msg, type ValidationKey } from "./error-map";

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
  /** The live checklist's words next to the field (a Validation catalog key). */
  summary: ValidationKey;
  /** The validation error when the rule fails. Never echoes the password. */
  message: ValidationKey;
  test: (pw: string) => boolean;
};

/** The values every rule's words may use. */
export const PASSWORD_RULE_VALUES = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH, symbols: CONSOLE_PASSWORD_SYMBOLS };

export const PASSWORD_RULES: readonly PasswordRule[] = [
  {
    id: "length",
    summary: "ruleLength",
    message: "passwordLength",
    test: (pw) => pw.length >= PASSWORD_MIN_LENGTH && pw.length <= PASSWORD_MAX_LENGTH,
  },
  { id: "lowercase", summary: "ruleLowercase", message: "passwordLowercase", test: (pw) => hasAny(pw, LOWER) },
  { id: "uppercase", summary: "ruleUppercase", message: "passwordUppercase", test: (pw) => hasAny(pw, UPPER) },
  { id: "digit", summary: "ruleDigit", message: "passwordDigit", test: (pw) => hasAny(pw, DIGITS) },
  { id: "symbol", summary: "ruleSymbol", message: "passwordSymbol", test: (pw) => hasAny(pw, CONSOLE_PASSWORD_SYMBOLS) },
  { id: "charset", summary: "ruleCharset", message: "passwordCharset", test: (pw) => onlyFrom(pw, ALLOWED) },
  { id: "leadingSlash", summary: "ruleLeadingSlash", message: "passwordLeadingSlash", test: (pw) => !pw.startsWith("/") },
];

export type PasswordRuleCheck = { id: PasswordRuleId; summary: ValidationKey; ok: boolean };

/** Every rule with whether `pw` meets it, for the live checklist beside a password field. */
export function checkPasswordRules(pw: string): PasswordRuleCheck[] {
  return PASSWORD_RULES.map((r) => ({ id: r.id, summary: r.summary, ok: r.test(pw) }));
}

/** Every vendor rule at once; each failed rule is its own issue so a form can list them all. */
export const strictPasswordSchema = z.string(msg("passwordRequired")).superRefine((pw, ctx) => {
  if (pw.length === 0) {
    ctx.addIssue(issue("passwordRequired"));
    return;
  }
  for (const rule of PASSWORD_RULES) {
    if (!rule.test(pw)) ctx.addIssue({ code: "custom", params: { key: rule.message, values: PASSWORD_RULE_VALUES, rule: rule.id } });
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
  /** Validation catalog keys: the label, then advice (failed rules first, with PASSWORD_RULE_VALUES). */
  label: "strengthVeryWeak" | "strengthWeak" | "strengthFair" | "strengthGood" | "strengthStrong";
  hints: ValidationKey[];
};

const LABELS: PasswordStrength["label"][] = ["strengthVeryWeak", "strengthWeak", "strengthFair", "strengthGood", "strengthStrong"];

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
  if (pw.length === 0) return { score: 0, label: LABELS[0]!, hints: ["hintEmpty"] };

  const hints: ValidationKey[] = [];
  let pool = 0;
  if (hasAny(pw, LOWER)) pool += 26;
  if (hasAny(pw, UPPER)) pool += 26;
  if (hasAny(pw, DIGITS)) pool += 10;
  if (/[^A-Za-z0-9]/.test(pw)) pool += CONSOLE_PASSWORD_SYMBOLS.length;
  let bits = pw.length * Math.log2(Math.max(pool, 2));

  const unique = new Set(pw).size;
  if (unique < pw.length / 2) {
    bits *= 0.6;
    hints.push("hintRepeat");
  }
  if (/(.)\1\1/.test(pw)) {
    bits -= 10;
    if (!hints.includes("hintRepeat")) hints.push("hintRepeat");
  }
  const lower = pw.toLowerCase();
  if (hasSequence(lower)) {
    bits -= 12;
    hints.push("hintSequence");
  }
  if (COMMON_FRAGMENTS.some((w) => lower.includes(w))) {
    bits -= 20;
    hints.push("hintCommon");
  }
  if (pw.length < 12) hints.push("hintShort");

  let score: PasswordStrength["score"] = bits < 30 ? 0 : bits < 45 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;

  const failed = PASSWORD_RULES.filter((r) => !r.test(pw));
  if (failed.length > 0) {
    // A password the vendors would reject is never more than "Weak", whatever its length.
    score = Math.min(score, 1) as PasswordStrength["score"];
    hints.unshift(...failed.map((r) => r.message));
  }
  return { score, label: LABELS[score]!, hints };
}
