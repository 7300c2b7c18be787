import Client, * as $OpenApi from "@alicloud/openapi-client";
import OpenApiUtil from "@alicloud/openapi-util";
import * as $Util from "@alicloud/tea-util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixtures } from "../fixtures";
import { send, signAlibabaAcs3, signAlibabaV1 } from "../testing/signers";
import { startTestEmulator, type TestEmulator } from "../testing/harness";

const f = loadFixtures();
const KEY = { id: f.alibaba.accessKeyId, secret: f.alibaba.accessKeySecret };
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

function sdkClient(signatureAlgorithm?: string, secret = KEY.secret): Client {
  const cfg = new $OpenApi.Config({
    accessKeyId: KEY.id, accessKeySecret: secret, endpoint: new URL(emu.urls.dms).host, protocol: "http", regionId: f.alibaba.regionId,
  });
  if (signatureAlgorithm) cfg.signatureAlgorithm = signatureAlgorithm;
  return new Client(cfg);
}

async function sdkCall(client: Client, action: string, query: Record<string, unknown>) {
  const params = new $OpenApi.Params({
    action, version: "2018-11-01", protocol: "HTTPS", pathname: "/", method: "POST", authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json",
  });
  const req = new $OpenApi.OpenApiRequest({ query: OpenApiUtil.query(query) });
  return (await client.callApi(params, req, new $Util.RuntimeOptions({}))) as { statusCode: number; body: Record<string, unknown> };
}

const GATEWAY_KEYS = ["Code", "HostId", "Message", "Recommend", "RequestId"];

describe("official Alibaba SDK (@alicloud/openapi-client callApi)", () => {
  it("is accepted with the default ACS3-HMAC-SHA256 signature", async () => {
    const res = await sdkCall(sdkClient(), "ListProxies", { Tid: 3001 });
    expect(res.statusCode).toBe(200);
    expect(res.body.Success).toBe(true);
    expect((res.body.ProxyList as Array<{ ProxyId: number }>).map((p) => p.ProxyId)).toContain(f.alibaba.ownerProxyId);
  });

  it("is accepted with signatureAlgorithm v2 (RPC HMAC-SHA1)", async () => {
    const res = await sdkCall(sdkClient("v2"), "ListProxyAccesses", { ProxyId: f.alibaba.ownerProxyId, Tid: 3001 });
    expect(res.body.Success).toBe(true);
    expect((res.body.ProxyAccessList as unknown[]).length).toBeGreaterThan(0);
  });

  it("creates an access through the SDK with a password containing spaces and symbols", async () => {
    const res = await sdkCall(sdkClient(), "CreateProxyAccess", { UserId: 100002, ProxyId: f.alibaba.ownerProxyId, IndepAccount: "dbuser", IndepPassword: "P@ss word1&=+" });
    expect(res.body).toMatchObject({ Success: true });
    expect(typeof res.body.ProxyAccessId).toBe("number");
  });

  it("refuses a wrong secret with SignatureDoesNotMatch in the gateway shape", async () => {
    const err = await sdkCall(sdkClient(undefined, "not-the-secret"), "ListProxies", {}).catch((e: { code: string; data: Record<string, unknown> }) => e);
    expect(err).toMatchObject({ code: "SignatureDoesNotMatch" });
    expect(Object.keys((err as { data: Record<string, unknown> }).data).sort()).toEqual(expect.arrayContaining(GATEWAY_KEYS));
  });
});

describe("signature refusals (hand-signed requests)", () => {
  it("refuses an unknown AccessKeyId with InvalidAccessKeyId.NotFound", async () => {
    const r = await send(signAlibabaV1(emu.urls.dms, { id: "LTAI5tUnknownKey", secret: KEY.secret }, "ListProxies", {}));
    expect(r.status).toBe(404);
    expect(r.json.Code).toBe("InvalidAccessKeyId.NotFound");
    expect(Object.keys(r.json).sort()).toEqual(GATEWAY_KEYS);
  });

  it("refuses a v1 request whose parameter changed by one byte after signing", async () => {
    const req = signAlibabaV1(emu.urls.dms, KEY, "ListProxyAccesses", { ProxyId: "1201" });
    const r = await send({ ...req, url: req.url.replace("ProxyId=1201", "ProxyId=1202") });
    expect(r.status).toBe(400);
    expect(r.json.Code).toBe("SignatureDoesNotMatch");
  });

  it("refuses an ACS3 request whose query changed by one byte after signing", async () => {
    const req = signAlibabaAcs3(emu.urls.dms, KEY, "ListProxyAccesses", { ProxyId: "1201" });
    const r = await send({ ...req, url: req.url.replace("ProxyId=1201", "ProxyId=1203") });
    expect(r.json.Code).toBe("SignatureDoesNotMatch");
  });

  it("refuses a body that does not match x-acs-content-sha256", async () => {
    const req = signAlibabaAcs3(emu.urls.dms, KEY, "ListProxies", {});
    const r = await send({ ...req, headers: { ...req.headers, "content-type": "application/x-www-form-urlencoded" }, body: "Tid=3001" });
    expect(r.json.Code).toBe("SignatureDoesNotMatch");
  });

  it("refuses a timestamp more than 15 minutes old with InvalidTimeStamp.Expired", async () => {
    const stale = new Date(Date.now() - 16 * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const v1 = await send(signAlibabaV1(emu.urls.dms, KEY, "ListProxies", {}, { timestamp: stale }));
    const v3 = await send(signAlibabaAcs3(emu.urls.dms, KEY, "ListProxies", {}, { date: stale }));
    expect([v1.status, v1.json.Code]).toEqual([400, "InvalidTimeStamp.Expired"]);
    expect([v3.status, v3.json.Code]).toEqual([400, "InvalidTimeStamp.Expired"]);
  });

  it("refuses a malformed timestamp with InvalidTimeStamp.Format", async () => {
    const r = await send(signAlibabaV1(emu.urls.dms, KEY, "ListProxies", {}, { timestamp: "2024-01-01 10:00:00" }));
    expect(r.json.Code).toBe("InvalidTimeStamp.Format");
  });

  it("refuses a replayed nonce with SignatureNonceUsed (v1 and ACS3)", async () => {
    const v1 = signAlibabaV1(emu.urls.dms, KEY, "ListProxies", {});
    expect((await send(v1)).json.Success).toBe(true);
    const again = await send(v1);
    expect([again.status, again.json.Code]).toEqual([400, "SignatureNonceUsed"]);
    const v3 = signAlibabaAcs3(emu.urls.dms, KEY, "ListProxies", {});
    expect((await send(v3)).json.Success).toBe(true);
    expect((await send(v3)).json.Code).toBe("SignatureNonceUsed");
  });

  it("refuses an ACS3 signature that leaves an x-acs-* header unsigned", async () => {
    const r = await send(signAlibabaAcs3(emu.urls.dms, KEY, "ListProxies", {}, { unsigned: ["x-acs-signature-nonce"] }));
    expect(r.json.Code).toBe("IncompleteSignature");
  });

  it("reports missing signature parameters with MissingParameter", async () => {
    const req = signAlibabaV1(emu.urls.dms, KEY, "ListProxies", {});
    const r = await send({ ...req, url: req.url.replace(/SignatureNonce=[^&]+&/, "") });
    expect(r.json.Code).toBe("MissingParameter");
  });

  it("accepts v1 parameters in a form body and as GET", async () => {
    const form = await send(signAlibabaV1(emu.urls.dms, KEY, "ListProxyAccesses", { ProxyId: "1202" }, { method: "POST", form: true }));
    expect(form.json.Success).toBe(true);
    const get = await send(signAlibabaV1(emu.urls.dms, KEY, "GetUserActiveTenant", {}, { method: "GET" }));
    expect(get.json).toMatchObject({ Success: true, Tenant: { Tid: 3001, TenantName: "Demo Retail", Status: "ACTIVE" } });
  });

  it("accepts ACS3 with the parameters in a hashed form body", async () => {
    const r = await send(signAlibabaAcs3(emu.urls.dms, KEY, "GetProxy", {}, { form: { ProxyId: "1203", Tid: "3001" } }));
    expect(r.json).toMatchObject({ Success: true, ProxyId: 1203, ProtocolType: "POSTGRESQL" });
  });

  it("answers an unknown action with InvalidApi.NotFound and a wrong version with InvalidVersion", async () => {
    const unknown = await send(signAlibabaAcs3(emu.urls.dms, KEY, "DropEverything", {}));
    expect([unknown.status, unknown.json.Code]).toEqual([404, "InvalidApi.NotFound"]);
    const version = await send(signAlibabaV1(emu.urls.dms, KEY, "ListProxies", {}, { version: "2015-01-01" }));
    expect(version.json.Code).toBe("InvalidVersion");
  });
});
