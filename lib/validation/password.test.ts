import { describe, expect, it } from "vitest";
import {
  CONSOLE_PASSWORD_SYMBOLS,
  HUAWEI_DDS_PASSWORD_SYMBOLS,
  PASSWORD_POLICIES,
  PASSWORD_RULES,
  PASSWORD_RULE_VALUES,
  TENCENT_PASSWORD_SYMBOLS,
  checkPasswordRules,
  checkPasswordRulesFor,
  generatePassword,
  passwordSchemaFor,
  passwordStrength,
  strictPasswordSchema,
  type PasswordPolicyName,
  type PasswordRuleId,
} from "./password";
import { wordsFor } from "./error-map";
import { englishErrorMap, errorMapFor } from "./server-error-map";

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

const POLICY_NAMES = Object.keys(PASSWORD_POLICIES) as PasswordPolicyName[];

function policyMessages(policy: PasswordPolicyName, pw: unknown): string[] {
  const result = passwordSchemaFor(policy).safeParse(pw);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

function policyRuleMessage(policy: PasswordPolicyName, id: PasswordRuleId): string {
  const { rules, values } = PASSWORD_POLICIES[policy];
  const rule = rules.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id} in ${policy}`);
  return wordsFor(englishErrorMap, rule.message, values);
}

describe("PASSWORD_POLICIES", () => {
  it("keeps the policy-less exports as the console policy", () => {
    expect(PASSWORD_RULES).toBe(PASSWORD_POLICIES.console.rules);
    expect(PASSWORD_RULE_VALUES).toEqual({ min: 8, max: 32, symbols: CONSOLE_PASSWORD_SYMBOLS });
    expect(passwordSchemaFor("console")).toBe(strictPasswordSchema);
    expect(checkPasswordRulesFor("console", "Abcd1234!")).toEqual(checkPasswordRules("Abcd1234!"));
  });

  it("gives each vendor its own symbol set", () => {
    expect(PASSWORD_POLICIES["tencent-mariadb"].values.symbols).toBe("()~!@#$%^&*-+=_|{}[]:<>,.?/");
    expect(PASSWORD_POLICIES["huawei-dds"].values.symbols).toBe("~!@#%^*-_=+?");
  });

  it("names the vendor's symbol set in the rule messages, braces and angle brackets intact", () => {
    expect(policyRuleMessage("tencent-mariadb", "symbol")).toBe(`Add at least one of these symbols: ${TENCENT_PASSWORD_SYMBOLS}`);
    expect(policyRuleMessage("huawei-dds", "charset")).toBe(
      `Use only letters, digits and these symbols: ${HUAWEI_DDS_PASSWORD_SYMBOLS} (no spaces or other characters).`,
    );
    expect(wordsFor(errorMapFor("zh-CN"), "passwordSymbol", PASSWORD_POLICIES["tencent-mariadb"].values)).toBe(
      `至少包含以下一个特殊字符：${TENCENT_PASSWORD_SYMBOLS}`,
    );
  });

  it("lists the leading-slash rule only where the vendor states it", () => {
    const ids = (p: PasswordPolicyName) => PASSWORD_POLICIES[p].rules.map((r) => r.id);
    expect(ids("tencent-mariadb")).toContain("leadingSlash");
    expect(ids("console")).toContain("leadingSlash");
    expect(ids("huawei-dds")).not.toContain("leadingSlash");
  });
});

describe("passwordSchemaFor tencent-mariadb", () => {
  it("accepts every Tencent symbol, including those Huawei refuses", () => {
    for (const c of TENCENT_PASSWORD_SYMBOLS) expect(policyMessages("tencent-mariadb", `Abcd123${c}`), c).toEqual([]);
    expect(policyMessages("tencent-mariadb", "Ab1{}[]<>|:,./")).toEqual([]);
  });

  it("refuses a leading slash with its own message and nothing else", () => {
    expect(policyMessages("tencent-mariadb", "/Abcd1234")).toEqual([policyRuleMessage("tencent-mariadb", "leadingSlash")]);
  });

  it("refuses characters outside the Tencent set", () => {
    for (const c of [" ", "'", '"', "\\", "`", ";", "é", "\0", "\uD800", "\t"]) {
      expect(policyMessages("tencent-mariadb", `Abcd123!${c}`), JSON.stringify(c)).toEqual([policyRuleMessage("tencent-mariadb", "charset")]);
    }
  });

  it("bounds the length at 8 and 32", () => {
    expect(policyMessages("tencent-mariadb", "Abc123!")).toEqual([policyRuleMessage("tencent-mariadb", "length")]);
    expect(policyMessages("tencent-mariadb", "Abc123!x")).toEqual([]);
    expect(policyMessages("tencent-mariadb", "Abc123!" + "x".repeat(25))).toEqual([]);
    expect(policyMessages("tencent-mariadb", "Abc123!" + "x".repeat(26))).toEqual([policyRuleMessage("tencent-mariadb", "length")]);
  });

  it("requires all four classes", () => {
    expect(policyMessages("tencent-mariadb", "abcd1234$")).toEqual([policyRuleMessage("tencent-mariadb", "uppercase")]);
    expect(policyMessages("tencent-mariadb", "ABCD1234$")).toEqual([policyRuleMessage("tencent-mariadb", "lowercase")]);
    expect(policyMessages("tencent-mariadb", "ABCDabcd$")).toEqual([policyRuleMessage("tencent-mariadb", "digit")]);
    expect(policyMessages("tencent-mariadb", "ABCDabcd1")).toEqual([policyRuleMessage("tencent-mariadb", "symbol")]);
  });
});

describe("passwordSchemaFor huawei-dds", () => {
  it("accepts every symbol of the older DDS pages", () => {
    for (const c of HUAWEI_DDS_PASSWORD_SYMBOLS) expect(policyMessages("huawei-dds", `Abcd123${c}`), c).toEqual([]);
  });

  it("refuses ( ) $ that only the newest page allows, and Tencent-only symbols", () => {
    for (const c of "()$&|{}[]:<>,./") {
      expect(policyMessages("huawei-dds", `Abcd123!${c}`), c).toEqual([policyRuleMessage("huawei-dds", "charset")]);
    }
  });

  it("asks for a password when it is empty or missing", () => {
    expect(policyMessages("huawei-dds", "")).toEqual(["Enter a password."]);
    expect(policyMessages("huawei-dds", undefined)).toEqual(["Enter a password."]);
  });

  it("names the DDS symbols when a symbol is missing", () => {
    expect(policyMessages("huawei-dds", "Abcd12345")).toEqual([`Add at least one of these symbols: ${HUAWEI_DDS_PASSWORD_SYMBOLS}`]);
  });
});

describe("checkPasswordRulesFor", () => {
  it("checks against the chosen policy's symbols", () => {
    const ok = (p: PasswordPolicyName, pw: string) => Object.fromEntries(checkPasswordRulesFor(p, pw).map((c) => [c.id, c.ok]));
    expect(ok("tencent-mariadb", "Abcd1234$")).toMatchObject({ symbol: true, charset: true });
    expect(ok("huawei-dds", "Abcd1234$")).toMatchObject({ symbol: false, charset: false });
  });
});

describe("generatePassword for each policy", () => {
  for (const policy of POLICY_NAMES) {
    it(`produces 2,000 passwords of every length that the ${policy} policy accepts`, () => {
      const schema = passwordSchemaFor(policy);
      for (let i = 0; i < 2000; i++) {
        const len = 8 + (i % 25);
        const pw = generatePassword(len, policy);
        expect(pw).toHaveLength(len);
        expect(pw.startsWith("/")).toBe(false);
        const result = schema.safeParse(pw);
        expect(result.success, `${policy} refused ${pw}: ${result.error?.issues.map((x) => x.message)}`).toBe(true);
      }
    });
  }

  it("uses every Tencent symbol, slash included, but never first", () => {
    const all = Array.from({ length: 400 }, () => generatePassword(32, "tencent-mariadb"));
    for (const c of TENCENT_PASSWORD_SYMBOLS) expect(all.join(""), c).toContain(c);
    expect(all.some((pw) => pw.slice(1).includes("/"))).toBe(true);
  });

  it("keeps DDS passwords within the DDS set", () => {
    for (let i = 0; i < 300; i++) expect(generatePassword(32, "huawei-dds")).toMatch(/^[A-Za-z0-9~!@#%^*\-_=+?]+$/);
  });

  it("refuses lengths no vendor accepts whatever the policy", () => {
    expect(() => generatePassword(7, "tencent-mariadb")).toThrow(RangeError);
    expect(() => generatePassword(33, "huawei-dds")).toThrow(RangeError);
  });
});

describe("passwordStrength for a policy", () => {
  it("caps a password the policy refuses and names the failed rule", () => {
    const s = passwordStrength("Tq7$mVx2(Lp9)Rw4Kz", "huawei-dds");
    expect(s.score).toBeLessThanOrEqual(1);
    expect(s.hints).toContain("passwordCharset");
    expect(passwordStrength("Tq7$mVx2(Lp9)Rw4Kz", "tencent-mariadb").score).toBe(4);
  });
});
