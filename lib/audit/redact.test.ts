import { describe, expect, it } from "vitest";
import { redact, REDACTED } from "./redact";

describe("redact", () => {
  it("hides passwords, secrets and tokens at any depth", () => {
    const out = redact({
      email: "a@example.com",
      password: "hunter2hunter2",
      indepPassword: "P@ss",
      nested: { accessKeySecret: "abc", secretKey: "def", sk: "ghi", token: "t", list: [{ user_pwd: "x" }] },
      authorization: "Bearer abc",
    });
    expect(out).toEqual({
      email: "a@example.com",
      password: REDACTED,
      indepPassword: REDACTED,
      nested: { accessKeySecret: REDACTED, secretKey: REDACTED, sk: REDACTED, token: REDACTED, list: [{ user_pwd: REDACTED }] },
      authorization: REDACTED,
    });
  });

  it("keeps credential identifiers that name but do not grant access", () => {
    expect(redact({ accessKeyId: "LTAI", secretId: "AKID", ak: "HW", secretHint: "LTAI…01" })).toEqual({
      accessKeyId: "LTAI",
      secretId: "AKID",
      ak: "HW",
      secretHint: "LTAI…01",
    });
  });

  it("leaves empty secret fields visibly empty so the audit shows none was given", () => {
    expect(redact({ password: "", token: undefined, secret: null })).toEqual({ password: "", token: undefined, secret: null });
  });

  it("never serialises the secret text anywhere in the output", () => {
    const secret = "Zx9!very-secret-value";
    const json = JSON.stringify(redact({ a: { b: { c: { password: secret } } }, pwd: secret, IndepPassword: secret }));
    expect(json).not.toContain(secret);
  });

  it("bounds depth and string size", () => {
    let deep: Record<string, unknown> = { v: 1 };
    for (let i = 0; i < 20; i++) deep = { d: deep };
    expect(JSON.stringify(redact(deep))).toContain("[TRUNCATED]");
    expect((redact("x".repeat(5000)) as string).length).toBeLessThan(2100);
  });
});
