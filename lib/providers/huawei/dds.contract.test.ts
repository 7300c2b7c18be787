import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAST_RETRY, fixtures, startContractEnv, type ContractEnv } from "@/lib/providers/contract-env";
import { ProviderError } from "@/lib/providers/errors";
import { createDdsApi } from "@/lib/providers/huawei/dds";

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
