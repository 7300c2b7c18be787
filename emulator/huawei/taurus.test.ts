import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixtures } from "../fixtures";
import { hcSend, huaweiSdkClient, muteSdkErrorLog } from "../testing/huawei-sdk";
import { send, signHuawei } from "../testing/signers";
import { startTestEmulator, type TestEmulator } from "../testing/harness";

const f = loadFixtures();
const H = f.huawei;
const KEY = { ak: H.ak, sk: H.sk };
const PROXY_PATH = `/v3/${H.projectId}/instances/${H.ownerTaurusInstanceId}/proxy/${H.ownerTaurusProxyId}`;
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

const signed = (method: string, p: string, body?: unknown, o?: { date?: string; projectId?: string }) =>
  send(signHuawei(emu.urls.taurus, KEY, method, p, body, o));

describe("official Huawei SDK (HcClient.sendRequest, AK/SK)", () => {
  it("lists instances on /v3.1 and switches access control", async () => {
    const c = huaweiSdkClient(emu.urls.taurus, H.ak, H.sk, H.projectId);
    const list = await hcSend(c, { method: "GET", url: "/v3.1/{project_id}/instances", queryParams: { offset: 0, limit: 100 } });
    expect(list.total_count).toBe(4);
    const sw = await hcSend(c, {
      method: "POST", url: "/v3/{project_id}/instances/{instance_id}/proxy/{proxy_id}/access-control-switch",
      pathParams: { instance_id: H.ownerTaurusInstanceId, proxy_id: H.ownerTaurusProxyId }, data: { open_access_control: false },
    });
    expect(sw).toMatchObject({ open_access_control: false, httpStatusCode: 200 });
    const state = await emu.admin<{ accessControl: { open: boolean } }>("GET", `/state/taurus/proxies/${H.ownerTaurusProxyId}`);
    expect(state.accessControl.open).toBe(false);
  });

  it("surfaces a wrong SK as 401 APIGW.0301", async () => {
    const c = huaweiSdkClient(emu.urls.taurus, H.ak, "wrong-secret-key", H.projectId);
    const sdkLog = muteSdkErrorLog();
    const err = await hcSend(c, { method: "GET", url: "/v3/{project_id}/instances" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ httpStatusCode: 401, errorCode: "APIGW.0301" });
    expect(sdkLog).toHaveBeenCalledWith(expect.stringContaining("DefaultHttpClient"), "Some error found:", expect.anything());
  });
});

describe("AK/SK refusals", () => {
  it("refuses an unknown AK with 401 APIGW.0301, request_id and X-Request-Id", async () => {
    const r = await send(signHuawei(emu.urls.taurus, { ak: "UNKNOWNAK0000000000", sk: H.sk }, "GET", `/v3/${H.projectId}/instances`));
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ error_code: "APIGW.0301" });
    expect(r.json.request_id).toBe(r.headers.get("x-request-id"));
  });

  it("refuses a body changed by one byte after signing", async () => {
    const req = signHuawei(emu.urls.taurus, KEY, "POST", `${PROXY_PATH}/access-control-switch`, { open_access_control: true });
    const r = await send({ ...req, body: req.body?.replace("true", "fals") });
    expect([r.status, r.json.error_code]).toEqual([401, "APIGW.0301"]);
  });

  it("refuses an X-Sdk-Date more than 15 minutes off with APIGW.0303", async () => {
    const stale = new Date(Date.now() - 16 * 60_000).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
    const r = await signed("GET", `/v3/${H.projectId}/instances`, undefined, { date: stale });
    expect([r.status, r.json.error_code]).toEqual([401, "APIGW.0303"]);
  });

  it("refuses an X-Project-Id that differs from the path project", async () => {
    const r = await signed("GET", `/v3/${H.projectId}/instances`, undefined, { projectId: H.secondaryProject.id });
    expect([r.status, r.json.error_code]).toEqual([403, "APIGW.0302"]);
  });

  it("answers an unknown path with APIGW.0101 before authenticating", async () => {
    const r = await send({ url: `${emu.urls.taurus}/v3/${H.projectId}/nothing`, method: "GET", headers: {} });
    expect([r.status, r.json.error_code]).toEqual([404, "APIGW.0101"]);
  });
});

describe("TaurusDB proxy access control", () => {
  it("validates path ids (project, in07 instance, po01 proxy)", async () => {
    const badInstance = await signed("GET", `/v3/${H.projectId}/instances/abc/proxies`);
    expect([badInstance.status, badInstance.json.error_code]).toEqual([400, "DBS.200001"]);
    const unknown = await signed("GET", `/v3/${H.projectId}/instances/${"0".repeat(32)}in07/proxies`);
    expect(unknown.json.error_code).toBe("DBS.200022");
    const badProxy = await signed("GET", `/v3/${H.projectId}/instances/${H.ownerTaurusInstanceId}/proxy/${"0".repeat(32)}po02/ipgroup`);
    expect(badProxy.json.error_code).toBe("DBS.200001");
    const noProxy = await signed("GET", `/v3/${H.projectId}/instances/${H.ownerTaurusInstanceId}/proxy/${"0".repeat(32)}po01/ipgroup`);
    expect(noProxy.json.error_code).toBe("DBS.201028");
  });

  it("replaces the list, and switching type discards the old one", async () => {
    const white = await signed("POST", `${PROXY_PATH}/access-control`, { type: "white", ip_list: [{ ip: "10.1.0.0/16", description: "vpn" }, { ip: "10.2.3.4" }] });
    expect(white.status).toBe(200);
    let group = await signed("GET", `${PROXY_PATH}/ipgroup`);
    expect(group.json).toMatchObject({ type: "white", ip_group: { ip_list: [{ ip: "10.1.0.0/16", description: "vpn" }, { ip: "10.2.3.4", description: "" }] } });
    await signed("POST", `${PROXY_PATH}/access-control`, { type: "black", ip_list: [{ ip: "203.0.113.9" }] });
    group = await signed("GET", `${PROXY_PATH}/ipgroup`);
    expect(group.json).toMatchObject({ type: "black", ip_group: { ip_list: [{ ip: "203.0.113.9", description: "" }] } });
  });

  it.each([
    ["an unknown type", { type: "grey", ip_list: [] }],
    ["more than 300 entries", { type: "white", ip_list: Array.from({ length: 301 }, (_, n) => ({ ip: `10.0.${Math.floor(n / 250)}.${n % 250}` })) }],
    ["an invalid IP", { type: "white", ip_list: [{ ip: "10.0.0.256" }] }],
    ["an invalid CIDR prefix", { type: "white", ip_list: [{ ip: "10.0.0.0/33" }] }],
    ["a description with <", { type: "white", ip_list: [{ ip: "10.0.0.1", description: "<b>" }] }],
    ["a description over 50 characters", { type: "white", ip_list: [{ ip: "10.0.0.1", description: "x".repeat(51) }] }],
    ["a missing ip_list", { type: "white" }],
  ])("refuses %s with DBS.200001", async (_n, body) => {
    const r = await signed("POST", `${PROXY_PATH}/access-control`, body);
    expect([r.status, r.json.error_code]).toEqual([400, "DBS.200001"]);
  });

  it("accepts exactly 300 entries", async () => {
    const ip_list = Array.from({ length: 300 }, (_, n) => ({ ip: `10.9.${Math.floor(n / 250)}.${n % 250}` }));
    expect((await signed("POST", `${PROXY_PATH}/access-control`, { type: "white", ip_list })).status).toBe(200);
  });

  it("refuses changes on an abnormal instance", async () => {
    const list = await signed("GET", `/v3/${H.projectId}/instances?name=taurus-migration-test`);
    const inst = (list.json.instances as Array<{ id: string }>)[0]?.id ?? "";
    const proxies = await signed("GET", `/v3/${H.projectId}/instances/${inst}/proxies`);
    const proxyId = ((proxies.json.proxy_list as Array<{ proxy: { pool_id: string } }>)[0]?.proxy.pool_id) ?? "";
    const r = await signed("POST", `/v3/${H.projectId}/instances/${inst}/proxy/${proxyId}/access-control-switch`, { open_access_control: true });
    expect(r.json.error_code).toBe("DBS.200019");
  });

  it("filters instances by exact and *fuzzy name and pages proxies", async () => {
    expect((await signed("GET", `/v3/${H.projectId}/instances?name=*orders`)).json.total_count).toBe(1);
    expect((await signed("GET", `/v3/${H.projectId}/instances?name=orders`)).json.total_count).toBe(0);
    expect((await signed("GET", `/v3/${H.projectId}/instances?name=*`)).json.error_code).toBe("DBS.200001");
    expect((await signed("GET", `/v3/${H.projectId}/instances?limit=101`)).json.error_code).toBe("DBS.200001");
    const page = await signed("GET", `/v3/${H.projectId}/instances/${H.ownerTaurusInstanceId}/proxies?offset=1&limit=1`);
    expect(page.json.proxy_list).toHaveLength(1);
  });
});

describe("Huawei throttling (assumed quota)", () => {
  it("answers 429 APIGW.0308 past the per-project quota", async () => {
    await emu.admin("PATCH", "/config", { rateLimits: { huawei: 3 } });
    try {
      const rs = await Promise.all(Array.from({ length: 6 }, () => signed("GET", `/v3/${H.projectId}/instances`)));
      expect(rs.filter((r) => r.status === 429 && r.json.error_code === "APIGW.0308").length).toBeGreaterThanOrEqual(3);
    } finally {
      await emu.admin("PATCH", "/config", { rateLimits: { huawei: 50 } });
    }
  });
});
