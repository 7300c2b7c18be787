import "server-only";
import { eq } from "drizzle-orm";
import { appendAudit } from "@/lib/audit/log";
import { getDb } from "@/lib/db";
import { cloudAccounts } from "@/lib/db/schema";
import { connectionOf } from "@/lib/dal/cloud-accounts";
import { pacedClientOptions } from "@/lib/pacing/console-pacer";
import { createDdsClient, createDmsClient, createMariadbClient, createTaurusClient } from "@/lib/providers/factory";
import { projectConnection, projectOfParams } from "@/lib/access-control/connection";
import { regionOfParams, tencentRegionConnection } from "@/lib/accounts/scope-connection";
import type { LedgerDeps } from "./ledger";

/**
 * The ledger as the running console uses it: its database, the audit log, clients of stored
 * accounts. These clients serve queued work (bulk items, reconciliation), so they pace as
 * background and leave the credential's next slots to a person's form.
 */
export async function ledgerDeps(): Promise<LedgerDeps> {
  const db = await getDb();
  return {
    db,
    audit: appendAudit,
    clients: {
      dms: async (accountId) => {
        const [row] = await db.select().from(cloudAccounts).where(eq(cloudAccounts.id, accountId)).limit(1);
        return row && row.vendor === "alibaba" ? createDmsClient(connectionOf(row), pacedClientOptions("background")) : null;
      },
      taurus: async (accountId, params) => {
        const project = projectOfParams(params);
        const [row] = await db.select().from(cloudAccounts).where(eq(cloudAccounts.id, accountId)).limit(1);
        if (!row || row.vendor !== "huawei" || !project) return null;
        return createTaurusClient(projectConnection(connectionOf(row), project), pacedClientOptions("background"));
      },
      mariadb: async (accountId, params) => {
        const region = regionOfParams(params);
        const [row] = await db.select().from(cloudAccounts).where(eq(cloudAccounts.id, accountId)).limit(1);
        if (!row || row.vendor !== "tencent" || !region) return null;
        return createMariadbClient(tencentRegionConnection(connectionOf(row), region), pacedClientOptions("background"));
      },
      dds: async (accountId, params) => {
        const project = projectOfParams(params);
        const [row] = await db.select().from(cloudAccounts).where(eq(cloudAccounts.id, accountId)).limit(1);
        if (!row || row.vendor !== "huawei" || !project) return null;
        return createDdsClient(projectConnection(connectionOf(row), project), pacedClientOptions("background"));
      },
    },
    onUnknown: async (row) => {
      // Imported late: the queue module imports reconciliation, which imports the ledger.
      const { queueReconcile } = await import("./jobs");
      await queueReconcile(row.id);
    },
  };
}
