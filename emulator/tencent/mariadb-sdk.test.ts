import http from "node:http";
import { CommonClient } from "tencentcloud-sdk-nodejs-common";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixtures } from "../fixtures";
import { send, signTencent } from "../testing/signers";
import { startTestEmulator, type TestEmulator } from "../testing/harness";

const f = loadFixtures();
const KEY = { id: f.tencent.secretId, secret: f.tencent.secretKey };
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

/** providers.md §6.1: keep the real host name (so the scope says "mariadb") and resolve it locally. */
function sdkClient(secretKey = KEY.secret, reqMethod: "POST" | "GET" = "POST"): CommonClient {
  const port = new URL(emu.urls.mariadb).port;
  const agent = new http.Agent({
    lookup: ((_h: string, o: { all?: boolean }, cb: (...a: unknown[]) => void) =>
      o?.all ? cb(null, [{ address: "127.0.0.1", family: 4 }]) : cb(null, "127.0.0.1", 4)) as never,
  });
  return new CommonClient("mariadb.tencentcloudapi.com", "2017-03-12", {
    credential: { secretId: KEY.id, secretKey },
    region: f.tencent.region,
    profile: { httpProfile: { protocol: "http://", endpoint: `mariadb.tencentcloudapi.com:${port}`, reqTimeout: 10, agent, reqMethod } },
  });
}

describe("official Tencent SDK (tencentcloud-sdk-nodejs-common CommonClient)", () => {
  it("is accepted although it signs the host without the port it sends", async () => {
    const r = (await sdkClient().request("DescribeDBInstances", { Limit: 10 })) as { TotalCount: number; Instances: Array<{ InstanceId: string }> };
    expect(r.TotalCount).toBe(f.tencent.instanceIds.length);
    expect(r.Instances.map((i) => i.InstanceId)).toContain(f.tencent.ownerInstanceId);
  });

  it("creates, lists, resets and deletes an account", async () => {
    const c = sdkClient();
    const created = await c.request("CreateAccount", { InstanceId: f.tencent.ownerInstanceId, UserName: "sdk_user", Host: "10.%", Password: "Abcd1234!x", ReadOnly: 1 });
    expect(created).toMatchObject({ InstanceId: f.tencent.ownerInstanceId, UserName: "sdk_user", Host: "10.%", ReadOnly: 1 });
    const list = (await c.request("DescribeAccounts", { InstanceId: f.tencent.ownerInstanceId })) as { Users: Array<{ UserName: string; Host: string }> };
    expect(list.Users).toContainEqual(expect.objectContaining({ UserName: "sdk_user", Host: "10.%" }));
    await c.request("ResetAccountPassword", { InstanceId: f.tencent.ownerInstanceId, UserName: "sdk_user", Host: "10.%", Password: "Efgh5678?y" });
    await c.request("DeleteAccount", { InstanceId: f.tencent.ownerInstanceId, UserName: "sdk_user", Host: "10.%" });
    const err = await c.request("DeleteAccount", { InstanceId: f.tencent.ownerInstanceId, UserName: "sdk_user", Host: "10.%" }).catch((e: { code: string }) => e);
    expect(err).toMatchObject({ code: "ResourceNotFound.AccountDoesNotExist" });
  });

  it("is accepted when it sends GET with the parameters form-encoded in the query", async () => {
    const c = sdkClient(KEY.secret, "GET");
    const r = (await c.request("DescribeDBInstances", { InstanceIds: [f.tencent.ownerInstanceId, "tdsql-demo0002"], Limit: 10 })) as { Instances: Array<{ InstanceId: string }> };
    expect(r.Instances.map((i) => i.InstanceId).sort()).toEqual([f.tencent.ownerInstanceId, "tdsql-demo0002"]);
    await c.request("CreateAccount", { InstanceId: f.tencent.ownerInstanceId, UserName: "sdk_get", Host: "%", Password: "Abcd1234!x", ReadOnly: 1 });
    const list = (await c.request("DescribeAccounts", { InstanceId: f.tencent.ownerInstanceId })) as { Users: Array<{ UserName: string; ReadOnly: number }> };
    expect(list.Users).toContainEqual(expect.objectContaining({ UserName: "sdk_get", ReadOnly: 1 }));
    await c.request("DeleteAccount", { InstanceId: f.tencent.ownerInstanceId, UserName: "sdk_get", Host: "%" });
  });

  it("surfaces a wrong SecretKey as AuthFailure.SignatureFailure", async () => {
    const err = await sdkClient("wrong-key").request("DescribeDBInstances", {}).catch((e: { code: string }) => e);
    expect(err).toMatchObject({ code: "AuthFailure.SignatureFailure" });
  });
});

describe("TC3 refusals (hand-signed requests)", () => {
  const base = () => emu.urls.mariadb;
  const errorOf = (json: Record<string, unknown>) => (json.Response as { Error?: { Code: string; Message: string }; RequestId: string }).Error;

  it("refuses an unknown SecretId with AuthFailure.SecretIdNotFound in the HTTP 200 envelope", async () => {
    const r = await send(signTencent(base(), { id: "AKIDunknown", secret: KEY.secret }, "DescribeDBInstances", {}));
    expect(r.status).toBe(200);
    expect(errorOf(r.json)?.Code).toBe("AuthFailure.SecretIdNotFound");
    expect(typeof (r.json.Response as { RequestId: string }).RequestId).toBe("string");
  });

  it("refuses a body changed by one byte after signing", async () => {
    const req = signTencent(base(), KEY, "DescribeAccounts", { InstanceId: "tdsql-demo0001" });
    const r = await send({ ...req, body: req.body?.replace("demo0001", "demo0002") });
    expect(errorOf(r.json)?.Code).toBe("AuthFailure.SignatureFailure");
  });

  it("refuses a timestamp more than five minutes off with AuthFailure.SignatureExpire", async () => {
    const r = await send(signTencent(base(), KEY, "DescribeDBInstances", {}, { timestamp: Math.floor(Date.now() / 1000) - 301 }));
    expect(errorOf(r.json)?.Code).toBe("AuthFailure.SignatureExpire");
  });

  it("refuses a credential scope for another service", async () => {
    const r = await send(signTencent(base(), KEY, "DescribeDBInstances", {}, { service: "cvm" }));
    expect(errorOf(r.json)?.Code).toBe("AuthFailure.SignatureFailure");
  });

  it("refuses a missing or garbled Authorization with AuthFailure.InvalidAuthorization", async () => {
    const req = signTencent(base(), KEY, "DescribeDBInstances", {});
    const garbled = await send({ ...req, headers: { ...req.headers, authorization: "TC3-HMAC-SHA256 nonsense" } });
    expect(errorOf(garbled.json)?.Code).toBe("AuthFailure.InvalidAuthorization");
    const { authorization: _drop, ...rest } = req.headers;
    void _drop;
    expect(errorOf((await send({ ...req, headers: rest })).json)?.Code).toBe("AuthFailure.InvalidAuthorization");
  });

  it("requires X-TC-Region and rejects unknown actions and versions", async () => {
    expect(errorOf((await send(signTencent(base(), KEY, "DescribeAccounts", { InstanceId: "tdsql-demo0001" }, { region: null }))).json)?.Code).toBe("MissingParameter");
    expect(errorOf((await send(signTencent(base(), KEY, "DropDatabase", {}))).json)?.Code).toBe("InvalidAction");
    expect(errorOf((await send(signTencent(base(), KEY, "DescribeDBInstances", {}, { version: "2020-01-01" }))).json)?.Code).toBe("NoSuchVersion");
  });
});
