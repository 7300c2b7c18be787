import "server-only";
import { eq } from "drizzle-orm";
import type { AuditEntryInput } from "@/lib/audit/log";
import type { DB } from "@/lib/db/client";
import { cloudAccounts } from "@/lib/db/schema";
import type { DmsApi } from "@/lib/providers/alibaba/dms";
import { pacedClientOptions } from "@/lib/pacing/console-pacer";
import { createDmsClient } from "@/lib/providers/factory";
import { connectionOf } from "./cloud-accounts";
import { reconcileProxyOperations, RECONCILE_MIN_AGE_MS } from "./proxy-accesses-reconcile";
import { staleOpenOperations, type OperationRow } from "./proxy-accesses-records";

/*
 * The background half of reconciliation: a grant or revoke whose outcome is open (a crash, a lost
 * answer) is settled within a few minutes even if nobody opens its proxy's page.
 */

export interface SweepDeps {
  db: DB;
  audit: (entry: AuditEntryInput) => Promise<void>;
  /** The DMS client of a stored cloud account; null when the account is gone or not Alibaba. */
  connect: (accountId: string) => Promise<DmsApi | null>;
  now?: () => number;
}

function proxyOf(op: OperationRow): string | null {
  const fromParams = (op.params as { proxyId?: unknown }).proxyId;
  if (typeof fromParams === "string" && fromParams) return fromParams;
  return /^dms-proxy:([^/]+)\//.exec(op.target)?.[1] ?? null;
}

/**
 * Reconciles every proxy that has open operations older than the reconcile threshold, each with
 * the operation's own stored cloud account, audited with no actor. Rows whose account was deleted
 * are skipped (nothing can ask DMS about them any more). When nothing is open this is one query.
 */
export async function reconcileStaleOperations(deps: SweepDeps): Promise<{ settled: number; proxies: number }> {
  const now = deps.now?.() ?? Date.now();
  const stale = await staleOpenOperations(deps.db, new Date(now - RECONCILE_MIN_AGE_MS));
  if (stale.length === 0) return { settled: 0, proxies: 0 };

  const groups = new Map<string, { accountId: string; proxyId: string; tenantId?: string }>();
  for (const op of stale) {
    const proxyId = proxyOf(op);
    if (!op.cloudAccountId || !proxyId) continue;
    const tenantId = (op.params as { tenantId?: string }).tenantId || undefined;
    groups.set(`${op.cloudAccountId}|${proxyId}|${tenantId ?? ""}`, { accountId: op.cloudAccountId, proxyId, tenantId });
  }
  const clients = new Map<string, DmsApi | null>();
  let settled = 0;
  for (const group of groups.values()) {
    try {
      if (!clients.has(group.accountId)) clients.set(group.accountId, await deps.connect(group.accountId));
      const dms = clients.get(group.accountId);
      if (!dms) continue;
      settled += (await reconcileProxyOperations({ db: deps.db, dms, audit: deps.audit, now: deps.now }, group)).settled;
    } catch (error) {
      console.error(`[proxy-accesses] sweep of proxy ${group.proxyId} failed:`, error instanceof Error ? error.message : error);
    }
  }
  return { settled, proxies: groups.size };
}

/** The sweep's connections in the running console: the account as stored now. */
export function sweepDeps(db: DB, audit: SweepDeps["audit"]): SweepDeps {
  return {
    db,
    audit,
    connect: async (accountId) => {
      const [row] = await db.select().from(cloudAccounts).where(eq(cloudAccounts.id, accountId)).limit(1);
      return row && row.vendor === "alibaba" ? createDmsClient(connectionOf(row), pacedClientOptions("background")) : null;
    },
  };
}
