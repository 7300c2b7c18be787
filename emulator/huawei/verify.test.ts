import { describe, expect, it } from "vitest";
import { sha256Hex } from "../util";
import { huaweiCanonicalRequest, huaweiSignature, parseSdkDate } from "./verify";

const SK = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";

describe("Huawei SDK-HMAC-SHA256", () => {
  it("reproduces the official signing-guide vector", () => {
    const canonical = huaweiCanonicalRequest({
      method: "GET",
      rawPath: "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
      rawQuery: "marker=13551d6b-755d-4757-b956-536f674975c0&limit=2",
      headers: [["content-type", "application/json"], ["host", "service.region.example.com"], ["x-sdk-date", "20191115T033655Z"]],
      payloadHash: sha256Hex(""),
    });
    expect(canonical).toBe(
      [
        "GET",
        "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/",
        "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
        "content-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n",
        "content-type;host;x-sdk-date",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      ].join("\n"),
    );
    expect(sha256Hex(canonical)).toBe("b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");
    expect(huaweiSignature(SK, "20191115T033655Z", canonical)).toBe("7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe");
  });

  it("reproduces the derived TaurusDB SwitchAccessControl vector", () => {
    const canonical = huaweiCanonicalRequest({
      method: "POST",
      rawPath: "/v3/0123456789abcdef0123456789abcdef/instances/61a4ea66210545909d74a05c27a7179ein07/proxy/e87088f0b6a345e79db19d57c41fde15po01/access-control-switch",
      rawQuery: "",
      headers: [["content-type", "application/json"], ["host", "gaussdb.cn-north-4.myhuaweicloud.com"], ["x-sdk-date", "20191115T033655Z"]],
      payloadHash: sha256Hex('{"open_access_control":true}'),
    });
    expect(huaweiSignature(SK, "20191115T033655Z", canonical)).toBe("bbe0e4dc932583055fa635fb020d65f04d0dc7382a592caff7e747f02a77809e");
  });

  it("parses X-Sdk-Date as UTC and refuses other shapes", () => {
    expect(parseSdkDate("20191115T033655Z")).toBe(Date.UTC(2019, 10, 15, 3, 36, 55));
    expect(parseSdkDate("2019-11-15T03:36:55Z")).toBeUndefined();
  });
});
