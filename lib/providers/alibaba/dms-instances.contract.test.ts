import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDmsApi } from "@/lib/providers/alibaba/dms";
import { FAST_RETRY, fixtures, startContractEnv, type ContractEnv } from "@/lib/providers/contract-env";
import { ProviderError } from "@/lib/providers/errors";

let env: ContractEnv;
beforeAll(async () => {
  env = await startContractEnv();
});
afterAll(() => env.stop());

describe.each(["acs3", "v1"] as const)("DMS ListInstances against the emulator (%s signature)", (signature) => {
  const dms = () => createDmsApi({ ...env.alibaba, signature }, FAST_RETRY);

  it("lists the tenant's instances with alias, engine and region", async () => {
    const tid = fixtures.alibaba.tenants[0]!.tid;
    const page = await dms().listInstances({ tid, pageSize: 100 });
    expect(page.requestId).toBeTruthy();
    expect(page.totalCount).toBe(page.instances.length);
    const owner = page.instances.find((i) => i.instanceId === String(fixtures.alibaba.ownerInstanceId));
    expect(owner).toMatchObject({ alias: expect.any(String), instanceType: "MySQL", regionId: fixtures.alibaba.regionId, state: "NORMAL" });
    expect(owner?.ownerIds.length).toBeGreaterThan(0);
  });

  it("pages through every instance", async () => {
    const tid = fixtures.alibaba.tenants[0]!.tid;
    const first = await dms().listInstances({ tid, pageSize: 2 });
    expect(first.instances).toHaveLength(2);
    const all = await dms().listAllInstances({ tid });
    expect(all).toHaveLength(first.totalCount);
    expect(new Set(all.map((i) => i.instanceId)).size).toBe(all.length);
  });
});

describe("DMS ListInstances input checks", () => {
  it("refuses a page size DMS would reject, before sending anything", async () => {
    const error = await createDmsApi(env.alibaba, FAST_RETRY)
      .listInstances({ pageSize: 500 })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "invalid-argument", code: "InvalidArgument" });
  });
});
