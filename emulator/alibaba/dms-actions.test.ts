import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixtures } from "../fixtures";
import { send, signAlibabaAcs3 } from "../testing/signers";
import { startTestEmulator, type TestEmulator } from "../testing/harness";

const f = loadFixtures();
const KEY = { id: f.alibaba.accessKeyId, secret: f.alibaba.accessKeySecret };
const OWNER_PROXY = String(f.alibaba.ownerProxyId);
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

async function dms(action: string, params: Record<string, string> = {}) {
  return send(signAlibabaAcs3(emu.urls.dms, KEY, action, params));
}

type Access = { ProxyAccessId: number; UserId: number; OriginInfo: string; GmtCreate: string; IndepAccount: string };

describe("DMS proxy accesses", () => {
  it("creates a SECOND access when the user already holds one on the proxy, visible as a duplicate", async () => {
    const first = await dms("CreateProxyAccess", { UserId: "100003", ProxyId: OWNER_PROXY });
    const second = await dms("CreateProxyAccess", { UserId: "100003", ProxyId: OWNER_PROXY });
    expect(first.json.Success && second.json.Success).toBe(true);
    expect(first.json.ProxyAccessId).not.toBe(second.json.ProxyAccessId);
    const dup = await emu.admin<{ duplicates: Array<{ proxyId: number; userId: number; proxyAccessIds: number[] }> }>("GET", "/state/dms/duplicates");
    expect(dup.duplicates).toContainEqual({ proxyId: f.alibaba.ownerProxyId, userId: 100003, proxyAccessIds: [first.json.ProxyAccessId, second.json.ProxyAccessId] });
  });

  it("lists every access of a proxy with the documented fields and the caller's OriginInfo", async () => {
    const created = await dms("CreateProxyAccess", { UserId: "100008", ProxyId: OWNER_PROXY, IndepAccount: "app_rw" });
    const list = await dms("ListProxyAccesses", { ProxyId: OWNER_PROXY });
    const rows = list.json.ProxyAccessList as Access[];
    const row = rows.find((r) => r.ProxyAccessId === created.json.ProxyAccessId);
    expect(row).toMatchObject({ UserId: 100008, IndepAccount: "app_rw", OriginInfo: `Authorization by the Alibaba Cloud Account(${f.alibaba.accountUid})` });
    expect(Object.keys(row ?? {}).sort()).toEqual(["AccessId", "GmtCreate", "IndepAccount", "InstanceId", "OriginInfo", "ProxyAccessId", "ProxyId", "UserId", "UserName", "UserUid"]);
    expect(row?.GmtCreate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it("gets, inspects and deletes an access; a deleted one is not found", async () => {
    const id = String((await dms("CreateProxyAccess", { UserId: "100009", ProxyId: "1202" })).json.ProxyAccessId);
    expect((await dms("GetProxyAccess", { ProxyAccessId: id })).json.ProxyAccess).toMatchObject({ UserId: 100009, ProxyId: 1202 });
    expect((await dms("InspectProxyAccessSecret", { ProxyAccessId: id })).json.AccessSecret).toMatch(/^[A-Za-z0-9]{32}$/);
    expect((await dms("DeleteProxyAccess", { ProxyAccessId: id })).json).toMatchObject({ Success: true });
    expect((await dms("DeleteProxyAccess", { ProxyAccessId: id })).json).toMatchObject({ Success: false, ErrorCode: "ProxyAccessNotExist" });
  });

  it("reports business errors as HTTP 200 with Success:false", async () => {
    const missing = await dms("ListProxyAccesses", {});
    expect(missing.status).toBe(200);
    expect(missing.json).toMatchObject({ Success: false, ErrorCode: "MissingProxyId", ErrorMessage: "ProxyId is mandatory for this action." });
    expect((await dms("CreateProxyAccess", { ProxyId: OWNER_PROXY })).json.ErrorCode).toBe("MissingUserId");
    expect((await dms("CreateProxyAccess", { UserId: "999999", ProxyId: OWNER_PROXY })).json.ErrorCode).toBe("UserNotExist");
    expect((await dms("CreateProxyAccess", { UserId: "100003", ProxyId: "1211" })).json.ErrorCode).toBe("ProxyNotExist");
    expect((await dms("ListProxies", { Tid: "abc" })).json.ErrorCode).toBe("InvalidTid");
    expect((await dms("GetUserActiveTenant", { Tid: "4040" })).json.ErrorCode).toBe("TenantNotExist");
  });

  it("refuses a non-numeric long parameter at the gateway", async () => {
    const r = await dms("ListProxyAccesses", { ProxyId: "12x" });
    expect([r.status, r.json.Code]).toEqual([400, "InvalidParameter"]);
  });

  it("scopes proxies and accesses by tenant", async () => {
    const t2 = await dms("ListProxies", { Tid: "3002" });
    expect((t2.json.ProxyList as Array<{ ProxyId: number }>).map((p) => p.ProxyId)).toEqual([1211, 1212]);
    const created = await dms("CreateProxyAccess", { UserId: "100105", ProxyId: "1211", Tid: "3002" });
    expect(created.json.Success).toBe(true);
    expect((await dms("GetProxyAccess", { ProxyAccessId: String(created.json.ProxyAccessId) })).json.ErrorCode).toBe("ProxyAccessNotExist");
  });
});

describe("DMS directory", () => {
  it("pages users with PageSize in 10|20|50|100 and nests them under UserList.User", async () => {
    const p1 = await dms("ListUsers", { PageSize: "10", PageNumber: "1" });
    const users = (p1.json.UserList as { User: Array<{ UserId: unknown; State: string }> }).User;
    expect(p1.json.TotalCount).toBe(30);
    expect(users).toHaveLength(10);
    expect(typeof users[0]?.UserId).toBe("string");
    const p3 = await dms("ListUsers", { PageSize: "20", PageNumber: "2" });
    expect((p3.json.UserList as { User: unknown[] }).User).toHaveLength(10);
    const bad = await dms("ListUsers", { PageSize: "15" });
    expect([bad.status, bad.json.Code]).toEqual([400, "InvalidParameter"]);
  });

  it("filters users by state, role and search key", async () => {
    const disabled = await dms("ListUsers", { UserState: "DISABLE", PageSize: "100" });
    const ids = (disabled.json.UserList as { User: Array<{ UserId: string }> }).User.map((u) => u.UserId);
    expect(ids).toContain(String(f.alibaba.disabledUserId));
    const admins = await dms("ListUsers", { Role: "ADMIN" });
    expect(admins.json.TotalCount).toBe(1);
    const search = await dms("ListUsers", { SearchKey: "demo owner" });
    expect(search.json.TotalCount).toBe(1);
  });

  it("returns the caller from GetUser without parameters, and a user by UserId", async () => {
    const me = await dms("GetUser", {});
    expect(me.json.User).toMatchObject({ Uid: f.alibaba.accountUid, UserId: String(f.alibaba.ownerUserId) });
    expect((await dms("GetUser", { UserId: "100002" })).json.User).toMatchObject({ UserId: "100002" });
    expect((await dms("GetUser", { UserId: "123" })).json.ErrorCode).toBe("UserNotExist");
  });

  it("lists tenants, proxies and instances", async () => {
    const tenants = await dms("ListUserTenants");
    expect(tenants.json.TenantList).toEqual([
      { Tid: 3001, TenantName: "Demo Retail", Status: "ACTIVE" },
      { Tid: 3002, TenantName: "Demo Payments", Status: "ACTIVE" },
    ]);
    const proxy = await dms("GetProxy", { ProxyId: OWNER_PROXY });
    expect(proxy.json).toMatchObject({ Success: true, ProxyId: f.alibaba.ownerProxyId, InstanceId: f.alibaba.ownerInstanceId, ProtocolType: "MYSQL" });
    const inst = await dms("ListInstances", { PageSize: "100" });
    const list = (inst.json.InstanceList as { Instance: Array<{ InstanceId: string }> }).Instance;
    expect(list.map((i) => i.InstanceId)).toContain(String(f.alibaba.ownerInstanceId));
    expect((await dms("ListInstances", { PageSize: "101" })).json.Code).toBe("InvalidParameter");
  });
});

describe("DMS throttling (assumed quota)", () => {
  it("answers Throttling.User with HTTP 400 once the per-AccessKey quota is used up", async () => {
    await emu.admin("PATCH", "/config", { rateLimits: { dms: 5 } });
    try {
      const results = await Promise.all(Array.from({ length: 12 }, () => dms("ListProxies")));
      const throttled = results.filter((r) => r.json.Code === "Throttling.User");
      expect(results.filter((r) => r.json.Success === true).length).toBeLessThanOrEqual(5);
      expect(throttled.length).toBeGreaterThanOrEqual(7);
      expect(throttled[0]?.status).toBe(400);
    } finally {
      await emu.admin("PATCH", "/config", { rateLimits: { dms: 50 } });
    }
  });
});
