import { createPublicKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAST_RETRY, fixtures, startContractEnv, type ContractEnv } from "@/lib/providers/contract-env";
import { percentEncode } from "@/lib/providers/crypto-utils";
import { ProviderError } from "@/lib/providers/errors";
import { createMariadbApi } from "@/lib/providers/tencent/mariadb";
import { signTc3 } from "@/lib/providers/tencent/signer";

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

/** A TC3 request built by hand with the console's signer: GET with a form-encoded query, or POST without X-TC-Region. */
async function handSigned(action: string, o: { get?: Array<[string, string]>; post?: Record<string, unknown>; region?: string }) {
  const url = new URL(`${env.urls.mariadb}/`);
  const query = (o.get ?? []).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join("&");
  const contentType = o.get ? "application/x-www-form-urlencoded" : "application/json";
  const body = o.get ? "" : JSON.stringify(o.post ?? {});
  const timestampSeconds = Math.floor(Date.now() / 1000);
  const { authorization } = signTc3({
    method: o.get ? "GET" : "POST", host: url.host, query, contentType, body, timestampSeconds, service: "mariadb",
    secretId: fixtures.tencent.secretId, secretKey: fixtures.tencent.secretKey,
  });
  const headers: Record<string, string> = {
    "Content-Type": contentType, "X-TC-Action": action, "X-TC-Version": "2017-03-12", "X-TC-Timestamp": String(timestampSeconds), Authorization: authorization,
  };
  if (o.region) headers["X-TC-Region"] = o.region;
  const res = await fetch(`${url.href}${query ? `?${query}` : ""}`, { method: o.get ? "GET" : "POST", headers, body: o.get ? undefined : body });
  const json = (await res.json()) as { Response: Record<string, unknown> & { Error?: { Code: string } } };
  return { code: json.Response.Error?.Code ?? "OK", response: json.Response };
}

describe("MariaDB passwords against the emulator: EncryptedPassword, and Password when GetPublicKey is unavailable", () => {
  it("hands out the instance's RSA-2048 key", async () => {
    const { publicKey, requestId } = await client().getPublicKey({ instanceId: instanceId() });
    expect(createPublicKey(publicKey).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(requestId).toBeTruthy();
  });

  it("creates and resets with an EncryptedPassword the emulator decrypts and accepts", async () => {
    const c = client();
    const created = await c.createAccount({ instanceId: instanceId(), userName: "ct_enc", host: "%", password: PASSWORD });
    expect(created).toMatchObject({ userName: "ct_enc", passwordSent: "encrypted", foundAfterRetry: false });
    const { accounts } = await env.admin<{ accounts: { userName: string }[] }>("GET", `/state/mariadb/instances/${instanceId()}/accounts`);
    expect(accounts.map((a) => a.userName)).toContain("ct_enc");
    expect(await c.resetAccountPassword({ instanceId: instanceId(), userName: "ct_enc", host: "%", password: "Other-Pass2@" })).toMatchObject({ passwordSent: "encrypted" });
    // The emulator holds the decrypted password to the usual rules: a weak one is refused after decryption.
    const weak = await failure(c.createAccount({ instanceId: instanceId(), userName: "ct_enc_weak", host: "%", password: "weakpass" }));
    expect(weak?.code).toBe("InvalidParameter.GenericParameterError");
  });

  it.each(["InvalidAction", "UnsupportedOperation", "UnauthorizedOperation.PermissionDenied", "AuthFailure.UnauthorizedOperation"])(
    "falls back to Password when GetPublicKey answers %s",
    async (code) => {
      const id = `no-gpk-${code}`;
      await env.admin("POST", "/faults", { id, service: "mariadb", action: "GetPublicKey", kind: "error", code });
      try {
        const userName = `ct_plain_${code.replaceAll(".", "_").slice(0, 20)}`;
        const c = client();
        expect(await c.createAccount({ instanceId: instanceId(), userName, host: "%", password: PASSWORD })).toMatchObject({ passwordSent: "plain" });
        expect(await c.resetAccountPassword({ instanceId: instanceId(), userName, host: "%", password: "Other-Pass2@" })).toMatchObject({ passwordSent: "plain" });
        const { calls } = await env.admin<{ calls: { outcome: string }[] }>("GET", "/calls?service=mariadb&action=GetPublicKey");
        expect(calls.at(-1)?.outcome).toBe(code);
      } finally {
        await env.admin("DELETE", `/faults/${id}`);
      }
    },
  );

  it("throws a GetPublicKey failure that is not about availability, and retries a transient one", async () => {
    const lost = await failure(client().createAccount({ instanceId: "tdsql-zzzzzzzz", userName: "ct_nokey", host: "%", password: PASSWORD }));
    expect(lost).toMatchObject({ code: "ResourceNotFound.NoInstanceFound", action: "GetPublicKey" });
    await env.admin("POST", "/faults", { service: "mariadb", action: "GetPublicKey", kind: "error", code: "InternalError", count: 1 });
    expect(await client().createAccount({ instanceId: instanceId(), userName: "ct_enc_retry", host: "%", password: PASSWORD })).toMatchObject({ passwordSent: "encrypted" });
  });
});

describe("MariaDB fidelity against the emulator", () => {
  it("answers a hand-built GET signed with the console's TC3 signer (canonical query, empty payload hash)", async () => {
    const list = await handSigned("DescribeDBInstances", { get: [["InstanceIds.0", instanceId()], ["InstanceIds.1", fixtures.tencent.kernel101InstanceId]], region: fixtures.tencent.region });
    expect(list.code).toBe("OK");
    expect((list.response.Instances as { InstanceId: string }[]).map((i) => i.InstanceId).sort()).toEqual([instanceId(), fixtures.tencent.kernel101InstanceId].sort());
    const created = await handSigned("CreateAccount", { get: [["InstanceId", instanceId()], ["UserName", "ct_get"], ["Host", "%"], ["Password", PASSWORD]], region: fixtures.tencent.region });
    expect(created.code).toBe("OK");
    const big = await handSigned("DescribeDBInstances", { get: [["SearchKey", "k".repeat(33 * 1024)]], region: fixtures.tencent.region });
    expect(big.code).toBe("RequestSizeLimitExceeded");
  });

  it("creates an account without X-TC-Region on an instance of another region; the client, which sends its region, does not find it", async () => {
    const other = fixtures.tencent.otherRegion.instanceId;
    const created = await handSigned("CreateAccount", { post: { InstanceId: other, UserName: "ct_noregion", Host: "%", Password: PASSWORD } });
    expect(created.code).toBe("OK");
    expect((await handSigned("DescribeAccounts", { post: { InstanceId: other } })).code).toBe("MissingParameter");
    expect(await failure(client().createAccount({ instanceId: other, userName: "ct_region", host: "%", password: PASSWORD }))).toMatchObject({ code: "ResourceNotFound.NoInstanceFound" });
    const there = createMariadbApi({ ...env.tencent, region: fixtures.tencent.otherRegion.region }, FAST_RETRY);
    const { accounts } = await there.describeAccounts({ instanceId: other });
    expect(accounts.map((a) => a.userName)).toContain("ct_noregion");
  });

  it("accepts a UserName that starts with a digit (seed 003)", async () => {
    expect(await client().createAccount({ instanceId: instanceId(), userName: "1ct-user", host: "%", password: PASSWORD })).toMatchObject({ userName: "1ct-user" });
  });

  it("refuses MaxUserConnections on kernel 10.1 and reports each instance's kernel", async () => {
    const k101 = fixtures.tencent.kernel101InstanceId;
    const { instances } = await client().describeDBInstances({ instanceIds: [k101, instanceId()] });
    const byId = new Map(instances.map((i) => [i.instanceId, i]));
    expect(byId.get(k101)).toMatchObject({ dbVersion: "10.1", dbVersionId: "10.1", tdsqlVersion: "基于MariaDB 10.1内核", status: 2 });
    expect(byId.get(instanceId())).toMatchObject({ dbVersionId: "10.0" });
    const refused = await failure(client().createAccount({ instanceId: k101, userName: "ct_k101", host: "%", password: PASSWORD, maxUserConnections: 50 }));
    expect(refused).toMatchObject({ code: "UnsupportedOperation", retryable: false });
    expect(await client().createAccount({ instanceId: k101, userName: "ct_k101", host: "%", password: PASSWORD })).toMatchObject({ userName: "ct_k101" });
  });

  it("lists instances that are not running and refuses their account calls", async () => {
    const { instances } = await client().describeDBInstances({ instanceIds: [fixtures.tencent.inFlowInstanceId, fixtures.tencent.restartingInstanceId] });
    expect(instances.map((i) => i.status).sort()).toEqual([1, 6]);
    expect(await failure(client().describeAccounts({ instanceId: fixtures.tencent.restartingInstanceId }))).toMatchObject({ code: "ResourceUnavailable.InstanceStatusAbnormal" });
  });
});
