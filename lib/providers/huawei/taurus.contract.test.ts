import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAST_RETRY, fixtures, startContractEnv, type ContractEnv } from "@/lib/providers/contract-env";
import { ProviderError } from "@/lib/providers/errors";
import { clearIamTokenCache } from "@/lib/providers/huawei/iam";
import { createTaurusApi } from "@/lib/providers/huawei/taurus";
import type { HuaweiConnection } from "@/lib/providers/types";

let env: ContractEnv;
beforeAll(async () => {
  env = await startContractEnv();
});
afterAll(() => env.stop());

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as ProviderError);
const ref = () => ({ instanceId: fixtures.huawei.ownerTaurusInstanceId, proxyId: fixtures.huawei.ownerTaurusProxyId });

describe.each(["aksk", "iam"] as const)("TaurusDB against the emulator (%s credentials)", (kind) => {
  const taurus = () => createTaurusApi(kind === "aksk" ? env.huaweiAkSk : env.huaweiIam, FAST_RETRY);

  it("lists instances (paged) and an instance's proxies", async () => {
    const page = await taurus().listInstances({ limit: 1 });
    expect(page.instances).toHaveLength(1);
    const all = await taurus().listAllInstances();
    expect(all).toHaveLength(page.totalCount);
    expect(all.map((i) => i.id)).toContain(fixtures.huawei.ownerTaurusInstanceId);
    const { proxies } = await taurus().listProxies({ instanceId: fixtures.huawei.ownerTaurusInstanceId });
    expect(proxies.map((p) => p.proxyId)).toContain(fixtures.huawei.ownerTaurusProxyId);
  });

  it("switches access control and replaces the rules", async () => {
    const before = await taurus().getAccessControl(ref());
    await taurus().setAccessControl({ ...ref(), type: "white", ipList: [{ ip: "10.1.0.0/16", description: `${kind} office` }, { ip: "192.168.7.7" }] });
    const after = await taurus().getAccessControl(ref());
    expect(after.type).toBe("white");
    expect(after.ipList.map((e) => e.ip)).toEqual(["10.1.0.0/16", "192.168.7.7"]);
    expect(await taurus().switchAccessControl({ ...ref(), open: false })).toMatchObject({ open: false });
    expect((await taurus().getAccessControl(ref())).enabled).toBe(false);
    expect(await taurus().switchAccessControl({ ...ref(), open: true })).toMatchObject({ open: true });
    expect((await taurus().getAccessControl(ref())).enabled).toBe(true);
    if (before.type) await taurus().setAccessControl({ ...ref(), type: before.type, ipList: before.ipList });
  });

  it("reports an unknown instance and an unknown proxy", async () => {
    const unknownInstance = "0123456789abcdef0123456789abcdefin07";
    expect(await failure(taurus().listProxies({ instanceId: unknownInstance }))).toMatchObject({ code: "DBS.200022", userMessage: "The database instance does not exist." });
    const unknownProxy = { ...ref(), proxyId: "0123456789abcdef0123456789abcdefpo01" };
    expect(await failure(taurus().getAccessControl(unknownProxy))).toMatchObject({ code: "DBS.201028" });
  });
});

describe("Huawei authentication errors from the emulator", () => {
  it("rejects a wrong SK with APIGW.0301 and a request id", async () => {
    const conn: HuaweiConnection = { ...env.huaweiAkSk, credentials: { kind: "aksk", ak: fixtures.huawei.ak, sk: "wrong-sk-value" } };
    const error = await failure(createTaurusApi(conn, FAST_RETRY).listInstances());
    expect(error).toMatchObject({ code: "APIGW.0301", httpStatus: 401, retryable: false });
    expect(error?.requestId).toBeTruthy();
    expect(JSON.stringify(error)).not.toContain("wrong-sk-value");
  });

  it("maps a wrong IAM password to a Keystone-style error", async () => {
    clearIamTokenCache();
    const conn: HuaweiConnection = { ...env.huaweiIam, credentials: { ...fixtures.huawei.iam, kind: "iam", password: "Wrong-Passw0rd!" } };
    const error = await failure(createTaurusApi(conn, FAST_RETRY).listInstances());
    expect(error).toMatchObject({ service: "iam", code: "IAM.401", retryable: false });
    expect(JSON.stringify(error)).not.toContain("Wrong-Passw0rd!");
  });

  it("fetches one IAM token for many calls and recovers when it is revoked", async () => {
    clearIamTokenCache();
    await env.admin("DELETE", "/calls");
    const taurus = createTaurusApi(env.huaweiIam, FAST_RETRY);
    await Promise.all([taurus.listInstances({ limit: 1 }), taurus.listInstances({ limit: 2 }), taurus.listProxies({ instanceId: ref().instanceId })]);
    const tokenCalls = async () => (await env.admin<{ calls: unknown[] }>("GET", "/calls?service=iam")).calls.length;
    expect(await tokenCalls()).toBe(1);
    await env.admin("DELETE", "/state/iam/tokens");
    await taurus.listInstances({ limit: 1 });
    expect(await tokenCalls()).toBe(2);
  });
});
