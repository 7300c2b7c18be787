import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixtures } from "./fixtures";
import { send, signAlibabaAcs3, signAlibabaV1, signHuawei, signTencent } from "./testing/signers";
import { startTestEmulator, type TestEmulator } from "./testing/harness";

const f = loadFixtures();
const ALI = { id: f.alibaba.accessKeyId, secret: f.alibaba.accessKeySecret };
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

type Call = { seq: number; service: string; action: string; outcome: string; status: number | null; target?: Record<string, string> };

describe("admin API", () => {
  it("reports health with every URL and the seed", async () => {
    const h = await emu.admin<{ ok: boolean; urls: Record<string, string>; seed: { seed: string } }>("GET", "/health");
    expect(h.ok).toBe(true);
    expect(Object.keys(h.urls).sort()).toEqual(["admin", "dds", "dms", "iam", "mariadb", "taurus"]);
    expect(h.seed.seed).toBe("demo");
  });

  it("logs every vendor call with service, action and outcome, and filters by sequence", async () => {
    const { lastSeq } = await emu.admin<{ lastSeq: number }>("GET", "/calls");
    await send(signAlibabaAcs3(emu.urls.dms, ALI, "ListProxies", {}));
    await send(signAlibabaAcs3(emu.urls.dms, { id: "nobody", secret: "x" }, "ListProxies", {}));
    const { calls } = await emu.admin<{ calls: Call[] }>("GET", `/calls?since=${lastSeq}`);
    expect(calls.map((c) => [c.service, c.action, c.outcome, c.status])).toEqual([
      ["dms", "ListProxies", "OK", 200],
      ["dms", "ListProxies", "InvalidAccessKeyId.NotFound", 404],
    ]);
  });

  it("lets a test assert that no vendor call was made", async () => {
    await emu.admin("DELETE", "/calls");
    expect((await emu.admin<{ calls: Call[] }>("GET", "/calls?service=dms&action=CreateProxyAccess")).calls).toEqual([]);
  });

  it("never records passwords or secrets in the call log", async () => {
    const secrets = ["IndepS3cret!pw", "Abcd1234!TcPw", "Abcd1234?DdsPw"];
    await send(signAlibabaV1(emu.urls.dms, ALI, "CreateProxyAccess", { UserId: "100002", ProxyId: String(f.alibaba.ownerProxyId), IndepAccount: "x", IndepPassword: secrets[0] ?? "" }));
    const created = await send(signAlibabaAcs3(emu.urls.dms, ALI, "CreateProxyAccess", { UserId: "100003", ProxyId: "1202" }));
    const secret = await send(signAlibabaAcs3(emu.urls.dms, ALI, "InspectProxyAccessSecret", { ProxyAccessId: String(created.json.ProxyAccessId) }));
    await send(signTencent(emu.urls.mariadb, { id: f.tencent.secretId, secret: f.tencent.secretKey }, "CreateAccount", { InstanceId: f.tencent.ownerInstanceId, UserName: "logcheck", Host: "%", Password: secrets[1] }));
    await send(signHuawei(emu.urls.dds, { ak: f.huawei.ak, sk: f.huawei.sk }, "POST", `/v3/${f.huawei.projectId}/instances/${f.huawei.ownerDdsInstanceId}/db-user`, { user_name: "logcheck", user_pwd: secrets[2], roles: [] }));
    const text = JSON.stringify(await emu.admin("GET", "/calls"));
    for (const s of [...secrets, String(secret.json.AccessSecret), f.alibaba.accessKeySecret, f.tencent.secretKey, f.huawei.sk]) {
      expect(text).not.toContain(s);
    }
    expect(text).toContain("logcheck");
  });

  it("exposes state views without secrets", async () => {
    const { accesses } = await emu.admin<{ accesses: Array<Record<string, unknown>> }>("GET", `/state/dms/proxies/${f.alibaba.ownerProxyId}/accesses`);
    expect(accesses.length).toBeGreaterThan(0);
    expect(accesses[0]).not.toHaveProperty("accessSecret");
    const users = await emu.admin<{ users: Array<Record<string, unknown>> }>("GET", `/state/dds/instances/${f.huawei.ownerDdsInstanceId}/users`);
    expect(users.users[0]).not.toHaveProperty("passwordHash");
    const proxy = await emu.admin<{ accessControl: { ipList: unknown[] } }>("GET", `/state/taurus/proxies/${f.huawei.ownerTaurusProxyId}`);
    expect(proxy.accessControl.ipList.length).toBeGreaterThan(0);
  });

  it("adds DMS users to a tenant for large bulk work and removes them with their accesses", async () => {
    type U = { userId: number; tid: number; nickName: string; state: string };
    const before = (await emu.admin<{ users: U[] }>("GET", "/state/dms/users?tid=3002")).users.length;
    const { users } = await emu.admin<{ users: U[] }>("POST", "/state/dms/users", { tid: 3002, count: 3 });
    expect(users.map((u) => [u.userId, u.tid, u.nickName, u.state])).toEqual([
      [900_001, 3002, "extra-user-00001", "NORMAL"],
      [900_002, 3002, "extra-user-00002", "NORMAL"],
      [900_003, 3002, "extra-user-00003", "NORMAL"],
    ]);
    // DMS itself knows them: a grant to one of them succeeds.
    const r = await send(signAlibabaAcs3(emu.urls.dms, ALI, "CreateProxyAccess", { Tid: "3002", ProxyId: "1211", UserId: "900002" }));
    expect(r.json).toMatchObject({ Success: true });
    expect((await emu.admin<{ users: U[] }>("GET", "/state/dms/users?tid=3002")).users).toHaveLength(before + 3);
    expect(await emu.admin("DELETE", "/state/dms/users/extra")).toEqual({ removed: { users: 3, accesses: 1 } });
    expect((await emu.admin<{ users: U[] }>("GET", "/state/dms/users?tid=3002")).users).toHaveLength(before);
    expect((await emu.admin<{ accesses: { userId: number }[] }>("GET", "/state/dms/proxies/1211/accesses")).accesses.some((a) => a.userId > 900_000)).toBe(false);
    expect((await emu.admin<{ error: string }>("POST", "/state/dms/users", { tid: 9999, count: 1 })).error).toMatch(/tenant not found/);
  });

  it("changes a proxy's access control as an outside change would, seen by the vendor API", async () => {
    type State = { id: string; accessControl: { open: boolean; type: string; ipList: Array<{ ip: string; description: string }> } };
    const H = f.huawei;
    const path = `/state/taurus/proxies/${H.ownerTaurusProxyId}/access-control`;
    const put = (body: unknown) => fetch(emu.urls.admin + path, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const ipgroup = () => send(signHuawei(emu.urls.taurus, { ak: H.ak, sk: H.sk }, "GET", `/v3/${H.projectId}/instances/${H.ownerTaurusInstanceId}/proxy/${H.ownerTaurusProxyId}/ipgroup`));

    const changed = (await (await put({ open: false, ipList: [{ ip: "10.20.0.0/16", description: "changed elsewhere" }, { ip: "192.0.2.1" }] })).json()) as State;
    expect(changed).toEqual(await emu.admin("GET", `/state/taurus/proxies/${H.ownerTaurusProxyId}`));
    expect(changed.accessControl).toMatchObject({ open: false, type: "white", ipList: [{ ip: "10.20.0.0/16", description: "changed elsewhere" }, { ip: "192.0.2.1", description: "" }] });
    expect((await ipgroup()).json).toMatchObject({ enable_ip_group: false, type: "white", ip_group: { ip_list: [{ ip: "10.20.0.0/16" }, { ip: "192.0.2.1" }] } });

    // A new type without a list discards the old list, as the vendor does.
    const black = (await (await put({ open: true, type: "black" })).json()) as State;
    expect(black.accessControl).toMatchObject({ open: true, type: "black", ipList: [] });
    expect((await (await put({})).json()) as State).toEqual(black);

    for (const bad of [{ open: "yes" }, { type: "grey" }, { ipList: [{ ip: "10.0.0.256" }] }, { ipList: [{ ip: "10.0.0.1", description: "<b>" }] }, { ipList: [{ ip: "10.0.0.1", extra: 1 }] }, { enabled: true }]) {
      expect((await put(bad)).status).toBe(400);
    }
    const unknown = await fetch(`${emu.urls.admin}/state/taurus/proxies/${"0".repeat(32)}po01/access-control`, { method: "PUT", body: "{}" });
    expect(unknown.status).toBe(404);
  });

  it("changes instance status for tests and answers unknown routes with 404", async () => {
    expect(await emu.admin("PUT", `/state/mariadb/instances/tdsql-demo0002/status`, { status: -1 })).toEqual({ updated: true });
    const r = await send(signTencent(emu.urls.mariadb, { id: f.tencent.secretId, secret: f.tencent.secretKey }, "DescribeAccounts", { InstanceId: "tdsql-demo0002" }));
    expect(r.json).toMatchObject({ Response: { Error: { Code: "ResourceUnavailable.InstanceStatusAbnormal" } } });
    const res = await fetch(`${emu.urls.admin}/nope`);
    expect(res.status).toBe(404);
  });
});
