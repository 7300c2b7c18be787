import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/providers/crypto-utils";
import {
  buildAcs3Headers,
  buildRpcV1Params,
  buildSignedRpcV1Payload,
  formatAlibabaTimestamp,
  signAcs3,
  signRpcV1,
} from "@/lib/providers/alibaba/signer";
import {
  ALIBABA_ACS3_DMS_CREATE_PROXY_ACCESS as DMS_V3,
  ALIBABA_ACS3_OFFICIAL as V3,
  ALIBABA_RPC_V1_DMS_CREATE_PROXY_ACCESS as DMS_V1,
  ALIBABA_RPC_V1_OFFICIAL as V1,
} from "@/lib/providers/test-vectors";

describe("Alibaba RPC v1 signer", () => {
  it("reproduces the official GET string-to-sign and signature", () => {
    const result = signRpcV1("GET", { ...V1.params }, V1.accessKeySecret);
    expect(result.stringToSign).toBe(V1.stringToSignGet);
    expect(result.signature).toBe(V1.signatureGet);
  });

  it("reproduces the POST signature for the same inputs", () => {
    expect(signRpcV1("POST", { ...V1.params }, V1.accessKeySecret).signature).toBe(V1.signaturePost);
  });

  it("reproduces the derived DMS CreateProxyAccess canonical query and both signatures", () => {
    const get = signRpcV1("GET", { ...DMS_V1.params }, DMS_V1.accessKeySecret);
    expect(get.canonicalizedQuery).toBe(DMS_V1.canonicalizedQuery);
    expect(get.signature).toBe(DMS_V1.signatureGet);
    expect(signRpcV1("POST", { ...DMS_V1.params }, DMS_V1.accessKeySecret).signature).toBe(
      DMS_V1.signaturePost,
    );
  });

  it("ignores an existing Signature parameter when signing", () => {
    const withSig = { ...V1.params, Signature: "stale" };
    expect(signRpcV1("GET", withSig, V1.accessKeySecret).signature).toBe(V1.signatureGet);
  });

  it("builds the common parameters from explicit time and nonce", () => {
    const params = buildRpcV1Params({
      action: "CreateProxyAccess",
      version: "2018-11-01",
      accessKeyId: "testid",
      params: { IndepAccount: "dbuser", IndepPassword: "P@ss word1", ProxyId: "1", Tid: "3", UserId: "51" },
      timestamp: new Date("2016-02-23T12:46:24Z"),
      nonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
      regionId: "cn-hangzhou",
    });
    expect(params).toEqual(DMS_V1.params);
    const payload = buildSignedRpcV1Payload(
      "POST",
      {
        action: "CreateProxyAccess",
        version: "2018-11-01",
        accessKeyId: "testid",
        params: { IndepAccount: "dbuser", IndepPassword: "P@ss word1", ProxyId: "1", Tid: "3", UserId: "51" },
        timestamp: new Date("2016-02-23T12:46:24Z"),
        nonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        regionId: "cn-hangzhou",
      },
      "testsecret",
    );
    expect(payload.signature).toBe(DMS_V1.signaturePost);
    expect(payload.encoded).toBe(`${DMS_V1.canonicalizedQuery}&Signature=nTCBQpd8JzqjpC5FO7n%2Fp2fm9YY%3D`);
  });

  it("formats timestamps at second precision in UTC", () => {
    expect(formatAlibabaTimestamp(new Date("2016-02-23T12:46:24.789Z"))).toBe("2016-02-23T12:46:24Z");
  });
});

describe("Alibaba ACS3-HMAC-SHA256 signer", () => {
  const headersFor = (v: typeof V3 | typeof DMS_V3) =>
    buildAcs3Headers({
      host: v.host,
      action: v.action,
      version: v.version,
      date: new Date(v.date),
      nonce: v.nonce,
      body: v.body,
    });

  it("reproduces the official canonical request, its hash, signature and Authorization", () => {
    const result = signAcs3({
      method: V3.method,
      query: V3.query,
      headers: headersFor(V3),
      accessKeyId: V3.accessKeyId,
      accessKeySecret: V3.accessKeySecret,
    });
    expect(result.canonicalRequest).toBe(V3.canonicalRequest);
    expect(sha256Hex(result.canonicalRequest)).toBe(V3.hashedCanonicalRequest);
    expect(result.stringToSign).toBe(`ACS3-HMAC-SHA256\n${V3.hashedCanonicalRequest}`);
    expect(result.signature).toBe(V3.signature);
    expect(result.authorization).toBe(V3.authorization);
  });

  it("reproduces the derived DMS CreateProxyAccess signature", () => {
    const result = signAcs3({
      method: DMS_V3.method,
      query: DMS_V3.query,
      headers: headersFor(DMS_V3),
      accessKeyId: DMS_V3.accessKeyId,
      accessKeySecret: DMS_V3.accessKeySecret,
    });
    expect(result.canonicalRequest.split("\n")[2]).toBe(DMS_V3.canonicalQuery);
    expect(result.signature).toBe(DMS_V3.signature);
  });

  it("signs only host, content-type and x-acs-* headers", () => {
    const base = { method: "POST", query: V3.query, accessKeyId: "a", accessKeySecret: "b" };
    const plain = signAcs3({ ...base, headers: headersFor(V3) });
    const extra = signAcs3({ ...base, headers: { ...headersFor(V3), Accept: "application/json", "User-Agent": "x" } });
    expect(extra.signature).toBe(plain.signature);
  });

  it("writes a parameter with an empty value as name=", () => {
    const result = signAcs3({
      method: "POST",
      query: { B: "", A: "1" },
      headers: headersFor(V3),
      accessKeyId: "a",
      accessKeySecret: "b",
    });
    expect(result.canonicalRequest.split("\n")[2]).toBe("A=1&B=");
  });
});
