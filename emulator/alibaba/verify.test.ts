import { describe, expect, it } from "vitest";
import { acs3CanonicalRequest, acs3Signature, rpcV1Canonical, rpcV1Signature, rpcV1StringToSign } from "./verify";

const OFFICIAL_V1: Array<[string, string]> = [
  ["AccessKeyId", "testid"], ["Action", "DescribeRegions"], ["Format", "XML"], ["SignatureMethod", "HMAC-SHA1"],
  ["SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"], ["SignatureVersion", "1.0"],
  ["Timestamp", "2016-02-23T12:46:24Z"], ["Version", "2014-05-26"],
];

const DMS_V1: Array<[string, string]> = [
  ["AccessKeyId", "testid"], ["Action", "CreateProxyAccess"], ["Format", "JSON"], ["IndepAccount", "dbuser"],
  ["IndepPassword", "P@ss word1"], ["ProxyId", "1"], ["RegionId", "cn-hangzhou"], ["SignatureMethod", "HMAC-SHA1"],
  ["SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"], ["SignatureVersion", "1.0"], ["Tid", "3"],
  ["Timestamp", "2016-02-23T12:46:24Z"], ["UserId", "51"], ["Version", "2018-11-01"],
];

const ACS3_HEADERS = (host: string, action: string, version: string): Record<string, string> => ({
  host,
  "x-acs-action": action,
  "x-acs-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "x-acs-date": "2023-10-26T10:22:32Z",
  "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
  "x-acs-version": version,
});

describe("Alibaba RPC v1 (HMAC-SHA1)", () => {
  it("reproduces the official DescribeRegions string to sign and GET signature", () => {
    expect(rpcV1StringToSign("GET", OFFICIAL_V1)).toBe(
      "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
    );
    expect(rpcV1Signature("GET", OFFICIAL_V1, "testsecret")).toBe("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  });

  it("reproduces the POST variant", () => {
    expect(rpcV1Signature("POST", OFFICIAL_V1, "testsecret")).toBe("MxbnVAM4w6sft9xjVpe/GCKueuk=");
  });

  it("reproduces the derived DMS CreateProxyAccess vector", () => {
    expect(rpcV1Canonical(DMS_V1)).toBe(
      "AccessKeyId=testid&Action=CreateProxyAccess&Format=JSON&IndepAccount=dbuser&IndepPassword=P%40ss%20word1&ProxyId=1&RegionId=cn-hangzhou&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Tid=3&Timestamp=2016-02-23T12%3A46%3A24Z&UserId=51&Version=2018-11-01",
    );
    expect(rpcV1Signature("GET", DMS_V1, "testsecret")).toBe("LUaQwXwIQwJYbT3gBbb3wxm51lY=");
    expect(rpcV1Signature("POST", DMS_V1, "testsecret")).toBe("nTCBQpd8JzqjpC5FO7n/p2fm9YY=");
  });
});

describe("Alibaba ACS3-HMAC-SHA256", () => {
  it("reproduces the official RunInstances canonical request and signature", () => {
    const h = ACS3_HEADERS("ecs.cn-shanghai.aliyuncs.com", "RunInstances", "2014-05-26");
    const canonical = acs3CanonicalRequest({
      method: "POST",
      path: "/",
      query: [["ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"], ["RegionId", "cn-shanghai"]],
      signedHeaders: Object.keys(h),
      headerValue: (n) => h[n],
      payloadHash: h["x-acs-content-sha256"] ?? "",
    });
    expect(canonical.split("\n")[2]).toBe("ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai");
    expect(acs3Signature(canonical, "YourAccessKeySecret")).toBe("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
  });

  // The derived vector keeps the official example's secret (YourAccessKeySecret), not "testsecret".
  it("reproduces the derived DMS CreateProxyAccess vector", () => {
    const h = ACS3_HEADERS("dms-enterprise.cn-hangzhou.aliyuncs.com", "CreateProxyAccess", "2018-11-01");
    const canonical = acs3CanonicalRequest({
      method: "POST",
      path: "/",
      query: [["UserId", "51"], ["Tid", "3"], ["ProxyId", "1"], ["IndepPassword", "P@ss word1"], ["IndepAccount", "dbuser"]],
      signedHeaders: Object.keys(h),
      headerValue: (n) => h[n],
      payloadHash: h["x-acs-content-sha256"] ?? "",
    });
    expect(canonical.split("\n")[2]).toBe("IndepAccount=dbuser&IndepPassword=P%40ss%20word1&ProxyId=1&Tid=3&UserId=51");
    expect(acs3Signature(canonical, "YourAccessKeySecret")).toBe("293f133d61f5ef3dad5c6173e569ea9c5b7c7a3bcf6d74cf6d0d42b2d47e4993");
  });
});
