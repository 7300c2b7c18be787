import { describe, expect, it } from "vitest";
import { percentEncode } from "@/lib/providers/crypto-utils";
import { REDACTED, redactText } from "@/lib/providers/redact";
import { CONSOLE_PASSWORD_SYMBOLS } from "@/lib/validation/password";

describe("redactText", () => {
  const secret = "Pa!ss*w0rd~x y";

  it("scrubs the RFC 3986 form the signers send, which escapes ! and *", () => {
    const encoded = percentEncode(secret);
    expect(encoded).toContain("%21");
    expect(encoded).toContain("%2A");
    expect(redactText(`IndepPassword=${encoded}&UserId=1`, [secret])).toBe(`IndepPassword=${REDACTED}&UserId=1`);
  });

  it("scrubs the raw, encodeURIComponent, form-encoded, lower-case hex, doubly encoded and JSON-escaped forms", () => {
    const forms = [
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ v: secret }).toString().slice(2),
      percentEncode(secret).toLowerCase().replace(/^pa/, "Pa"),
      percentEncode(percentEncode(secret)),
      JSON.stringify(`${secret}"\\`).slice(1, -1),
    ];
    for (const form of forms) {
      const out = redactText(`before ${form} after`, [secret, `${secret}"\\`]);
      expect(out).toBe(`before ${REDACTED} after`);
    }
  });

  it("scrubs every password made of the console's symbol set, however it was encoded", () => {
    const password = `Ab1${CONSOLE_PASSWORD_SYMBOLS}`;
    const text = [password, encodeURIComponent(password), percentEncode(password), new URLSearchParams({ p: password }).toString()].join(" | ");
    const out = redactText(text, [password]);
    expect(out).not.toContain("Ab1");
    expect(out.split(REDACTED)).toHaveLength(5);
  });

  it("leaves text without the secret alone and ignores very short secrets", () => {
    expect(redactText("nothing here", [secret])).toBe("nothing here");
    expect(redactText("ab ab", ["ab"])).toBe("ab ab");
  });
});
