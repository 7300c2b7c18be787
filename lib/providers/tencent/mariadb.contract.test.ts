import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAST_RETRY, fixtures, startContractEnv, type ContractEnv } from "@/lib/providers/contract-env";
import { ProviderError } from "@/lib/providers/errors";
import { createMariadbApi } from "@/lib/providers/tencent/mariadb";

let env: ContractEnv;
beforeAll(async () => {
  env = await startContractEnv();
});
afterAll(() => env.stop());

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as ProviderError);
const instanceId = () => fixtures.tencent.ownerInstanceId;
const client = (credentials: Partial<ContractEnv["tencent"]["credentials"]> = {}) =>
  createMariadbApi({ ...env.tencent, credentials: { ...env.tencent.credentials, ...credentials } }, FAST_RETRY);
const PASSWORD = "Contract-Pass1!";

describe("MariaDB against the emulator", () => {
  it("lists instances with paging and by id", async () => {
    const page = await client().describeDBInstances({ limit: 1 });
    expect(page.totalCount).toBe(fixtures.tencent.instanceIds.length);
    expect(page.instances).toHaveLength(1);
    expect(page.requestId).toBeTruthy();
    const one = await client().describeDBInstances({ instanceIds: [instanceId()] });
    expect(one.instances.map((i) => i.instanceId)).toEqual([instanceId()]);
  });

  it("creates, describes, resets and deletes an account", async () => {
    const created = await client().createAccount({ instanceId: instanceId(), userName: "ct_user1", host: "10.20.%", password: PASSWORD, readOnly: 1, description: "contract" });
    expect(created).toMatchObject({ userName: "ct_user1", host: "10.20.%", readOnly: 1, foundAfterRetry: false });
    const { accounts } = await client().describeAccounts({ instanceId: instanceId() });
    expect(accounts.find((a) => a.userName === "ct_user1")).toMatchObject({ host: "10.20.%", readOnly: 1, description: "contract" });
    await client().resetAccountPassword({ instanceId: instanceId(), userName: "ct_user1", host: "10.20.%", password: "Other-Pass2@" });
    expect(await client().deleteAccount({ instanceId: instanceId(), userName: "ct_user1", host: "10.20.%" })).toMatchObject({ alreadyGone: false });
    const after = await client().describeAccounts({ instanceId: instanceId() });
    expect(after.accounts.some((a) => a.userName === "ct_user1")).toBe(false);
  });
});

describe("MariaDB documented errors from the emulator", () => {
  it("reports AccountAlreadyExists in plain words", async () => {
    await client().createAccount({ instanceId: instanceId(), userName: "ct_dup", host: "%", password: PASSWORD });
    const error = await failure(client().createAccount({ instanceId: instanceId(), userName: "ct_dup", host: "%", password: PASSWORD }));
    expect(error).toMatchObject({ code: "InvalidParameterValue.AccountAlreadyExists", userMessage: "An account with this name and host already exists on this instance." });
    expect(error?.requestId).toBeTruthy();
  });

  it("rejects a wrong SecretKey and an unknown SecretId", async () => {
    const wrong = await failure(client({ secretKey: "not-the-key" }).describeDBInstances());
    expect(wrong).toMatchObject({ code: "AuthFailure.SignatureFailure", retryable: false });
    expect(JSON.stringify(wrong)).not.toContain("not-the-key");
    expect(await failure(client({ secretId: "AKIDunknown000000000000000000000001" }).describeDBInstances())).toMatchObject({ code: "AuthFailure.SecretIdNotFound" });
  });

  it("rejects bad parameters", async () => {
    const weak = await failure(client().createAccount({ instanceId: instanceId(), userName: "ct_weak", host: "%", password: "short" }));
    expect(weak?.code).toBe("InvalidParameter.GenericParameterError");
    expect(weak?.message).not.toContain("short");
    expect(await failure(client().createAccount({ instanceId: instanceId(), userName: "root", host: "%", password: PASSWORD }))).toMatchObject({
      code: "InvalidParameterValue.SuperUserForbidden",
    });
    expect(await failure(client().deleteAccount({ instanceId: instanceId(), userName: "ct_nobody", host: "%" }))).toMatchObject({
      code: "ResourceNotFound.AccountDoesNotExist",
    });
  });

  it("refuses account changes on an isolated instance", async () => {
    const error = await failure(client().createAccount({ instanceId: fixtures.tencent.isolatedInstanceId, userName: "ct_iso", host: "%", password: PASSWORD }));
    expect(error?.code).toMatch(/^ResourceUnavailable\./);
  });
});

describe("MariaDB resilience against emulator faults", () => {
  it("finds the account after a lost CreateAccount answer instead of creating it twice", async () => {
    await env.admin("POST", "/faults", { service: "mariadb", action: "CreateAccount", kind: "drop", afterEffect: true, count: 1 });
    const res = await client().createAccount({ instanceId: instanceId(), userName: "ct_lost", host: "%", password: PASSWORD });
    expect(res.foundAfterRetry).toBe(true);
    const { accounts } = await env.admin<{ accounts: { userName: string }[] }>("GET", `/state/mariadb/instances/${instanceId()}/accounts`);
    expect(accounts.filter((a) => a.userName === "ct_lost")).toHaveLength(1);
  });

  it("treats a retried delete whose first answer was lost as done", async () => {
    await client().createAccount({ instanceId: instanceId(), userName: "ct_del", host: "%", password: PASSWORD });
    await env.admin("POST", "/faults", { service: "mariadb", action: "DeleteAccount", kind: "timeout", afterEffect: true, count: 1, holdMs: 2000 });
    const res = await createMariadbApi(env.tencent, { ...FAST_RETRY, timeoutMs: 500 }).deleteAccount({ instanceId: instanceId(), userName: "ct_del", host: "%" });
    expect(res.alreadyGone).toBe(true);
  });

  it("stays under the emulator's 20/s limit with 30 concurrent creates", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => client().createAccount({ instanceId: instanceId(), userName: `ct_burst${i}`, host: "%", password: PASSWORD })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const { calls } = await env.admin<{ calls: { outcome: string }[] }>("GET", "/calls?service=mariadb&action=CreateAccount&outcome=RequestLimitExceeded");
    expect(calls).toEqual([]);
    const all = await env.admin<{ calls: { outcome: string }[] }>("GET", "/calls?service=mariadb&action=CreateAccount");
    expect(all.calls.length).toBeGreaterThanOrEqual(30);
  });
});
