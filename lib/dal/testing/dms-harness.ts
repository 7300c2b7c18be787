import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { AuditEntryInput } from "@/lib/audit/log";
import { createDb, type DbHandle } from "@/lib/db/client";
import { cloudAccounts } from "@/lib/db/schema";
import { createDmsApi, type DmsApi } from "@/lib/providers/alibaba/dms";
import type { OpsDeps } from "../proxy-accesses-records";
import { FAST_RETRY, fixtures, startContractEnv, type ContractEnv } from "@/lib/providers/contract-env";

/**
 * For data-layer tests of the DMS paths: a scratch in-memory database with one Alibaba cloud
 * account row, the real emulator, a DMS client on it, and the audit entries written. Call at the
 * top of a test file; it registers the hooks that start, reset faults and stop everything.
 */
export interface DmsHarness {
  env: ContractEnv;
  handle: DbHandle;
  dms: DmsApi;
  accountId: string;
  tid: string;
  audits: AuditEntryInput[];
  audit: (entry: AuditEntryInput) => Promise<void>;
  /** The ledger on the scratch database, with the emulator's DMS client for every account. */
  deps(): OpsDeps;
}

export function setupDmsHarness(): DmsHarness {
  const h = { accountId: randomUUID(), tid: String(fixtures.alibaba.tenants[0]!.tid), audits: [] as AuditEntryInput[] } as DmsHarness;
  h.audit = async (entry) => void h.audits.push(entry);
  h.deps = () => ({
    db: h.handle.db,
    dms: h.dms,
    audit: (entry) => h.audit(entry),
    clients: { dms: async () => h.dms, taurus: async () => null, mariadb: async () => null, dds: async () => null },
    auditHasOutcome: async (correlationId) => h.audits.some((a) => a.correlationId === correlationId && a.outcome !== "intent"),
  });
  beforeAll(async () => {
    h.env = await startContractEnv();
    h.handle = createDb("memory://");
    await h.handle.migrate();
    await h.handle.db
      .insert(cloudAccounts)
      .values({ id: h.accountId, vendor: "alibaba", name: "test", region: "cn-hangzhou", settings: {}, secretCiphertext: "x", secretHint: "x" });
    h.dms = createDmsApi(h.env.alibaba, FAST_RETRY);
  }, 60_000);
  afterEach(async () => {
    await h.env.admin("DELETE", "/faults");
  });
  afterAll(async () => {
    await h.handle?.close();
    await h.env?.stop();
  });
  return h;
}
