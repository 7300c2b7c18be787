import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits } from "@/lib/providers/rate-limit";
import { createMariadbApi } from "@/lib/providers/tencent/mariadb";
import { signTc3 } from "@/lib/providers/tencent/signer";
import { startTestServer, type RecordedRequest, type Reply, type TestServer } from "@/lib/providers/test-server";

let reply: (req: RecordedRequest) => Reply;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((req) => reply(req));
});
afterAll(() => server.close());
beforeEach(() => {
  resetRateLimits();
  server.requests.length = 0;
});

const client = (token?: string) =>
  createMariadbApi(
    { vendor: "tencent", region: "ap-guangzhou", endpoint: server.url, credentials: { secretId: "AKIDx", secretKey: "tc-secret", token } },
    { now: () => new Date(1_700_000_000_000), retry: { baseDelayMs: 1, maxDelayMs: 5 } },
  );
const ok = (payload: object): Reply => ({ json: { Response: { ...payload, RequestId: "tc-req" } } });

describe("MariaDB client", () => {
  it("signs the exact Host header it sends, with the mariadb scope and X-TC headers", async () => {
    reply = () => ok({ InstanceId: "tdsql-ow728lmc", UserName: "testuser1", Host: "%", ReadOnly: 0 });
    const res = await client("sts-token").createAccount({ instanceId: "tdsql-ow728lmc", userName: "testuser1", host: "%", password: "Abcd1234!" });
    expect(res).toEqual({ instanceId: "tdsql-ow728lmc", userName: "testuser1", host: "%", readOnly: 0, requestId: "tc-req", foundAfterRetry: false });
    const sent = server.requests[0] as RecordedRequest;
    expect(sent.headers).toMatchObject({
      "content-type": "application/json",
      "x-tc-action": "CreateAccount",
      "x-tc-version": "2017-03-12",
      "x-tc-region": "ap-guangzhou",
      "x-tc-timestamp": "1700000000",
      "x-tc-token": "sts-token",
    });
    expect(JSON.parse(sent.body)).toEqual({ InstanceId: "tdsql-ow728lmc", UserName: "testuser1", Host: "%", Password: "Abcd1234!", ReadOnly: 0 });
    const expected = signTc3({
      host: String(sent.headers.host),
      contentType: "application/json",
      body: sent.body,
      timestampSeconds: 1_700_000_000,
      service: "mariadb",
      secretId: "AKIDx",
      secretKey: "tc-secret",
    });
    expect(sent.headers.authorization).toBe(expected.authorization);
    expect(expected.credentialScope).toBe("2023-11-14/mariadb/tc3_request");
  });

  it("sends X-TC-Region on every action and maps instances and accounts", async () => {
    reply = (req) =>
      req.headers["x-tc-action"] === "DescribeDBInstances"
        ? ok({ TotalCount: 1, Instances: [{ InstanceId: "tdsql-demo0001", InstanceName: "orders", Vip: "10.0.0.3", Vport: 3306, Status: 2, Memory: 4 }] })
        : ok({ InstanceId: "tdsql-demo0001", Users: [{ UserName: "app", Host: "10.%", ReadOnly: 1, CreateTime: "2024-01-01 00:00:00" }] });
    const instances = await client().describeDBInstances({ limit: 1 });
    expect(instances.instances[0]).toMatchObject({ instanceId: "tdsql-demo0001", vip: "10.0.0.3", status: 2, memoryGb: 4 });
    const accounts = await client().describeAccounts({ instanceId: "tdsql-demo0001" });
    expect(accounts.accounts).toEqual([{ userName: "app", host: "10.%", readOnly: 1, createTime: "2024-01-01 00:00:00", description: undefined, updateTime: undefined, delayThresh: undefined, slaveConst: undefined, maxUserConnections: undefined }]);
    expect(server.requests.every((r) => r.headers["x-tc-region"] === "ap-guangzhou")).toBe(true);
    expect(JSON.parse(server.requests[0]?.body ?? "")).toMatchObject({ Limit: 1, Offset: 0 });
  });

  it("resets passwords and deletes accounts", async () => {
    reply = () => ok({});
    await client().resetAccountPassword({ instanceId: "tdsql-a1", userName: "app", host: "%", password: "New-Passw0rd!" });
    await client().deleteAccount({ instanceId: "tdsql-a1", userName: "app", host: "%" });
    expect(server.requests.map((r) => r.headers["x-tc-action"])).toEqual(["ResetAccountPassword", "DeleteAccount"]);
  });

  it("keeps passwords out of error messages", async () => {
    reply = () => ({ json: { Response: { Error: { Code: "InvalidParameter.CharacterError", Message: "bad char in Abcd1234!" }, RequestId: "e1" } } });
    const error = await client().createAccount({ instanceId: "tdsql-a1", userName: "u", host: "%", password: "Abcd1234!" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "InvalidParameter.CharacterError", requestId: "e1" });
    expect(String((error as Error).message)).not.toContain("Abcd1234!");
  });

  it("rejects malformed instance ids and limits before sending", async () => {
    reply = () => ok({});
    await expect(client().describeAccounts({ instanceId: "mysql-1" })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(client().describeDBInstances({ limit: 101 })).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(server.requests).toHaveLength(0);
  });

  it("asks for answers in the user's language with X-TC-Language, outside the TC3 signature", async () => {
    reply = () => ok({ TotalCount: 0, Instances: [] });
    const conn = { vendor: "tencent", region: "ap-guangzhou", endpoint: server.url, credentials: { secretId: "AKIDx", secretKey: "tc-secret" } } as const;
    const now = () => new Date(1_700_000_000_000);
    await createMariadbApi(conn, { now, locale: "zh-CN" }).describeDBInstances({ limit: 1 });
    await createMariadbApi(conn, { now, locale: "en" }).describeDBInstances({ limit: 1 });
    await createMariadbApi(conn, { now }).describeDBInstances({ limit: 1 });
    await createMariadbApi({ ...conn, language: "zh-CN" }, { now }).describeDBInstances({ limit: 1 });
    const [zh, en, none, fromConnection] = server.requests as RecordedRequest[];
    expect([zh, en, none, fromConnection].map((r) => r?.headers["x-tc-language"])).toEqual(["zh-CN", "en-US", undefined, "zh-CN"]);
    for (const sent of [zh, en, none] as RecordedRequest[]) {
      expect(sent.headers.authorization).toContain("SignedHeaders=content-type;host,");
      const expected = signTc3({ host: String(sent.headers.host), contentType: "application/json", body: sent.body, timestampSeconds: 1_700_000_000, service: "mariadb", secretId: "AKIDx", secretKey: "tc-secret" });
      expect(sent.headers.authorization).toBe(expected.authorization);
    }
  });
});
