import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/providers/crypto-utils";
import { deriveTc3SigningKey, signTc3, signTencentV1, tc3Date } from "@/lib/providers/tencent/signer";
import {
  TENCENT_TC3_MARIADB_CREATE_ACCOUNT as MARIADB,
  TENCENT_TC3_OFFICIAL as TC3,
  TENCENT_V1_OFFICIAL as V1,
} from "@/lib/providers/test-vectors";

describe("Tencent TC3-HMAC-SHA256 signer", () => {
  const official = () =>
    signTc3({
      host: TC3.host,
      contentType: TC3.contentType,
      body: TC3.body,
      timestampSeconds: TC3.timestamp,
      service: TC3.service,
      secretId: TC3.secretId,
      secretKey: TC3.secretKey,
    });

  it("reproduces the official payload hash and canonical request", () => {
    expect(sha256Hex(TC3.body)).toBe(TC3.payloadHash);
    const result = official();
    expect(result.canonicalRequest).toBe(TC3.canonicalRequest);
    expect(sha256Hex(result.canonicalRequest)).toBe(TC3.hashedCanonicalRequest);
  });

  it("reproduces the official string-to-sign, derived keys, signature and Authorization", () => {
    const result = official();
    expect(result.stringToSign).toBe(TC3.stringToSign);
    const keys = deriveTc3SigningKey(TC3.secretKey, TC3.date, TC3.service);
    expect(keys.secretDate.toString("hex")).toBe(TC3.secretDate);
    expect(keys.secretService.toString("hex")).toBe(TC3.secretService);
    expect(keys.secretSigning.toString("hex")).toBe(TC3.secretSigning);
    expect(result.signature).toBe(TC3.signature);
    expect(result.authorization).toBe(TC3.authorization);
  });

  it("reproduces the derived MariaDB CreateAccount signature", () => {
    const result = signTc3({
      host: MARIADB.host,
      contentType: MARIADB.contentType,
      body: MARIADB.body,
      timestampSeconds: MARIADB.timestamp,
      service: MARIADB.service,
      secretId: MARIADB.secretId,
      secretKey: MARIADB.secretKey,
    });
    expect(result.credentialScope).toBe(`${MARIADB.date}/mariadb/tc3_request`);
    expect(result.signature).toBe(MARIADB.signature);
  });

  it("signs the given service, not one derived from a local host", () => {
    const result = signTc3({
      host: "127.0.0.1:4604",
      contentType: "application/json",
      body: "{}",
      timestampSeconds: MARIADB.timestamp,
      service: "mariadb",
      secretId: "id",
      secretKey: "key",
    });
    expect(result.credentialScope).toBe("2023-11-14/mariadb/tc3_request");
    expect(result.canonicalRequest).toContain("host:127.0.0.1:4604\n");
  });

  it("uses the UTC date of the timestamp", () => {
    expect(tc3Date(1700006399)).toBe("2023-11-14");
    expect(tc3Date(1700006400)).toBe("2023-11-15");
  });
});

describe("Tencent legacy v1 signer", () => {
  it("reproduces the official source string and HmacSHA1 signature", () => {
    const result = signTencentV1({
      method: V1.method,
      host: V1.host,
      path: V1.path,
      params: { ...V1.params },
      secretKey: V1.secretKey,
    });
    expect(result.sourceString).toBe(V1.sourceString);
    expect(result.signature).toBe(V1.signature);
  });
});
