import { describe, expect, it } from "vitest";
import { sha256Hex } from "../util";
import { tc3CanonicalRequest, tc3Signature, tc3StringToSign, utcDate } from "./verify";

const SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

describe("Tencent TC3-HMAC-SHA256", () => {
  it("reproduces the official CVM DescribeInstances vector step by step", () => {
    const body = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
    expect(sha256Hex(body)).toBe("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
    const canonical = tc3CanonicalRequest({
      method: "POST",
      path: "/",
      query: "",
      headers: [["content-type", "application/json; charset=utf-8"], ["host", "cvm.tencentcloudapi.com"]],
      payloadHash: sha256Hex(body),
    });
    expect(sha256Hex(canonical)).toBe("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
    expect(utcDate(1551113065)).toBe("2019-02-25");
    const sts = tc3StringToSign(1551113065, "2019-02-25", "cvm", canonical);
    expect(tc3Signature(SECRET_KEY, "2019-02-25", "cvm", sts)).toBe("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
  });

  it("reproduces the derived MariaDB CreateAccount vector", () => {
    const body = '{"InstanceId":"tdsql-ow728lmc","UserName":"testuser1","Host":"%","Password":"Abcd1234!","ReadOnly":0}';
    const canonical = tc3CanonicalRequest({
      method: "POST",
      path: "/",
      query: "",
      headers: [["content-type", "application/json"], ["host", "mariadb.tencentcloudapi.com"]],
      payloadHash: sha256Hex(body),
    });
    const date = utcDate(1700000000);
    expect(date).toBe("2023-11-14");
    const sts = tc3StringToSign(1700000000, date, "mariadb", canonical);
    expect(tc3Signature(SECRET_KEY, date, "mariadb", sts)).toBe("3fdcf6db98a0fddb5c8fc52e3e240f612bbe7bd3232b426aae1e833e7b8ad648");
  });
});
