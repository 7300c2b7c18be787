import { describe, expect, it } from "vitest";
import {
  CONSOLE_PASSWORD_SYMBOLS,
  HUAWEI_DDS_PASSWORD_SYMBOLS,
  PASSWORD_RULES,
  PASSWORD_RULE_VALUES,
  TENCENT_PASSWORD_SYMBOLS,
  checkPasswordRules,
  generatePassword,
  passwordStrength,
  strictPasswordSchema,
  type PasswordRuleId,
} from "./password";
import { wordsFor } from "./error-map";
import { englishErrorMap } from "./server-error-map";

function messages(pw: unknown): string[] {
  const result = strictPasswordSchema.safeParse(pw);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

function ruleMessage(id: PasswordRuleId): string {
  const rule = PASSWORD_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return wordsFor(englishErrorMap, rule.message, PASSWORD_RULE_VALUES);
}

describe("CONSOLE_PASSWORD_SYMBOLS", () => {
  it("is exactly the symbols both Tencent MariaDB and Huawei DDS accept", () => {
    expect(CONSOLE_PASSWORD_SYMBOLS).toBe("~!@#%^*-_=+?");
    for (const c of CONSOLE_PASSWORD_SYMBOLS) {
      expect(TENCENT_PASSWORD_SYMBOLS).toContain(c);
      expect(HUAWEI_DDS_PASSWORD_SYMBOLS).toContain(c);
    }
  });

  it("leaves out symbols only one vendor accepts", () => {
    for (const c of "()$&|{}[]:<>,./") expect(CONSOLE_PASSWORD_SYMBOLS).not.toContain(c);
  });
});

describe("strictPasswordSchema", () => {
  it("accepts a password that meets every vendor rule", () => {
    expect(strictPasswordSchema.safeParse("Abcd1234!").success).toBe(true);
    expect(strictPasswordSchema.safeParse("xY7~xY7~").success).toBe(true);
    expect(strictPasswordSchema.safeParse("aB3?" + "k".repeat(28)).success).toBe(true);
  });

  it("asks for a password when it is empty or missing", () => {
    expect(messages("")).toEqual(["Enter a password."]);
    expect(messages(undefined)).toEqual(["Enter a password."]);
  });

  it("rejects fewer than 8 characters with the length message", () => {
    expect(messages("Ab1!xyz")).toEqual([ruleMessage("length")]);
  });

  it("rejects more than 32 characters with the length message", () => {
    expect(messages("Ab1!" + "x".repeat(29))).toEqual([ruleMessage("length")]);
  });

  it("rejects a password without a lowercase letter", () => {
    expect(messages("ABCD1234!")).toEqual([ruleMessage("lowercase")]);
  });

  it("rejects a password without an uppercase letter", () => {
    expect(messages("abcd1234!")).toEqual([ruleMessage("uppercase")]);
  });

  it("rejects a password without a digit", () => {
    expect(messages("Abcdefgh!")).toEqual([ruleMessage("digit")]);
  });

  it("rejects a password without a symbol", () => {
    expect(messages("Abcd12345")).toEqual([ruleMessage("symbol")]);
  });

  it("rejects symbols that only Tencent accepts, and spaces", () => {
    expect(messages("Abcd1234!$")).toEqual([ruleMessage("charset")]);
    expect(messages("Abcd 1234!")).toEqual([ruleMessage("charset")]);
    expect(messages("Abcd1234!é")).toEqual([ruleMessage("charset")]);
  });

  it("rejects a leading slash with its own message", () => {
    const m = messages("/Abcd1234!");
    expect(m).toContain(ruleMessage("leadingSlash"));
    expect(m).toContain(ruleMessage("charset"));
  });

  it("lists every failed rule at once", () => {
    expect(messages("abc")).toEqual([
      ruleMessage("length"),
      ruleMessage("uppercase"),
      ruleMessage("digit"),
      ruleMessage("symbol"),
    ]);
  });

  it("never echoes the password in a message", () => {
    const secret = "Sup3rSecret$";
    for (const m of messages(secret)) expect(m).not.toContain(secret);
  });
});

describe("checkPasswordRules", () => {
  it("reports each rule with whether it is met", () => {
    const checks = checkPasswordRules("abcdefgh");
    const byId = Object.fromEntries(checks.map((c) => [c.id, c.ok]));
    expect(byId).toEqual({
      length: true,
      lowercase: true,
      uppercase: false,
      digit: false,
      symbol: false,
      charset: true,
      leadingSlash: true,
    });
  });
});

describe("generatePassword", () => {
  it("produces 1,000 passwords that all pass the strict schema", () => {
    for (let i = 0; i < 1000; i++) {
      const pw = generatePassword();
      expect(pw).toHaveLength(20);
      const result = strictPasswordSchema.safeParse(pw);
      expect(result.success, `generated password failed: ${result.error?.issues.map((x) => x.message)}`).toBe(true);
    }
  });

  it("honours the requested length at both ends of the allowed range", () => {
    for (const len of [8, 9, 16, 31, 32]) {
      for (let i = 0; i < 200; i++) {
        const pw = generatePassword(len);
        expect(pw).toHaveLength(len);
        expect(strictPasswordSchema.safeParse(pw).success).toBe(true);
      }
    }
  });

  it("refuses lengths no vendor accepts", () => {
    expect(() => generatePassword(7)).toThrow(RangeError);
    expect(() => generatePassword(33)).toThrow(RangeError);
    expect(() => generatePassword(12.5)).toThrow(RangeError);
  });

  it("does not repeat itself", () => {
    const seen = new Set(Array.from({ length: 500 }, () => generatePassword()));
    expect(seen.size).toBe(500);
  });

  it("uses every character class and symbol over many draws", () => {
    const all = Array.from({ length: 300 }, () => generatePassword(32)).join("");
    for (const c of CONSOLE_PASSWORD_SYMBOLS) expect(all).toContain(c);
    expect(all).toMatch(/[a-z]/);
    expect(all).toMatch(/[A-Z]/);
    expect(all).toMatch(/[0-9]/);
  });
});

describe("passwordStrength", () => {
  it("rates an empty password as very weak with a hint", () => {
    const s = passwordStrength("");
    expect(s.score).toBe(0);
    expect(s.label).toBe("strengthVeryWeak");
    expect(s.hints.length).toBeGreaterThan(0);
  });

  it("rates generated passwords as strong", () => {
    for (let i = 0; i < 50; i++) expect(passwordStrength(generatePassword()).score).toBe(4);
  });

  it("caps a password the vendors would reject at weak and says why", () => {
    const s = passwordStrength("averyveryverylongpasswordwithoutclasses");
    expect(s.score).toBeLessThanOrEqual(1);
    expect(s.hints).toContain("passwordUppercase");
  });

  it("penalises common words and sequences", () => {
    const s = passwordStrength("Password1234!");
    expect(s.score).toBeLessThanOrEqual(2);
    expect(s.hints).toContain("hintCommon");
    expect(s.hints).toContain("hintSequence");
  });

  it("scores longer random-looking passwords higher than short valid ones", () => {
    expect(passwordStrength("Ab1!cdEf").score).toBeLessThan(passwordStrength("Tq7#mVx2^Lp9-Rw4Kz").score);
  });
});
