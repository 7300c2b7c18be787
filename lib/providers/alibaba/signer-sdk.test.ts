import { describe, expect, it } from "vitest";
import { buildAcs3Headers, buildRpcV1Params, signAcs3, signRpcV1 } from "@/lib/providers/alibaba/signer";
import { sdkAlibabaAcs3Authorization, sdkAlibabaRpcSignature } from "@/lib/providers/sdk-reference";

const cases: Record<string, string>[] = [
  { ProxyId: "1201", UserId: "51", Tid: "3001" },
  { IndepAccount: "数据库用户", IndepPassword: "Pässwörd 😀 ü", ProxyId: "9223372036854775807" },
  { SearchKey: "a+b c*d~e!f'g(h)i", PageSize: "100", Role: "DBA" },
  { Note: "&=/?#%[]@$,;:", Empty: "" },
];

describe("Alibaba signers agree with @alicloud/openapi-util", () => {
  it.each(cases)("RPC v1 signatures match for %o", (action) => {
    const params = buildRpcV1Params({
      action: "CreateProxyAccess",
      version: "2018-11-01",
      accessKeyId: "LTAI-key",
      params: action,
      timestamp: new Date("2024-05-06T07:08:09Z"),
      nonce: "a5b0e2c4-0f55-4f2a-9f3e-0d1c2b3a4f5e",
      securityToken: "sts-token/with+chars",
    });
    for (const method of ["GET", "POST"] as const) {
      const ours = signRpcV1(method, params, "secret&with=special/chars").signature;
      expect(ours).toBe(sdkAlibabaRpcSignature(method, params, "secret&with=special/chars"));
    }
  });

  it.each(cases)("ACS3 Authorization headers match for %o", (query) => {
    const headers = buildAcs3Headers({
      host: "127.0.0.1:4601",
      action: "CreateProxyAccess",
      version: "2018-11-01",
      date: new Date("2024-05-06T07:08:09Z"),
      nonce: "f00dfeedcafe",
      securityToken: "sts-token",
    });
    headers["x-acs-credentials-provider"] = "static_ak";
    const input = { method: "POST", query, headers, accessKeyId: "LTAI-key", accessKeySecret: "s3cr3t" };
    expect(signAcs3(input).authorization).toBe(sdkAlibabaAcs3Authorization(input));
  });

  it("ACS3 agrees when a form body is hashed and signed", () => {
    const body = "IndepAccount=%E7%94%A8&ProxyId=1";
    const headers = buildAcs3Headers({
      host: "dms-enterprise.aliyuncs.com",
      action: "CreateProxyAccess",
      version: "2018-11-01",
      date: new Date("2024-05-06T07:08:09Z"),
      nonce: "n1",
      body,
      contentType: "application/x-www-form-urlencoded",
    });
    const input = { method: "POST", query: {}, headers, accessKeyId: "k", accessKeySecret: "s" };
    expect(signAcs3(input).authorization).toBe(sdkAlibabaAcs3Authorization(input));
  });
});
