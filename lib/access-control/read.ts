import "server-only";
import { actionError } from "@/lib/actions/action-error";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { can, canAny, resourceKey, type Permission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { cloudAccounts, cloudOperations, taurusProxyStates } from "@/lib/db/schema";
import { resolveCloudAccount } from "@/lib/dal/cloud-accounts";
import { ledgerDeps } from "@/lib/operations/deps";
import { reconcileRows } from "@/lib/operations/reconcile";
import { RULES_KIND, SWITCH_KIND } from "@/lib/operations/taurus-access-control";
import { pacedClientOptions } from "@/lib/pacing/console-pacer";
import { createTaurusClient } from "@/lib/providers/factory";
import type { TaurusApi } from "@/lib/providers/huawei/taurus";
import { sharedRead, taurusSourceResource } from "@/lib/read-cache/console-reads";
import { collectSource, stateOfRow, type StateRow, type VendorErrorInfo } from "./collect";
import { projectConnection, type ProjectRef } from "./connection";
import { projectsOf } from "./sources";
import { exposureOf, type AccessState, type Exposure } from "./state";

/*
 * What the access-control page shows of each proxy, from the stored rows (at once) or from a
 * fresh read of its source (which also stores it). Owners see only proxies of their instances.
 */

export interface ProxyRowDto {
  /** accountId:proxyId */
  key: string;
  accountId: string;
  accountName: string;
  projectId: string;
  region: string;
  instanceId: string;
  instanceName: string;
  instanceStatus: string;
  proxyId: string;
  proxyName: string;
  address: string;
  port: string | null;
  /** Load-balanced (ELB) mode: the security group no longer filters sources, only access control does. */
  loadBalanced: boolean;
  proxyStatus: string;
  state: AccessState | null;
  exposure: Exposure;
  readError: VendorErrorInfo | null;
  firstSeenAt: string;
  seenAt: string;
  changedAt: string | null;
  drift: { at: string; fields: string[]; before: Record<string, unknown>; after: Record<string, unknown> } | null;
  gone: boolean;
  /** A console change of this proxy is at the vendor or its outcome is not known yet. */
  pending: boolean;
  canSwitch: boolean;
  canEditRules: boolean;
}

export function toRowDto(row: StateRow, accountName: string, actor: Actor, pending: ReadonlySet<string>): ProxyRowDto {
  const info = row.proxy as { address?: string; port?: unknown; elbVip?: string; status?: string; readError?: VendorErrorInfo | null };
  const state = stateOfRow(row);
  const resource = resourceKey("taurus-instance", row.instanceId);
  return {
    key: `${row.cloudAccountId}:${row.proxyId}`,
    accountId: row.cloudAccountId,
    accountName,
    projectId: row.projectId,
    region: row.region,
    instanceId: row.instanceId,
    instanceName: row.instanceName,
    instanceStatus: row.instanceStatus,
    proxyId: row.proxyId,
    proxyName: row.proxyName,
    address: info.address ?? "",
    port: info.port === null || info.port === undefined ? null : String(info.port),
    loadBalanced: Boolean(info.elbVip),
    proxyStatus: info.status ?? "",
    state,
    exposure: exposureOf(state),
    readError: info.readError ?? null,
    firstSeenAt: row.firstSeenAt.toISOString(),
    seenAt: row.seenAt.toISOString(),
    changedAt: row.changedAt?.toISOString() ?? null,
    drift: row.drift ?? null,
    gone: Boolean(row.goneAt),
    pending: pending.has(row.proxyId),
    canSwitch: can(actor, "accessControl:switch", resource),
    canEditRules: can(actor, "accessControl:rules", resource),
  };
}

const visible = (actor: Actor) => (row: StateRow) => can(actor, "accessControl:read", resourceKey("taurus-instance", row.instanceId));

/** Proxies with a console change still open (pending, unknown or retrying). */
async function openOperations(accountIds: string[]) {
  if (!accountIds.length) return [];
  const db = await getDb();
  return db
    .select()
    .from(cloudOperations)
    .where(and(inArray(cloudOperations.kind, [SWITCH_KIND, RULES_KIND]), inArray(cloudOperations.status, ["pending", "unknown", "retrying"]), inArray(cloudOperations.cloudAccountId, accountIds)));
}

const proxyOf = (op: { target: string }) => op.target.replace(/^taurus-proxy:/, "");

/** Every stored proxy row the actor may read (the page's first paint; no vendor call). */
export async function storedRows(actor: Actor): Promise<ProxyRowDto[]> {
  if (!canAny(actor, "accessControl:read")) return [];
  const db = await getDb();
  const rows = await db
    .select({ state: taurusProxyStates, accountName: cloudAccounts.name })
    .from(taurusProxyStates)
    .innerJoin(cloudAccounts, eq(cloudAccounts.id, taurusProxyStates.cloudAccountId))
    .where(isNull(taurusProxyStates.goneAt));
  const mine = rows.filter((r) => visible(actor)(r.state));
  const pending = new Set((await openOperations([...new Set(mine.map((r) => r.state.cloudAccountId))])).map(proxyOf));
  return mine.map((r) => toRowDto(r.state, r.accountName, actor, pending));
}

/**
 * The TaurusDB client of one project of a Huawei account, after checking the actor may use the
 * account for `permission` and the project is one its credential reaches (a forged project id
 * never reaches the vendor). Throws ActionError NOT_FOUND.
 */
export async function openSource(actor: Actor, accountId: string, projectId: string, permission: Permission) {
  const { account, connection } = await resolveCloudAccount(actor, accountId, permission, "huawei");
  const db = await getDb();
  const [row] = await db.select().from(cloudAccounts).where(eq(cloudAccounts.id, account.id)).limit(1);
  const project = row ? (await projectsOf(row)).projects.find((p) => p.projectId === projectId) : undefined;
  if (!row || !project) throw actionError("projectNotFound", { code: "NOT_FOUND" });
  return { account, project, client: createTaurusClient(projectConnection(connection, project), pacedClientOptions()) };
}

export interface LiveSourceDto {
  accountId: string;
  projectId: string;
  rows: ProxyRowDto[];
  collectedAt: string;
  /** Console changes of these proxies this read settled against the vendor. */
  reconciled: number;
}

/**
 * Reads the source from the vendor (shared with concurrent and recent reads of it by anyone),
 * stores it, settles its due open changes, and answers the actor's rows of it.
 */
export async function liveSource(actor: Actor, accountId: string, projectId: string): Promise<LiveSourceDto> {
  const { account, project, client } = await openSource(actor, accountId, projectId, "accessControl:read");
  const key = { resource: taurusSourceResource(account.id, project.projectId), credential: account.id, read: "collect" };
  const read = await sharedRead(key, () => collectSource(account.id, project, client));
  const reconciled = await settleOpen(account.id, project, client);
  const stored = reconciled ? await reread(account.id, project) : read.value;
  const open = await openOperations([account.id]);
  const pending = new Set(open.map(proxyOf));
  return {
    accountId: account.id,
    projectId: project.projectId,
    rows: stored.filter((r) => !r.goneAt && visible(actor)(r)).map((r) => toRowDto(r, account.name, actor, pending)),
    collectedAt: new Date(read.fetchedAt).toISOString(),
    reconciled,
  };
}

async function reread(accountId: string, project: ProjectRef): Promise<StateRow[]> {
  const db = await getDb();
  return db.select().from(taurusProxyStates).where(and(eq(taurusProxyStates.cloudAccountId, accountId), eq(taurusProxyStates.projectId, project.projectId)));
}

/** The source's open changes that are due are settled now with this client (the jobs do it for sources nobody opens). */
async function settleOpen(accountId: string, project: ProjectRef, client: TaurusApi): Promise<number> {
  const open = (await openOperations([accountId])).filter((op) => op.params.projectId === project.projectId);
  if (!open.length) return 0;
  const { settled } = await reconcileRows(await ledgerDeps(), open, { client });
  return settled;
}


/** How many proxies the actor may see are open to every source IP, as last stored (the overview's figure). */
export async function exposedCount(actor: Actor): Promise<{ exposed: number; proxies: number; seenAt: string | null } | null> {
  if (!canAny(actor, "accessControl:read")) return null;
  const db = await getDb();
  const rows = await db
    .select({ instanceId: taurusProxyStates.instanceId, exposed: taurusProxyStates.exposed, seenAt: taurusProxyStates.seenAt })
    .from(taurusProxyStates)
    .where(isNull(taurusProxyStates.goneAt));
  const mine = rows.filter((r) => can(actor, "accessControl:read", resourceKey("taurus-instance", r.instanceId)));
  const latest = mine.reduce<Date | null>((a, r) => (!a || r.seenAt > a ? r.seenAt : a), null);
  return { exposed: mine.filter((r) => r.exposed).length, proxies: mine.length, seenAt: latest?.toISOString() ?? null };
}
