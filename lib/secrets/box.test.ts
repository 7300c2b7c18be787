import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { maskIdentifier, openSecret, sealSecret, SecretBoxError } from "./box";

const key = randomBytes(32).toString("base64");

describe("secret box", () => {
  it("round-trips a secret bound to its record", () => {
    const sealed = sealSecret('{"sk":"s3cr3t"}', key, "cloud-account:1");
    expect(sealed).not.toContain("s3cr3t");
    expect(openSecret(sealed, key, "cloud-account:1")).toBe('{"sk":"s3cr3t"}');
  });

  it("refuses another record's ciphertext, a tampered one and a wrong key", () => {
    const sealed = sealSecret("value", key, "a");
    expect(() => openSecret(sealed, key, "b")).toThrow(SecretBoxError);
    const parts = sealed.split(".");
    const tampered = [parts[0], parts[1], parts[2], Buffer.from("other").toString("base64url")].join(".");
    expect(() => openSecret(tampered, key, "a")).toThrow(SecretBoxError);
    expect(() => openSecret(sealed, randomBytes(32).toString("base64"), "a")).toThrow(SecretBoxError);
  });

  it("uses a fresh IV each time", () => {
    expect(sealSecret("x", key, "a")).not.toBe(sealSecret("x", key, "a"));
  });

  it("masks identifiers", () => {
    expect(maskIdentifier("LTAI5tEmuDemoKey00000001")).toBe("LTAI…0001");
    expect(maskIdentifier("short")).toBe("••••");
  });
});
