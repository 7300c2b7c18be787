import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAST_RETRY, fixtures, startContractEnv, type ContractEnv } from "@/lib/providers/contract-env";
import { ProviderError } from "@/lib/providers/errors";
import { createDdsApi, ddsUserApisAvailable } from "@/lib/providers/huawei/dds";

let env: ContractEnv;
beforeAll(async () => {
  env = await startContractEnv();
});
afterAll(() => env.stop());

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as ProviderError);
const instanceId = () => fixtures.huawei.ownerDdsInstanceId;
const PASSWORD = "Dds-Contract1!";

describe.each(["aksk", "iam"] as const)("DDS against the emulator (%s credentials)", (kind) => {
  const dds = () => createDdsApi(kind === "aksk" ? env.huaweiAkSk : env.huaweiIam, FAST_RETRY);

  it("lists instances, users (JSON string) and roles (JSON string)", async () => {
    const { instances, totalCount } = await dds().listInstances();
    expect(instances).toHaveLength(totalCount);
    expect(instances.map((i) => i.id)).toContain(instanceId());
    const { users } = await dds().listDbUsers({ instanceId: instanceId() });
    expect(users.length).toBeGreaterThan(0);
    expect(users[0]).toMatchObject({ userName: expect.any(String), dbName: expect.any(String) });
    const { roles } = await dds().listRoles({ instanceId: instanceId() });
    expect(roles.some((r) => r.roleName === "readWrite" && r.isBuiltin)).toBe(true);
  });

  it("creates, finds and deletes a database user", async () => {
    const userName = `ct.${kind}-user`;
    const created = await dds().createDbUser({ instanceId: instanceId(), userName, password: PASSWORD, roles: [{ roleDbName: "admin", roleName: "readWrite" }] });
    expect(created).toMatchObject({ userName, dbName: "admin", foundAfterRetry: false });
    const { users } = await dds().listDbUsers({ instanceId: instanceId(), userName, dbName: "admin" });
    expect(users).toHaveLength(1);
    expect(users[0]?.roles).toEqual([{ role: "readWrite", db: "admin" }]);
    expect(await dds().deleteDbUser({ instanceId: instanceId(), userName, dbName: "admin" })).toMatchObject({ alreadyGone: false });
    expect((await dds().listDbUsers({ instanceId: instanceId(), userName })).users).toHaveLength(0);
  });
});

describe("DDS documented errors from the emulator", () => {
  const dds = () => createDdsApi(env.huaweiAkSk, FAST_RETRY);

  it("reports duplicates, weak passwords, missing users, unknown and abnormal instances", async () => {
    await dds().createDbUser({ instanceId: instanceId(), userName: "ct-dup", password: PASSWORD, roles: [] });
    const dup = await failure(dds().createDbUser({ instanceId: instanceId(), userName: "ct-dup", password: PASSWORD, roles: [] }));
    expect(dup).toMatchObject({ vendor: "huawei", service: "dds", code: "DBS.201016", httpStatus: 400 });
    const weak = await failure(dds().createDbUser({ instanceId: instanceId(), userName: "ct-weak", password: "weakpass", roles: [] }));
    expect(weak?.code).toBe("DBS.200052");
    expect(weak?.message).not.toContain("weakpass");
    expect(await failure(dds().deleteDbUser({ instanceId: instanceId(), userName: "ct-nobody", dbName: "admin" }))).toMatchObject({ code: "DBS.201017" });
    expect(await failure(dds().listDbUsers({ instanceId: "0123456789abcdef0123456789abcdefin02" }))).toMatchObject({ code: "DBS.200002" });
    const abnormal = await failure(dds().createDbUser({ instanceId: fixtures.huawei.abnormalDdsInstanceId, userName: "ct-x", password: PASSWORD, roles: [] }));
    expect(abnormal?.code).toBe("DBS.200019");
  });
});

describe("DDS resilience against emulator faults", () => {
  it("finds the user after a lost create answer, and treats a retried delete of it as done", async () => {
    const dds = createDdsApi(env.huaweiAkSk, FAST_RETRY);
    await env.admin("POST", "/faults", { service: "dds", action: "CreateDatabaseUser", kind: "drop", afterEffect: true, count: 1 });
    const created = await dds.createDbUser({ instanceId: instanceId(), userName: "ct-lost", password: PASSWORD, roles: [] });
    expect(created.foundAfterRetry).toBe(true);
    const { users } = await env.admin<{ users: { userName?: string; user?: string }[] }>("GET", `/state/dds/instances/${instanceId()}/users`);
    expect(users.filter((u) => (u.userName ?? u.user) === "ct-lost")).toHaveLength(1);
    await env.admin("POST", "/faults", { service: "dds", action: "DeleteDatabaseUser", kind: "drop", afterEffect: true, count: 1 });
    expect(await dds.deleteDbUser({ instanceId: instanceId(), userName: "ct-lost", dbName: "admin" })).toMatchObject({ alreadyGone: true });
  });
});

describe("DDS password reset against the emulator", () => {
  const dds = () => createDdsApi(env.huaweiAkSk, FAST_RETRY);

  it("resets rwuser by default and an app user in its database, twice harmlessly", async () => {
    expect(await dds().resetPassword({ instanceId: instanceId(), password: "Rwuser-Reset1()" })).toMatchObject({ requestId: expect.any(String) });
    const input = { instanceId: instanceId(), userName: "catalog.ro", dbName: "catalog", password: "Catalog-Ro1$" };
    await dds().resetPassword(input);
    await dds().resetPassword(input);
    const { calls } = await env.admin<{ calls: { outcome: string; method: string }[] }>("GET", "/calls?service=dds&action=ResetPassword");
    expect(calls.map((c) => [c.method, c.outcome])).toEqual([["PUT", "OK"], ["PUT", "OK"], ["PUT", "OK"]]);
  });

  it("retries a reset whose answer was lost", async () => {
    await env.admin("POST", "/faults", { service: "dds", action: "ResetPassword", kind: "drop", afterEffect: true, count: 1 });
    await dds().resetPassword({ instanceId: instanceId(), userName: "catalog-app", dbName: "admin", password: "Catalog-App1?" });
  });

  it("reports a user that does not exist like delete does, and a weak password", async () => {
    expect(await failure(dds().resetPassword({ instanceId: instanceId(), userName: "ct-nobody", dbName: "admin", password: PASSWORD }))).toMatchObject({ code: "DBS.201017", httpStatus: 404 });
    const weak = await failure(dds().resetPassword({ instanceId: instanceId(), password: "weakpass" }));
    expect(weak?.code).toBe("DBS.200052");
    expect(weak?.message).not.toContain("weakpass");
  });

  it("refuses the built-in accounts before sending anything", async () => {
    await env.admin("DELETE", "/calls");
    for (const userName of ["drsFull", "root", "monitor", "backup"]) {
      expect(await failure(dds().resetPassword({ instanceId: instanceId(), userName, password: PASSWORD }))).toMatchObject({ code: "InvalidArgument" });
    }
    expect((await env.admin<{ calls: unknown[] }>("GET", "/calls?service=dds&action=ResetPassword")).calls).toEqual([]);
  });
});

describe("DDS names, states and editions against the emulator (seed 004)", () => {
  const dds = () => createDdsApi(env.huaweiAkSk, FAST_RETRY);
  const states = fixtures.huawei.ddsStateInstances;

  it("accepts the symbols ()$ in a password and refuses _ in user names before sending", async () => {
    expect(await dds().createDbUser({ instanceId: instanceId(), userName: "ct-sym", password: "Ab1(x)$yz", roles: [] })).toMatchObject({ userName: "ct-sym" });
    await env.admin("DELETE", "/calls");
    expect(await failure(dds().createDbUser({ instanceId: instanceId(), userName: "ct_underscore", password: PASSWORD, roles: [] }))).toMatchObject({ code: "InvalidArgument" });
    expect((await env.admin<{ calls: unknown[] }>("GET", "/calls?service=dds&action=CreateDatabaseUser")).calls).toEqual([]);
    // Role names follow the same rule; the vendor (here the emulator) refuses them.
    const role = await failure(dds().createDbUser({ instanceId: instanceId(), userName: "ct-role", password: PASSWORD, roles: [{ roleDbName: "admin", roleName: "etl_writer" }] }));
    expect(role).toMatchObject({ code: "DBS.200001", httpStatus: 400 });
  });

  it("lists the instances that are not ready, with their actions and edition, and tells them apart", async () => {
    const { instances } = await dds().listInstances();
    const byId = new Map(instances.map((i) => [i.id, i]));
    expect(byId.get(states.resizing)).toMatchObject({ status: "normal", actions: ["RESIZE_FLAVOR"] });
    expect(byId.get(states.frozen)).toMatchObject({ status: "frozen" });
    expect(byId.get(fixtures.huawei.enhancedDdsInstanceId)).toMatchObject({ datastoreType: "DDS-Enhanced" });
    expect(instances.filter(ddsUserApisAvailable)).toHaveLength(2);
    expect(byId.get(instanceId()) && ddsUserApisAvailable(byId.get(instanceId())!)).toBe(true);
    const community = await dds().listInstances({ datastoreType: "DDS-Community" });
    expect(community.instances.map((i) => i.id)).not.toContain(fixtures.huawei.enhancedDdsInstanceId);
  });

  it("gets DBS.200019 for db-user calls on instances that are creating, changing class or port, frozen or restarting", async () => {
    for (const id of Object.values(states)) {
      expect(await failure(dds().listDbUsers({ instanceId: id }))).toMatchObject({ code: "DBS.200019", httpStatus: 403 });
    }
    expect(await failure(dds().createDbUser({ instanceId: states.frozen, userName: "ct-frozen", password: PASSWORD, roles: [] }))).toMatchObject({ code: "DBS.200019" });
    expect(await failure(dds().resetPassword({ instanceId: states.restarting, password: PASSWORD }))).toMatchObject({ code: "DBS.200019" });
    expect(await failure(dds().listRoles({ instanceId: states.changingPort }))).toMatchObject({ code: "DBS.200019" });
  });

  it("is refused on the DDS-Enhanced instance", async () => {
    const error = await failure(dds().listDbUsers({ instanceId: fixtures.huawei.enhancedDdsInstanceId }));
    expect(error).toMatchObject({ code: "DBS.200001", httpStatus: 400 });
    expect(error?.vendorMessage).toContain("Community Edition");
  });
});
