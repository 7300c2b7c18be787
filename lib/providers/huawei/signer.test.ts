import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/providers/crypto-utils";
import { formatSdkDate, huaweiCanonicalUri, signHuaweiRequest } from "@/lib/providers/huawei/signer";
import {
  HUAWEI_AKSK_OFFICIAL as OFFICIAL,
  HUAWEI_AKSK_TAURUS_SWITCH as TAURUS,
} from "@/lib/providers/test-vectors";

describe("Huawei SDK-HMAC-SHA256 signer", () => {
  it("reproduces the official canonical request, string-to-sign, signature and header", () => {
    const result = signHuaweiRequest({
      method: OFFICIAL.method,
      url: OFFICIAL.url,
      headers: { ...OFFICIAL.headers },
      body: OFFICIAL.body,
      ak: OFFICIAL.ak,
      sk: OFFICIAL.sk,
    });
    expect(result.canonicalRequest).toBe(OFFICIAL.canonicalRequest);
    expect(sha256Hex(result.canonicalRequest)).toBe(OFFICIAL.hashedCanonicalRequest);
    expect(result.stringToSign).toBe(OFFICIAL.stringToSign);
    expect(result.signature).toBe(OFFICIAL.signature);
    expect(result.authorization).toBe(OFFICIAL.authorization);
    expect(result.headers.host).toBe("service.region.example.com");
  });

  it("reproduces the derived TaurusDB SwitchAccessControl signature", () => {
    const result = signHuaweiRequest({
      method: TAURUS.method,
      url: TAURUS.url,
      headers: { ...TAURUS.headers },
      body: TAURUS.body,
      ak: TAURUS.ak,
      sk: TAURUS.sk,
    });
    expect(result.signedHeaders).toBe(TAURUS.signedHeaders);
    expect(result.signature).toBe(TAURUS.signature);
  });

  it("signs host with its port and sorts repeated query values", () => {
    const result = signHuaweiRequest({
      method: "GET",
      url: "http://127.0.0.1:4602/v3/p/instances?b=2&a=z&a=y",
      headers: { "X-Sdk-Date": "20191115T033655Z" },
      ak: "ak",
      sk: "sk",
    });
    const lines = result.canonicalRequest.split("\n");
    expect(lines[2]).toBe("a=y&a=z&b=2");
    expect(lines).toContain("host:127.0.0.1:4602");
  });

  it("appends a trailing slash to the canonical URI and encodes segments once", () => {
    expect(huaweiCanonicalUri("/v3/a b")).toBe("/v3/a%20b/");
    expect(huaweiCanonicalUri("/v3/a%20b/")).toBe("/v3/a%20b/");
  });

  it("uses UNSIGNED-PAYLOAD when the request says so", () => {
    const result = signHuaweiRequest({
      method: "POST",
      url: "https://x.example.com/v1",
      headers: { "X-Sdk-Date": "20191115T033655Z", "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" },
      body: "anything",
      ak: "ak",
      sk: "sk",
    });
    expect(result.canonicalRequest.endsWith("\nUNSIGNED-PAYLOAD")).toBe(true);
  });

  it("formats X-Sdk-Date in basic ISO form", () => {
    expect(formatSdkDate(new Date("2019-11-15T03:36:55.123Z"))).toBe("20191115T033655Z");
  });
});
