import { z } from "zod";
import { issue, msg, type ValidationKey } from "./error-map";

/*
 * Password policies, one per vendor the console writes passwords to, each the STRICTEST reading of
 * that vendor's documents (docs/providers.md), since their pages disagree between versions:
 * - Tencent MariaDB (international page): 8–32 chars, lower + upper + digit + symbol from
 *   ()~!@#$%^&*-+=_|{}[]:<>,.?/ and not starting with "/" (the Chinese page asks for two classes).
 * - Huawei DDS: 8–32 chars from upper, lower, digits and ~!@#%^*-_=+?  ("a combination of" is
 *   ambiguous, so all four are required; the newest page also allows ()$, the older ones do not).
 * - console: both at once, for a password that may reach either vendor (and DMS, which documents
 *   no rule). It is the policy of the exports without a policy argument.
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

export type PasswordRuleId = "length" | "lowercase" | "uppercase" | "digit" | "symbol" | "charset" | "leadingSlash";

export type PasswordRule = {
  id: PasswordRuleId;
  /** The live checklist's words next to the field (a Validation catalog key). */
  summary: ValidationKey;
  /** The validation error when the rule fails. Never echoes the password. */
  message: ValidationKey;
  test: (pw: string) => boolean;
};

export type PasswordPolicyName = "console" | "tencent-mariadb" | "huawei-dds";

export type PasswordPolicy = {
  name: PasswordPolicyName;
  symbols: string;
  /** The values every rule's words may use: {min}, {max} and this policy's {symbols}. */
  values: { min: number; max: number; symbols: string };
  rules: readonly PasswordRule[];
};

function policy(name: PasswordPolicyName, symbols: string, noLeadingSlash: boolean): PasswordPolicy {
  const allowed = LOWER + UPPER + DIGITS + symbols;
  const rules: PasswordRule[] = [
    {
      id: "length",
      summary: "ruleLength",
      message: "passwordLength",
      test: (pw) => pw.length >= PASSWORD_MIN_LENGTH && pw.length <= PASSWORD_MAX_LENGTH,
    },
    { id: "lowercase", summary: "ruleLowercase", message: "passwordLowercase", test: (pw) => hasAny(pw, LOWER) },
    { id: "uppercase", summary: "ruleUppercase", message: "passwordUppercase", test: (pw) => hasAny(pw, UPPER) },
    { id: "digit", summary: "ruleDigit", message: "passwordDigit", test: (pw) => hasAny(pw, DIGITS) },
    { id: "symbol", summary: "ruleSymbol", message: "passwordSymbol", test: (pw) => hasAny(pw, symbols) },
    { id: "charset", summary: "ruleCharset", message: "passwordCharset", test: (pw) => onlyFrom(pw, allowed) },
  ];
  if (noLeadingSlash) rules.push({ id: "leadingSlash", summary: "ruleLeadingSlash", message: "passwordLeadingSlash", test: (pw) => !pw.startsWith("/") });
  return { name, symbols, values: { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH, symbols }, rules };
}

/* The console policy keeps the leading-slash rule although "/" is outside its set: the checklist has always shown it. */
export const PASSWORD_POLICIES: Readonly<Record<PasswordPolicyName, PasswordPolicy>> = {
  console: policy("console", CONSOLE_PASSWORD_SYMBOLS, true),
  "tencent-mariadb": policy("tencent-mariadb", TENCENT_PASSWORD_SYMBOLS, true),
  "huawei-dds": policy("huawei-dds", HUAWEI_DDS_PASSWORD_SYMBOLS, false),
};

/** The console policy's values and rules, under the names the forms already use. */
export const PASSWORD_RULE_VALUES = PASSWORD_POLICIES.console.values;
export const PASSWORD_RULES: readonly PasswordRule[] = PASSWORD_POLICIES.console.rules;

export type PasswordRuleCheck = { id: PasswordRuleId; summary: ValidationKey; ok: boolean };

/** Every rule of `policy` with whether `pw` meets it, for the live checklist beside a password field. */
export function checkPasswordRulesFor(policy: PasswordPolicyName, pw: string): PasswordRuleCheck[] {
  return PASSWORD_POLICIES[policy].rules.map((r) => ({ id: r.id, summary: r.summary, ok: r.test(pw) }));
}

/** The console policy's checklist. */
export function checkPasswordRules(pw: string): PasswordRuleCheck[] {
  return checkPasswordRulesFor("console", pw);
}

function buildSchema({ rules, values }: PasswordPolicy) {
  return z.string(msg("passwordRequired")).superRefine((pw, ctx) => {
    if (pw.length === 0) {
      ctx.addIssue(issue("passwordRequired"));
      return;
    }
    for (const rule of rules) {
      if (!rule.test(pw)) ctx.addIssue({ code: "custom", params: { key: rule.message, values, rule: rule.id } });
    }
  });
}

const SCHEMAS = {
  console: buildSchema(PASSWORD_POLICIES.console),
  "tencent-mariadb": buildSchema(PASSWORD_POLICIES["tencent-mariadb"]),
  "huawei-dds": buildSchema(PASSWORD_POLICIES["huawei-dds"]),
} satisfies Record<PasswordPolicyName, z.ZodType<string, string>>;

/** Every rule of `policy` at once; each failed rule is its own issue so a form can list them all. */
export function passwordSchemaFor(policy: PasswordPolicyName) {
  return SCHEMAS[policy];
}

/** The console policy: a password it accepts is accepted by every vendor. */
export const strictPasswordSchema = SCHEMAS.console;

/* Look-alikes (I l 1 O 0 o) are left out of generated passwords because they are shown once and often
   read or retyped by a person; 20 characters from the rest still carry about 120 bits. */
const GEN_LOWER = "abcdefghijkmnpqrstuvwxyz";
const GEN_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const GEN_DIGITS = "23456789";

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

function shuffle(chars: string[]): void {
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
}

/**
 * A random password that `policy` accepts: one of each class, the rest from all classes, shuffled,
 * never starting with "/". Throws RangeError outside 8–32 characters, where no vendor accepts it.
 */
export function generatePassword(length = 20, policy: PasswordPolicyName = "console"): string {
  if (!Number.isInteger(length) || length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new RangeError(`Password length must be an integer from ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH}.`);
  }
  const { symbols } = PASSWORD_POLICIES[policy];
  const all = GEN_LOWER + GEN_UPPER + GEN_DIGITS + symbols;
  const chars = [pick(GEN_LOWER), pick(GEN_UPPER), pick(GEN_DIGITS), pick(symbols)];
  while (chars.length < length) chars.push(pick(all));
  // Shuffling again (rather than swapping the "/" away) keeps every allowed arrangement equally likely.
  do {
    shuffle(chars);
  } while (chars[0] === "/");
  return chars.join("");
}

export type PasswordStrength = {
  score: 0 | 1 | 2 | 3 | 4;
  /** Validation catalog keys: the label, then advice (failed rules first, with the policy's values). */
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
export function passwordStrength(pw: string, policy: PasswordPolicyName = "console"): PasswordStrength {
  const { symbols, rules } = PASSWORD_POLICIES[policy];
  if (pw.length === 0) return { score: 0, label: LABELS[0]!, hints: ["hintEmpty"] };

  const hints: ValidationKey[] = [];
  let pool = 0;
  if (hasAny(pw, LOWER)) pool += 26;
  if (hasAny(pw, UPPER)) pool += 26;
  if (hasAny(pw, DIGITS)) pool += 10;
  if (/[^A-Za-z0-9]/.test(pw)) pool += symbols.length;
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

  const failed = rules.filter((r) => !r.test(pw));
  if (failed.length > 0) {
    // A password the vendors would reject is never more than "Weak", whatever its length.
    score = Math.min(score, 1) as PasswordStrength["score"];
    hints.unshift(...failed.map((r) => r.message));
  }
  return { score, label: LABELS[score]!, hints };
}
