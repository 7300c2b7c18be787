import { describe, expect, it } from "vitest";
import { sdkTencentAuthorization } from "@/lib/providers/sdk-reference";
import { signTc3 } from "@/lib/providers/tencent/signer";

const bodies = [
  { InstanceId: "tdsql-ow728lmc", UserName: "testuser1", Host: "%", Password: "Abcd1234!", ReadOnly: 0 },
  { InstanceId: "tdsql-demo0001", UserName: "用户_1", Host: "10.20.%", Description: "Zugang für Ünïcödé 😀" },
  { InstanceId: "tdsql-x", Password: "()~!@#$%^&*-+=_|{}[]:<>,.?/\"\\", Limit: 100, Offset: 0 },
];

describe("Tencent TC3 signer agrees with tencentcloud-sdk-nodejs-common Sign.sign3", () => {
  it.each(bodies)("signatures match for %o", (payload) => {
    for (const contentType of ["application/json", "application/json; charset=utf-8"]) {
      const input = {
        host: "mariadb.tencentcloudapi.com",
        contentType,
        body: JSON.stringify(payload),
        timestampSeconds: 1717171717,
        service: "mariadb",
        secretId: "AKIDexample",
        secretKey: "secret+/=key",
      };
      expect(signTc3(input).authorization).toBe(sdkTencentAuthorization(input));
    }
  });
});
