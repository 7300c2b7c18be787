/**
 * Test support for the contract tests: starts the real local emulator (all services, demo seed,
 * free ports, a temp data dir) and builds connections from the shared demo fixtures. The provider
 * code under test shares nothing with the emulator; only this harness imports it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fixtures from "@/emulator/demo-fixtures.json";
import { startEmulator } from "@/emulator/server";
import { clearIamTokenCache } from "@/lib/providers/huawei/iam";
import { resetRateLimits } from "@/lib/providers/rate-limit";
import type { AlibabaConnection, HuaweiConnection, TencentConnection } from "@/lib/providers/types";

export { fixtures };

export interface ContractEnv {
  urls: { admin: string; dms: string; taurus: string; dds: string; mariadb: string; iam: string };
  alibaba: AlibabaConnection;
  tencent: TencentConnection;
  huaweiAkSk: HuaweiConnection;
  huaweiIam: HuaweiConnection;
  /** Calls the emulator's admin API (faults, state, call log). */
  admin<T = Record<string, unknown>>(method: string, p: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startContractEnv(): Promise<ContractEnv> {
  resetRateLimits();
  clearIamTokenCache();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "provider-contract-"));
  const emu = await startEmulator({ basePort: 0, dataDir, seed: "demo" });
  const { urls } = emu;
  const huaweiBase = {
    vendor: "huawei" as const,
    region: fixtures.huawei.region,
    projectId: fixtures.huawei.projectId,
    endpoints: { taurus: urls.taurus, dds: urls.dds, iam: urls.iam },
  };
  return {
    urls,
    alibaba: {
      vendor: "alibaba",
      regionId: fixtures.alibaba.regionId,
      endpoint: urls.dms,
      credentials: { accessKeyId: fixtures.alibaba.accessKeyId, accessKeySecret: fixtures.alibaba.accessKeySecret },
    },
    tencent: {
      vendor: "tencent",
      region: fixtures.tencent.region,
      endpoint: urls.mariadb,
      credentials: { secretId: fixtures.tencent.secretId, secretKey: fixtures.tencent.secretKey },
    },
    huaweiAkSk: { ...huaweiBase, credentials: { kind: "aksk", ak: fixtures.huawei.ak, sk: fixtures.huawei.sk } },
    huaweiIam: {
      ...huaweiBase,
      credentials: {
        kind: "iam",
        domainName: fixtures.huawei.iam.domainName,
        userName: fixtures.huawei.iam.userName,
        password: fixtures.huawei.iam.password,
      },
    },
    async admin<T>(method: string, p: string, body?: unknown): Promise<T> {
      const res = await fetch(urls.admin + p, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`admin ${method} ${p} -> ${res.status}`);
      return (await res.json()) as T;
    },
    async stop() {
      await emu.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Fast retries for tests; the policy shape is the production one. */
export const FAST_RETRY = { retry: { baseDelayMs: 5, maxDelayMs: 50 } };
