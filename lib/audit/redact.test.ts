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

  it("keeps harmless values readable: hints, yes/no flags and short labels", () => {
    expect(
      redact({ signature: "acs3", replaceCredentials: false, credentialHint: "LTAI…01", created: true, secretHint: "AKID…9f", authKind: "iam" }),
    ).toEqual({ signature: "acs3", replaceCredentials: false, credentialHint: "LTAI…01", created: true, secretHint: "AKID…9f", authKind: "iam" });
  });

  it("still hides a computed signature and secrets given as numbers or objects", () => {
    expect(redact({ signature: "kRA2cnpJVacIhDMzg6UmlYDMW8E=", password: 12345678, credentials: { ak: "x", sk: "y" } })).toEqual({
      signature: REDACTED,
      password: REDACTED,
      credentials: REDACTED,
    });
  });

  it("hides text that is a credential whatever field it is in", () => {
    const out = redact({
      reason: "-----BEGIN PRIVATE KEY-----\nMIIEvQ...\n-----END PRIVATE KEY-----",
      note: "Bearer eyJhbGciOiJIUzI1NiJ9.abc",
      words: "Basic reporting access for the team",
      header: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig",
      plain: "Quarterly report for the basic plan",
    });
    expect(out).toEqual({ reason: REDACTED, note: REDACTED, words: "Basic reporting access for the team", header: REDACTED, plain: "Quarterly report for the basic plan" });
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
