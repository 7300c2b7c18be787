import { describe, expect, it } from "vitest";
import { cloudAccountInput } from "./cloud-accounts";

const issues = (value: unknown) => {
  const result = cloudAccountInput.safeParse(value);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("cloud account input", () => {
  it("requires the full credentials when creating", () => {
    expect(issues({ vendor: "alibaba", name: "Prod", region: "cn-hangzhou" })).toEqual({
      accessKeyId: "Enter the AccessKey ID",
      accessKeySecret: "Enter the AccessKey secret",
    });
    expect(issues({ vendor: "huawei", name: "Hw", region: "cn-north-4", projectId: "a".repeat(32), authKind: "iam", domainName: "d" })).toEqual({
      userName: "Enter the IAM user name",
      password: "Enter the IAM user's password",
    });
  });

  it("keeps stored credentials on edit unless they are replaced", () => {
    const id = "7d8f3c52-1c1e-4c53-9a61-6e9fcb0a8d11";
    expect(issues({ id, replaceCredentials: false, vendor: "tencent", name: "T", region: "ap-guangzhou" })).toEqual({});
    expect(issues({ id, replaceCredentials: true, vendor: "tencent", name: "T", region: "ap-guangzhou", secretId: "AKID" })).toEqual({
      secretKey: "Enter the SecretKey",
    });
  });

  it("checks regions, project ids, tenant ids and endpoint URLs before anything reaches a vendor", () => {
    expect(
      issues({
        vendor: "huawei",
        name: "Hw",
        region: "North 4",
        projectId: "short",
        authKind: "aksk",
        ak: "AK",
        sk: "SK",
        taurusEndpoint: "javascript:alert(1)",
      }),
    ).toMatchObject({
      region: expect.stringContaining("region id"),
      projectId: "The project id is 32 letters and digits",
      taurusEndpoint: expect.stringContaining("full http(s) URL"),
    });
    expect(issues({ vendor: "alibaba", name: "A", region: "cn-hangzhou", tenantId: "12a", accessKeyId: "x", accessKeySecret: "y" })).toEqual({
      tenantId: "The tenant id (Tid) is a number",
    });
  });

  it("refuses an unknown vendor", () => {
    expect(Object.values(issues({ vendor: "aws", name: "x", region: "us-east-1" }))).toEqual(["Choose a cloud vendor"]);
  });

  it("trims endpoints and drops trailing slashes", () => {
    const parsed = cloudAccountInput.parse({
      vendor: "tencent",
      name: "T",
      region: "ap-guangzhou",
      secretId: "AKID",
      secretKey: "k",
      endpoint: " http://127.0.0.1:4604/ ",
    });
    expect(parsed.vendor === "tencent" && parsed.endpoint).toBe("http://127.0.0.1:4604");
  });
});
