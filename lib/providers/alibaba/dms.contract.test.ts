import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDmsApi } from "@/lib/providers/alibaba/dms";
import { FAST_RETRY, fixtures, startContractEnv, type ContractEnv } from "@/lib/providers/contract-env";
import { ProviderError } from "@/lib/providers/errors";

let env: ContractEnv;
beforeAll(async () => {
  env = await startContractEnv();
});
afterAll(() => env.stop());

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as ProviderError);

describe.each(["acs3", "v1"] as const)("DMS against the emulator (%s signature)", (signature) => {
  const dms = () => createDmsApi({ ...env.alibaba, signature }, FAST_RETRY);

  it("reads tenants, proxies and users", async () => {
    const { tenant, requestId } = await dms().getUserActiveTenant();
    expect(tenant.tid).toBe(String(fixtures.alibaba.tenants[0]?.tid));
    expect(requestId).toBeTruthy();
    const { tenants } = await dms().listUserTenants();
    expect(tenants.map((t) => t.tid)).toEqual(fixtures.alibaba.tenants.map((t) => String(t.tid)));
    const { items } = await dms().listProxies();
    expect(items.map((p) => p.proxyId)).toContain(String(fixtures.alibaba.ownerProxyId));
    const { item } = await dms().getProxy({ proxyId: fixtures.alibaba.ownerProxyId });
    expect(item).toMatchObject({ proxyId: String(fixtures.alibaba.ownerProxyId), instanceId: String(fixtures.alibaba.ownerInstanceId) });
    const { user } = await dms().getUser({ userId: fixtures.alibaba.ownerUserId });
    expect(user.userId).toBe(String(fixtures.alibaba.ownerUserId));
    const byUid = await dms().getUser({ uid: fixtures.alibaba.accountUid });
    expect(byUid.user.uid).toBe(fixtures.alibaba.accountUid);
  });

  it("pages through every user", async () => {
    const first = await dms().listUsers({ pageSize: 10 });
    const all = await dms().listAllUsers();
    expect(all).toHaveLength(first.totalCount);
    expect(new Set(all.map((u) => u.userId)).size).toBe(all.length);
  });

  it("grants, inspects and revokes a proxy access", async () => {
    const proxyId = fixtures.alibaba.ownerProxyId;
    const { users } = await dms().listUsers({ pageSize: 100, userState: "NORMAL" });
    const { items: before } = await dms().listProxyAccesses({ proxyId });
    const user = users.find((u) => !before.some((a) => a.userId === u.userId));
    expect(user).toBeDefined();
    const created = await dms().createProxyAccess({ userId: user?.userId ?? "", proxyId, indepAccount: "app_ro", indepPassword: "Pr0xy-Pass word!" });
    expect(created.foundAfterRetry).toBe(false);
    const { item } = await dms().getProxyAccess({ proxyAccessId: created.proxyAccessId });
    expect(item).toMatchObject({ proxyAccessId: created.proxyAccessId, userId: user?.userId, proxyId: String(proxyId), indepAccount: "app_ro" });
    const { items } = await dms().listProxyAccesses({ proxyId });
    expect(items.map((a) => a.proxyAccessId)).toContain(created.proxyAccessId);
    const { accessSecret } = await dms().inspectProxyAccessSecret({ proxyAccessId: created.proxyAccessId });
    expect(accessSecret.length).toBeGreaterThan(8);
    expect(await dms().deleteProxyAccess({ proxyAccessId: created.proxyAccessId })).toMatchObject({ alreadyGone: false });
    const gone = await failure(dms().getProxyAccess({ proxyAccessId: created.proxyAccessId }));
    expect(gone).toMatchObject({ code: "ProxyAccessNotExist", httpStatus: 200 });
    expect(await failure(dms().deleteProxyAccess({ proxyAccessId: created.proxyAccessId }))).toMatchObject({ code: "ProxyAccessNotExist" });
  });

  it("has IndepPassword accepted from the signed form body, with nothing in the URL", async () => {
    const proxyId = fixtures.alibaba.ownerProxyId;
    const sent: { url: string; body: string }[] = [];
    const spy: typeof fetch = (input, init) => {
      sent.push({ url: String(input), body: String(init?.body ?? "") });
      return fetch(input, init);
    };
    const client = createDmsApi({ ...env.alibaba, signature }, { ...FAST_RETRY, fetch: spy });
    const { users } = await client.listUsers({ pageSize: 100, userState: "NORMAL" });
    const { items: before } = await client.listProxyAccesses({ proxyId });
    const user = users.find((u) => !before.some((a) => a.userId === u.userId));
    sent.length = 0;
    const password = "Pa!ss*w0rd~(x) y";
    const created = await client.createProxyAccess({ userId: user?.userId ?? "", proxyId, indepAccount: "app_rw", indepPassword: password });
    expect(sent).toHaveLength(1);
    expect(new URL(sent[0]!.url).search).toBe("");
    expect(sent[0]!.url).not.toContain("IndepPassword");
    expect(new URLSearchParams(sent[0]!.body).get("IndepPassword")).toBe(password);
    const { accesses } = await env.admin<{ accesses: { proxyAccessId: number; indepAccount: string; hasIndepPassword: boolean }[] }>("GET", `/state/dms/proxies/${proxyId}/accesses`);
    expect(accesses.find((a) => String(a.proxyAccessId) === created.proxyAccessId)).toMatchObject({ indepAccount: "app_rw", hasIndepPassword: true });
    await client.deleteProxyAccess({ proxyAccessId: created.proxyAccessId });
  });
});

describe("DMS documented errors from the emulator", () => {
  const dms = (overrides: Partial<ContractEnv["alibaba"]["credentials"]> = {}) =>
    createDmsApi({ ...env.alibaba, credentials: { ...env.alibaba.credentials, ...overrides } }, FAST_RETRY);

  it("rejects a wrong secret with SignatureDoesNotMatch", async () => {
    const error = await failure(dms({ accessKeySecret: "wrong-secret" }).listProxies());
    expect(error).toMatchObject({ vendor: "alibaba", code: "SignatureDoesNotMatch", retryable: false });
    expect(error?.httpStatus).toBeGreaterThanOrEqual(400);
    expect(error?.requestId).toBeTruthy();
    expect(error?.message).not.toContain("wrong-secret");
  });

  it("rejects an unknown AccessKey ID", async () => {
    expect(await failure(dms({ accessKeyId: "LTAI-unknown" }).listProxies())).toMatchObject({ code: "InvalidAccessKeyId.NotFound" });
  });

  it("reports business failures delivered as HTTP 200", async () => {
    expect(await failure(dms().listProxies({ tid: 999999 }))).toMatchObject({ code: "TenantNotExist", httpStatus: 200 });
    expect(await failure(dms().getProxy({ proxyId: 987654321 }))).toMatchObject({ code: "ProxyNotExist" });
    expect(await failure(dms().createProxyAccess({ userId: 987654321, proxyId: fixtures.alibaba.ownerProxyId }))).toMatchObject({ code: "UserNotExist" });
  });
});

describe("DMS resilience against emulator faults", () => {
  it("does not grant twice when the create's answer is lost", async () => {
    const dms = createDmsApi(env.alibaba, FAST_RETRY);
    const proxyId = fixtures.alibaba.proxyIds[1] ?? fixtures.alibaba.ownerProxyId;
    const { users } = await dms.listUsers({ pageSize: 100, userState: "NORMAL" });
    const { items: before } = await dms.listProxyAccesses({ proxyId });
    const user = users.find((u) => !before.some((a) => a.userId === u.userId));
    await env.admin("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "drop", afterEffect: true, count: 1 });
    const created = await dms.createProxyAccess({ userId: user?.userId ?? "", proxyId });
    expect(created.foundAfterRetry).toBe(true);
    const { items: after } = await dms.listProxyAccesses({ proxyId });
    expect(after.filter((a) => a.userId === user?.userId)).toHaveLength(1);
    const { duplicates } = await env.admin<{ duplicates: unknown[] }>("GET", "/state/dms/duplicates");
    expect(duplicates).toEqual([]);
    expect((await env.admin<{ faults: unknown[] }>("GET", "/faults")).faults).toEqual([]);
  });

  it("retries throttling and server errors on reads invisibly", async () => {
    await env.admin("POST", "/faults", [
      { service: "dms", action: "ListProxies", kind: "throttle", count: 1 },
      { service: "dms", action: "ListProxies", kind: "error", status: 503, code: "ServiceUnavailable", count: 1 },
    ]);
    const { items } = await createDmsApi(env.alibaba, FAST_RETRY).listProxies();
    expect(items.length).toBeGreaterThan(0);
    expect((await env.admin<{ faults: unknown[] }>("GET", "/faults")).faults).toEqual([]);
  });
});
