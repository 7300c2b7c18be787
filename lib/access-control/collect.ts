import "server-only";
import { and, eq, gte, inArray, isNull } from "drizzle-orm";
import { appendAudit } from "@/lib/audit/log";
import { auditWords } from "@/lib/audit/words";
import { getDb } from "@/lib/db";
import { cloudOperations, taurusProxyStates, taurusSources } from "@/lib/db/schema";
import { proxyTarget, RULES_KIND, SWITCH_KIND } from "@/lib/operations/taurus-access-control";
import { mapWithConcurrency } from "@/lib/providers/concurrency";
import { isProviderError } from "@/lib/providers/errors";
import type { TaurusApi, TaurusInstance, TaurusProxy } from "@/lib/providers/huawei/taurus";
import { sameRules } from "./rules";
import { changedFields, exposureOf, stateFingerprint, type AccessState, type ChangedField } from "./state";
import type { ProjectRef } from "./connection";

/*
 * Reads one (account, project) in full — every instance, each one's proxies, each proxy's
 * ipgroup — and stores what it saw. Comparing the read with the stored row is how a change made
 * outside the console shows up: a difference that no console change of the proxy explains is
 * drift, kept on the row and audited once with no actor (the compare-and-set on the fingerprint
 * makes "once" hold across instances reading at the same moment).
 */

export type StateRow = typeof taurusProxyStates.$inferSelect;

/** Instances and proxies in flight at once; the pacer still holds each action to its rate. */
const CONCURRENCY = 8;
/** How far back a console change may explain a difference (its answer may have been lost). */
const EXPLAIN_SLACK_MS = 10 * 60_000;

export interface VendorErrorInfo {
  vendor: string;
  code: string;
  httpStatus?: number;
  requestId?: string;
  message: string;
}

export function vendorErrorInfo(error: unknown): VendorErrorInfo {
  if (isProviderError(error)) return { vendor: error.vendor, code: error.code, httpStatus: error.httpStatus, requestId: error.requestId, message: error.message.slice(0, 500) };
  return { vendor: "huawei", code: "UNKNOWN", message: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500) };
}

interface ReadProxy {
  instance: TaurusInstance;
  proxy: TaurusProxy;
  state: AccessState | null;
  readError: VendorErrorInfo | null;
}

async function allProxiesOf(client: TaurusApi, instanceId: string): Promise<TaurusProxy[]> {
  const out: TaurusProxy[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await client.listProxies({ instanceId, offset, limit: 100 });
    out.push(...page.proxies);
    if (page.proxies.length < 100) return out;
  }
}

/** Reads the whole project from the vendor; throws the first failure of the instance or proxy lists. */
export async function readProject(client: TaurusApi): Promise<ReadProxy[]> {
  const instances = await client.listAllInstances();
  const lists = await mapWithConcurrency(instances, (i) => allProxiesOf(client, i.id), { concurrency: CONCURRENCY });
  const pairs: { instance: TaurusInstance; proxy: TaurusProxy }[] = [];
  lists.forEach((r, n) => {
    if (!r.ok) throw r.error;
    for (const proxy of r.value) pairs.push({ instance: instances[n]!, proxy });
  });
  const groups = await mapWithConcurrency(pairs, (p) => client.getAccessControl({ instanceId: p.instance.id, proxyId: p.proxy.proxyId }), { concurrency: CONCURRENCY });
  return pairs.map((p, n) => {
    const g = groups[n]!;
    if (!g.ok) return { ...p, state: null, readError: vendorErrorInfo(g.error) };
    const state: AccessState = { open: g.value.enabled, type: g.value.type ?? "white", ipList: g.value.ipList.map((e) => ({ ip: e.ip, description: e.description ?? "" })) };
    return { ...p, state, readError: null };
  });
}

function proxyInfo(p: TaurusProxy, readError: VendorErrorInfo | null): Record<string, unknown> {
  return {
    address: p.address ?? "",
    port: p.port ?? null,
    eip: p.eip ?? "",
    elbVip: p.elbVip ?? "",
    mode: p.mode ?? "",
    status: p.status ?? "",
    nodeNum: p.nodeNum ?? null,
    readError,
  };
}

export function stateOfRow(row: Pick<StateRow, "open" | "ruleType" | "ipList">): AccessState | null {
  return row.open === null || !row.ruleType ? null : { open: row.open, type: row.ruleType, ipList: row.ipList ?? [] };
}

/** Whether console changes of the proxy (settled or still open) account for every changed field. */
async function consoleExplains(proxyId: string, since: Date, fresh: AccessState, fields: ChangedField[]): Promise<boolean> {
  const db = await getDb();
  const ops = await db
    .select({ kind: cloudOperations.kind, params: cloudOperations.params, status: cloudOperations.status })
    .from(cloudOperations)
    .where(
      and(
        // Any account's change counts: two accounts may reach the same proxy, and its id is unique.
        eq(cloudOperations.target, proxyTarget(proxyId)),
        inArray(cloudOperations.kind, [SWITCH_KIND, RULES_KIND]),
        inArray(cloudOperations.status, ["succeeded", "unknown", "pending", "retrying"]),
        gte(cloudOperations.updatedAt, new Date(since.getTime() - EXPLAIN_SLACK_MS)),
      ),
    );
  const switchExplained = ops.some((o) => o.kind === SWITCH_KIND && o.params.open === fresh.open);
  const rulesExplained = ops.some((o) => o.kind === RULES_KIND && sameRules({ type: o.params.type as AccessState["type"], ipList: (o.params.ipList as AccessState["ipList"]) ?? [] }, fresh));
  return fields.every((f) => (f === "switch" ? switchExplained : rulesExplained));
}

const summaryOf = (s: AccessState) => ({ open: s.open, type: s.type, count: s.ipList.length, ipList: s.ipList.slice(0, 300) });

/** Stores one proxy as read; audits a change the console did not make. Returns the stored row. */
async function storeRead(accountId: string, project: ProjectRef, read: ReadProxy, existing: StateRow | undefined, now: Date): Promise<StateRow> {
  const db = await getDb();
  const base = {
    projectId: project.projectId,
    region: project.region,
    instanceId: read.instance.id,
    instanceName: read.instance.name ?? "",
    instanceStatus: read.instance.status ?? "",
    proxyName: read.proxy.name ?? "",
    proxy: proxyInfo(read.proxy, read.readError),
    seenAt: now,
    goneAt: null,
  };
  const fresh = read.state;
  if (!existing) {
    const values = {
      cloudAccountId: accountId,
      proxyId: read.proxy.proxyId,
      ...base,
      open: fresh?.open ?? null,
      ruleType: fresh?.type ?? null,
      ipList: fresh?.ipList ?? null,
      exposed: exposureOf(fresh) !== null,
      fingerprint: stateFingerprint(fresh),
      firstSeenAt: now,
    };
    const [row] = await db.insert(taurusProxyStates).values(values).onConflictDoNothing().returning();
    if (row) return row;
    const [other] = await db.select().from(taurusProxyStates).where(and(eq(taurusProxyStates.cloudAccountId, accountId), eq(taurusProxyStates.proxyId, read.proxy.proxyId)));
    return other!;
  }
  const before = stateOfRow(existing);
  if (!fresh || !before || stateFingerprint(fresh) === existing.fingerprint) {
    // Unreadable now, or unchanged (or first readable): refresh what the list says, keep the rest.
    const state = fresh && !before ? { open: fresh.open, ruleType: fresh.type, ipList: fresh.ipList, exposed: exposureOf(fresh) !== null, fingerprint: stateFingerprint(fresh) } : {};
    const [row] = await db.update(taurusProxyStates).set({ ...base, ...state }).where(and(eq(taurusProxyStates.cloudAccountId, accountId), eq(taurusProxyStates.proxyId, read.proxy.proxyId))).returning();
    return row ?? existing;
  }
  const fields = changedFields(before, fresh);
  const explained = await consoleExplains(read.proxy.proxyId, existing.seenAt, fresh, fields);
  const drift = explained ? existing.drift : { at: now.toISOString(), fields, before: summaryOf(before), after: summaryOf(fresh) };
  const [row] = await db
    .update(taurusProxyStates)
    .set({ ...base, open: fresh.open, ruleType: fresh.type, ipList: fresh.ipList, exposed: exposureOf(fresh) !== null, fingerprint: stateFingerprint(fresh), changedAt: now, drift: explained ? null : drift })
    .where(and(eq(taurusProxyStates.cloudAccountId, accountId), eq(taurusProxyStates.proxyId, read.proxy.proxyId), eq(taurusProxyStates.fingerprint, existing.fingerprint)))
    .returning();
  if (!row) {
    // Another instance stored this read first (and reported it if it was drift).
    const [other] = await db.select().from(taurusProxyStates).where(and(eq(taurusProxyStates.cloudAccountId, accountId), eq(taurusProxyStates.proxyId, read.proxy.proxyId)));
    return other ?? existing;
  }
  if (!explained) {
    await appendAudit({
      actor: null,
      action: "access-control.drift",
      target: proxyTarget(read.proxy.proxyId),
      outcome: "detected",
      params: { accountId, projectId: project.projectId, instanceId: read.instance.id, proxyName: read.proxy.name ?? "", fields, before: summaryOf(before), after: summaryOf(fresh) },
      message: auditWords("accessControlDrift", { proxy: read.proxy.name || read.proxy.proxyId }),
    }).catch((error) => console.error("[access-control] drift audit failed:", error instanceof Error ? error.message : error));
  }
  return row;
}

/**
 * Reads the project from the vendor and stores it; returns every stored row of the source
 * (proxies the vendor no longer lists are marked gone). A failed read is recorded on the source
 * and thrown.
 */
export async function collectSource(accountId: string, project: ProjectRef, client: TaurusApi): Promise<StateRow[]> {
  const db = await getDb();
  const sourceKey = { cloudAccountId: accountId, projectId: project.projectId };
  let reads: ReadProxy[];
  try {
    reads = await readProject(client);
  } catch (error) {
    const info = vendorErrorInfo(error);
    await db
      .insert(taurusSources)
      .values({ ...sourceKey, region: project.region, error: info, updatedAt: new Date() })
      .onConflictDoUpdate({ target: [taurusSources.cloudAccountId, taurusSources.projectId], set: { error: info, updatedAt: new Date() } });
    throw error;
  }
  const now = new Date();
  const stored = await db.select().from(taurusProxyStates).where(and(eq(taurusProxyStates.cloudAccountId, accountId), eq(taurusProxyStates.projectId, project.projectId)));
  const byId = new Map(stored.map((r) => [r.proxyId, r]));
  const rows: StateRow[] = [];
  for (const read of reads) rows.push(await storeRead(accountId, project, read, byId.get(read.proxy.proxyId), now));
  const seen = new Set(reads.map((r) => r.proxy.proxyId));
  const gone = stored.filter((r) => !seen.has(r.proxyId) && !r.goneAt).map((r) => r.proxyId);
  if (gone.length) {
    await db.update(taurusProxyStates).set({ goneAt: now }).where(and(eq(taurusProxyStates.cloudAccountId, accountId), inArray(taurusProxyStates.proxyId, gone), isNull(taurusProxyStates.goneAt)));
  }
  await db
    .insert(taurusSources)
    .values({ ...sourceKey, region: project.region, collectedAt: now, error: null, updatedAt: now })
    .onConflictDoUpdate({ target: [taurusSources.cloudAccountId, taurusSources.projectId], set: { region: project.region, collectedAt: now, error: null, updatedAt: now } });
  return rows;
}

/**
 * After a console change settled: the proxy's stored state becomes what the vendor says now (read
 * back by the caller), changed now, and any drift shown on it is answered by this change.
 */
export async function storeConsoleChange(accountId: string, proxyId: string, state: AccessState): Promise<StateRow | undefined> {
  const db = await getDb();
  const now = new Date();
  const [row] = await db
    .update(taurusProxyStates)
    .set({ open: state.open, ruleType: state.type, ipList: state.ipList, exposed: exposureOf(state) !== null, fingerprint: stateFingerprint(state), changedAt: now, seenAt: now, drift: null })
    .where(and(eq(taurusProxyStates.cloudAccountId, accountId), eq(taurusProxyStates.proxyId, proxyId)))
    .returning();
  return row;
}
