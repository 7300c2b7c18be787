import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadFixtures } from "./fixtures";
import { send, signAlibabaAcs3, signHuawei, signTencent } from "./testing/signers";
import { startTestEmulator, type TestEmulator } from "./testing/harness";

const f = loadFixtures();
const ALI = { id: f.alibaba.accessKeyId, secret: f.alibaba.accessKeySecret };
const TC = { id: f.tencent.secretId, secret: f.tencent.secretKey };
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({ faults: [{ service: "iam", kind: "error", status: 503, count: 1 }] });
});
afterAll(async () => {
  await emu.stop();
});
afterEach(async () => {
  await emu.admin("DELETE", "/faults");
});

const dms = (action: string, params: Record<string, string> = {}) => send(signAlibabaAcs3(emu.urls.dms, ALI, action, params));
const tc = (action: string, body: Record<string, unknown>) => send(signTencent(emu.urls.mariadb, TC, action, body));
const addFault = (fault: Record<string, unknown>) => emu.admin<{ faults: Array<{ id: string }> }>("POST", "/faults", fault);

describe("fault injection", () => {
  it("applies initial faults given at start", async () => {
    const res = await fetch(`${emu.urls.iam}/v3/auth/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 503 } });
  });

  it("adds latency with jitter", async () => {
    await addFault({ service: "dms", kind: "latency", latencyMs: 250, jitterMs: 20 });
    const t0 = Date.now();
    expect((await dms("ListProxies")).json.Success).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(245);
  });

  it("returns each vendor's own error shape", async () => {
    await addFault({ kind: "error", count: 3 });
    const ali = await dms("ListProxies");
    expect(ali.status).toBe(500);
    expect(Object.keys(ali.json).sort()).toEqual(["Code", "HostId", "Message", "Recommend", "RequestId"]);
    const ten = await tc("DescribeDBInstances", {});
    expect(ten.status).toBe(200);
    expect(ten.json).toMatchObject({ Response: { Error: { Code: "InternalError" } } });
    const hw = await send(signHuawei(emu.urls.taurus, { ak: f.huawei.ak, sk: f.huawei.sk }, "GET", `/v3/${f.huawei.projectId}/instances`));
    expect(hw.status).toBe(500);
    expect(hw.json).toHaveProperty("error_code");
    expect((await dms("ListProxies")).json.Success).toBe(true);
  });

  it("targets one action and a chosen code, for the next N calls only", async () => {
    await addFault({ service: "dms", action: "CreateProxyAccess", kind: "error", code: "UnknownError", status: 200, count: 2 });
    expect((await dms("ListProxies")).json.Success).toBe(true);
    const params = { UserId: "100016", ProxyId: String(f.alibaba.ownerProxyId) };
    for (let i = 0; i < 2; i++) expect((await dms("CreateProxyAccess", params)).json).toMatchObject({ Success: false, ErrorCode: "UnknownError" });
    expect((await dms("CreateProxyAccess", params)).json.Success).toBe(true);
    expect((await emu.admin<{ faults: unknown[] }>("GET", "/faults")).faults).toHaveLength(0);
  });

  it("never fires at probability 0 and throttles with the vendor's throttle code", async () => {
    await addFault({ service: "dms", kind: "drop", probability: 0 });
    expect((await dms("ListProxies")).json.Success).toBe(true);
    await emu.admin("DELETE", "/faults");
    await addFault({ service: "mariadb", kind: "throttle", count: 1 });
    expect((await tc("DescribeDBInstances", {})).json).toMatchObject({ Response: { Error: { Code: "RequestLimitExceeded" } } });
    await addFault({ service: "dms", kind: "throttle", count: 1 });
    const t = await dms("ListProxies");
    expect([t.status, t.json.Code]).toEqual([400, "Throttling.User"]);
  });

  it("drops the connection without a response", async () => {
    await addFault({ service: "dms", kind: "drop", count: 1 });
    await expect(dms("ListProxies")).rejects.toThrow();
    const calls = await emu.admin<{ calls: Array<{ outcome: string; status: number | null }> }>("GET", "/calls?service=dms&outcome=dropped");
    expect(calls.calls.at(-1)).toMatchObject({ outcome: "dropped", status: null });
  });

  it("holds a request open (timeout) until holdMs, then closes it", async () => {
    await addFault({ service: "dms", kind: "timeout", holdMs: 400, count: 1 });
    const t0 = Date.now();
    await expect(dms("ListProxies")).rejects.toThrow();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(380);
  });

  it("after-effect drop: the create IS applied, then the connection is dropped", async () => {
    await addFault({ service: "dms", action: "CreateProxyAccess", kind: "drop", afterEffect: true, count: 1 });
    const before = await emu.admin<{ accesses: Array<{ userId: number }> }>("GET", `/state/dms/proxies/${f.alibaba.ownerProxyId}/accesses`);
    await expect(dms("CreateProxyAccess", { UserId: "100017", ProxyId: String(f.alibaba.ownerProxyId) })).rejects.toThrow();
    const after = await emu.admin<{ accesses: Array<{ userId: number }> }>("GET", `/state/dms/proxies/${f.alibaba.ownerProxyId}/accesses`);
    expect(after.accesses.length).toBe(before.accesses.length + 1);
    expect(after.accesses.filter((a) => a.userId === 100017)).toHaveLength(1);
  });

  it("after-effect 500: the Tencent account exists although the call failed", async () => {
    await addFault({ service: "mariadb", action: "CreateAccount", kind: "error", status: 500, afterEffect: true, count: 1 });
    const r = await tc("CreateAccount", { InstanceId: f.tencent.ownerInstanceId, UserName: "half_done", Host: "%", Password: "Abcd1234!" });
    expect(r.status).toBe(500);
    const accounts = await emu.admin<{ accounts: Array<{ userName: string }> }>("GET", `/state/mariadb/instances/${f.tencent.ownerInstanceId}/accounts`);
    expect(accounts.accounts.map((a) => a.userName)).toContain("half_done");
    const retry = await tc("CreateAccount", { InstanceId: f.tencent.ownerInstanceId, UserName: "half_done", Host: "%", Password: "Abcd1234!" });
    expect(retry.json).toMatchObject({ Response: { Error: { Code: "InvalidParameterValue.AccountAlreadyExists" } } });
  });

  it("after-effect drop on TaurusDB: SwitchAccessControl and CreateAccessControl are applied, the answers lost", async () => {
    const H = f.huawei;
    const proxy = `/v3/${H.projectId}/instances/${H.ownerTaurusInstanceId}/proxy/${H.ownerTaurusProxyId}`;
    const hw = (p: string, body: unknown) => send(signHuawei(emu.urls.taurus, { ak: H.ak, sk: H.sk }, "POST", `${proxy}${p}`, body));
    const state = async () => (await emu.admin<{ accessControl: { open: boolean; type: string; ipList: Array<{ ip: string }> } }>("GET", `/state/taurus/proxies/${H.ownerTaurusProxyId}`)).accessControl;
    const open = (await state()).open;

    await addFault({ service: "taurus", action: "SwitchAccessControl", kind: "drop", afterEffect: true, count: 1 });
    await expect(hw("/access-control-switch", { open_access_control: !open })).rejects.toThrow();
    expect((await state()).open).toBe(!open);

    await addFault({ service: "taurus", action: "CreateAccessControl", kind: "drop", afterEffect: true, count: 1 });
    await expect(hw("/access-control", { type: "black", ip_list: [{ ip: "198.51.100.7" }] })).rejects.toThrow();
    expect(await state()).toMatchObject({ type: "black", ipList: [{ ip: "198.51.100.7" }] });

    const { calls } = await emu.admin<{ calls: Array<{ action: string; outcome: string; fault?: { afterEffect: boolean } }> }>("GET", "/calls?service=taurus&outcome=dropped");
    expect(calls.slice(-2).map((c) => [c.action, c.fault?.afterEffect])).toEqual([["SwitchAccessControl", true], ["CreateAccessControl", true]]);
    await hw("/access-control-switch", { open_access_control: open });
  });

  it("after-effect error on TaurusDB: a 500 in Huawei's shape although the switch was applied", async () => {
    const H = f.huawei;
    const path = `/v3/${H.projectId}/instances/${H.ownerTaurusInstanceId}/proxy/${H.ownerTaurusProxyId}/access-control-switch`;
    const before = (await emu.admin<{ accessControl: { open: boolean } }>("GET", `/state/taurus/proxies/${H.ownerTaurusProxyId}`)).accessControl.open;
    await addFault({ service: "taurus", action: "SwitchAccessControl", kind: "error", afterEffect: true, count: 1 });
    const r = await send(signHuawei(emu.urls.taurus, { ak: H.ak, sk: H.sk }, "POST", path, { open_access_control: !before }));
    expect([r.status, r.json.error_code]).toEqual([500, "DBS.05000000"]);
    expect((await emu.admin<{ accessControl: { open: boolean } }>("GET", `/state/taurus/proxies/${H.ownerTaurusProxyId}`)).accessControl.open).toBe(!before);
    await send(signHuawei(emu.urls.taurus, { ak: H.ak, sk: H.sk }, "POST", path, { open_access_control: before }));
  });

  it("refuses a malformed fault with 400", async () => {
    const res = await fetch(`${emu.urls.admin}/faults`, { method: "POST", body: JSON.stringify({ kind: "explode" }) });
    expect(res.status).toBe(400);
    const latency = await fetch(`${emu.urls.admin}/faults`, { method: "POST", body: JSON.stringify({ kind: "latency" }) });
    expect(latency.status).toBe(400);
  });
});
