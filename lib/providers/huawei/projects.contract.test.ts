import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAST_RETRY, fixtures, startContractEnv, type ContractEnv } from "@/lib/providers/contract-env";
import { clearIamTokenCache } from "@/lib/providers/huawei/iam";
import { createHuaweiProjectsApi } from "@/lib/providers/huawei/projects";

let env: ContractEnv;
beforeAll(async () => {
  env = await startContractEnv();
});
afterAll(() => env.stop());

type Call = { action: string; outcome: string };

describe.each(["aksk", "iam"] as const)("Huawei project listing against the emulator (%s credentials)", (kind) => {
  it("lists the account's two region projects and leaves MOS out", async () => {
    clearIamTokenCache();
    await env.admin("DELETE", "/calls");
    const res = await createHuaweiProjectsApi(kind === "aksk" ? env.huaweiAkSk : env.huaweiIam, FAST_RETRY).listAuthProjects();
    expect(res.projects).toEqual([
      { id: fixtures.huawei.projectId, name: fixtures.huawei.region, region: fixtures.huawei.region, enabled: true },
      { id: fixtures.huawei.secondaryProject.id, name: fixtures.huawei.secondaryProject.region, region: fixtures.huawei.secondaryProject.region, enabled: true },
    ]);
    expect(res.requestId).toMatch(/^[0-9a-f]{32}$/);
    const { calls } = await env.admin<{ calls: Call[] }>("GET", "/calls?service=iam");
    const expected = kind === "iam" ? ["KeystoneCreateUserTokenByPassword", "KeystoneListAuthProjects"] : ["KeystoneListAuthProjects"];
    expect(calls.map((c) => [c.action, c.outcome])).toEqual(expected.map((a) => [a, "OK"]));
  });
});
