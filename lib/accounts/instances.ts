import "server-only";
import { eq } from "drizzle-orm";
import { actionError } from "@/lib/actions/action-error";
import { can, canAny, resourceKey, type Permission, type ResourceKey } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { cloudAccounts } from "@/lib/db/schema";
import { resolveCloudAccount } from "@/lib/dal/cloud-accounts";
import type { VendorErrorInfo } from "@/lib/access-control/collect";
import { projectConnection, type ProjectRef } from "@/lib/access-control/connection";
import { projectsOf } from "@/lib/access-control/sources";
import { pacedClientOptions } from "@/lib/pacing/console-pacer";
import { createDdsClient, createMariadbClient } from "@/lib/providers/factory";
import type { DdsApi, DdsInstance } from "@/lib/providers/huawei/dds";
import type { MariadbApi, MariadbInstance } from "@/lib/providers/tencent/mariadb";
import { sharedRead } from "@/lib/read-cache/console-reads";
import { isTencentRegion, tencentRegionConnection, tencentRegionsOf } from "./scope-connection";

/*
 * Where database accounts live: a cloud account (Tencent or Huawei), one of its regions (Tencent)
 * or projects (Huawei), and an instance there. Instances whose state refuses account calls are
 * listed with the reason and cannot be picked; owners see only the instances they own.
 */

export type DbVendor = "tencent" | "huawei";

export interface ScopeOptionDto {
  /** The region (Tencent) or project id (Huawei). */
  id: string;
  region: string;
  projectId: string | null;
  home: boolean;
}

export interface CloudAccountScopesDto {
  accountId: string;
  accountName: string;
  vendor: DbVendor;
  scopes: ScopeOptionDto[];
  /** Why a Huawei account offers only its own project (IAM refused the project list). */
  scopesError: VendorErrorInfo | null;
}

/** Why an instance cannot take account changes now; null when it can. */
export type NotReadyReason =
  | { key: "tencentStatus"; status: number | null; statusText: string }
  | { key: "ddsStatus"; status: string }
  | { key: "ddsAction"; action: string }
  | { key: "ddsEnhanced" };

export interface DbInstanceDto {
  vendor: DbVendor;
  accountId: string;
  scopeId: string;
  region: string;
  projectId: string | null;
  instanceId: string;
  name: string;
  status: string;
  /** Tencent: DbVersion (e.g. "10.1"); DDS: the datastore version. */
  version: string;
  /** DDS: ReplicaSet, Sharding or Single. */
  mode: string | null;
  address: string;
  notReady: NotReadyReason | null;
  /** MaxUserConnections is refused on the 10.1 kernel (providers.md §3.3). */
  maxConnectionsSupported: boolean;
  canManage: boolean;
}

export const instanceResource = (vendor: DbVendor, instanceId: string): ResourceKey =>
  resourceKey(vendor === "tencent" ? "mariadb-instance" : "dds-instance", instanceId);

/** Every Tencent and Huawei account with the regions or projects it reaches. */
export async function listAccountScopes(actor: Actor): Promise<CloudAccountScopesDto[]> {
  if (!canAny(actor, "dbAccounts:read")) return [];
  const db = await getDb();
  const rows = (await db.select().from(cloudAccounts)).filter((r) => r.vendor === "tencent" || r.vendor === "huawei");
  rows.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }));
  const out: CloudAccountScopesDto[] = [];
  for (const row of rows) {
    if (row.vendor === "tencent") {
      const scopes = tencentRegionsOf(row.region).map((region) => ({ id: region, region, projectId: null, home: region === row.region }));
      out.push({ accountId: row.id, accountName: row.name, vendor: "tencent", scopes, scopesError: null });
    } else {
      const { projects, error } = await projectsOf(row);
      const scopes = projects.map((p, n) => ({ id: p.projectId, region: p.region, projectId: p.projectId, home: n === 0 }));
      out.push({ accountId: row.id, accountName: row.name, vendor: "huawei", scopes, scopesError: error });
    }
  }
  return out;
}

export type OpenedScope =
  | { vendor: "tencent"; accountId: string; accountName: string; region: string; scopeId: string; projectId: null; client: MariadbApi }
  | { vendor: "huawei"; accountId: string; accountName: string; region: string; scopeId: string; projectId: string; client: DdsApi };

/**
 * The vendor client of one scope of a cloud account, after checking the actor may use the
 * account for `permission` and the scope is one its credential reaches (a forged region or
 * project never reaches the vendor). Throws ActionError NOT_FOUND.
 */
export async function openScope(actor: Actor, vendor: DbVendor, accountId: string, scopeId: string, permission: Permission, background = false): Promise<OpenedScope> {
  const { account, connection } = await resolveCloudAccount(actor, accountId, permission, vendor);
  const pacing = pacedClientOptions(background ? "background" : undefined);
  if (vendor === "tencent") {
    if (!isTencentRegion(scopeId)) throw actionError("regionNotFound", { code: "NOT_FOUND" });
    return { vendor, accountId: account.id, accountName: account.name, region: scopeId, scopeId, projectId: null, client: createMariadbClient(tencentRegionConnection(connection, scopeId), pacing) };
  }
  const db = await getDb();
  const [row] = await db.select().from(cloudAccounts).where(eq(cloudAccounts.id, account.id)).limit(1);
  const project: ProjectRef | undefined = row ? (await projectsOf(row)).projects.find((p) => p.projectId === scopeId) : undefined;
  if (!project) throw actionError("projectNotFound", { code: "NOT_FOUND" });
  return {
    vendor,
    accountId: account.id,
    accountName: account.name,
    region: project.region,
    scopeId: project.projectId,
    projectId: project.projectId,
    client: createDdsClient(projectConnection(connection, project), pacing),
  };
}

const TENCENT_STATUS_TEXT: Record<number, string> = {
  [-2]: "deleted", [-1]: "isolated", 0: "creating", 1: "in flow", 2: "running", 3: "not initialised", 4: "initialising", 5: "deleting", 6: "restarting", 7: "migrating",
};

function tencentInstance(scope: OpenedScope, i: MariadbInstance, actor: Actor): DbInstanceDto {
  const status = typeof i.status === "number" ? i.status : null;
  const version = i.dbVersion ?? "";
  return {
    vendor: "tencent",
    accountId: scope.accountId,
    scopeId: scope.scopeId,
    region: scope.region,
    projectId: null,
    instanceId: i.instanceId,
    name: i.instanceName ?? "",
    status: status === null ? "" : String(status),
    version,
    mode: null,
    address: i.vip ? `${i.vip}${i.vport ? `:${i.vport}` : ""}` : "",
    notReady: status === 2 ? null : { key: "tencentStatus", status, statusText: i.statusDesc || (status === null ? "" : (TENCENT_STATUS_TEXT[status] ?? String(status))) },
    maxConnectionsSupported: !/^10\.1(\.|$)/.test(version),
    canManage: can(actor, "dbAccounts:manage", instanceResource("tencent", i.instanceId)),
  };
}

/** DDS answers account calls only on a normal Community Edition instance with nothing in progress. */
export function ddsNotReady(i: Pick<DdsInstance, "status" | "datastoreType" | "actions">): NotReadyReason | null {
  if (i.datastoreType && i.datastoreType !== "DDS-Community") return { key: "ddsEnhanced" };
  if ((i.status ?? "") !== "normal") return { key: "ddsStatus", status: i.status ?? "" };
  const action = (i.actions ?? []).find(Boolean);
  return action ? { key: "ddsAction", action } : null;
}

function ddsInstance(scope: OpenedScope, i: DdsInstance, actor: Actor): DbInstanceDto {
  const node = i.groups.flatMap((g) => g.nodes).find((n) => n.privateIp);
  return {
    vendor: "huawei",
    accountId: scope.accountId,
    scopeId: scope.scopeId,
    region: scope.region,
    projectId: scope.projectId,
    instanceId: i.id,
    name: i.name ?? "",
    status: i.status ?? "",
    version: i.datastoreVersion ?? "",
    mode: i.mode ?? null,
    address: node?.privateIp ? `${node.privateIp}${i.port ? `:${i.port}` : ""}` : "",
    notReady: ddsNotReady(i),
    maxConnectionsSupported: true,
    canManage: can(actor, "dbAccounts:manage", instanceResource("huawei", i.id)),
  };
}

async function allTencent(client: MariadbApi): Promise<MariadbInstance[]> {
  const out: MariadbInstance[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await client.describeDBInstances({ offset, limit: 100 });
    out.push(...page.instances);
    if (page.instances.length < 100 || out.length >= page.totalCount) return out;
  }
}

async function allDds(client: DdsApi): Promise<DdsInstance[]> {
  const out: DdsInstance[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await client.listInstances({ offset, limit: 100 });
    out.push(...page.instances);
    if (page.instances.length < 100 || out.length >= page.totalCount) return out;
  }
}

export const instancesResource = (accountId: string, scopeId: string) => `db-instances:${accountId}:${scopeId}`;

/** The scope's instances from the vendor (shared with concurrent and recent reads), the actor's only. */
export async function readInstances(actor: Actor, scope: OpenedScope): Promise<{ instances: DbInstanceDto[]; readAt: string }> {
  const key = { resource: instancesResource(scope.accountId, scope.scopeId), credential: scope.accountId, read: "instances" };
  const read =
    scope.vendor === "tencent"
      ? await sharedRead(key, async () => (await allTencent(scope.client)).map((i) => ({ vendor: "tencent" as const, i })))
      : await sharedRead(key, async () => (await allDds(scope.client)).map((i) => ({ vendor: "huawei" as const, i })));
  const all = (read.value as ({ vendor: "tencent"; i: MariadbInstance } | { vendor: "huawei"; i: DdsInstance })[]).map((x) =>
    x.vendor === "tencent" ? tencentInstance(scope, x.i, actor) : ddsInstance(scope, x.i, actor),
  );
  const mine = all.filter((i) => can(actor, "dbAccounts:read", instanceResource(i.vendor, i.instanceId)));
  mine.sort((a, b) => (a.name || a.instanceId).localeCompare(b.name || b.instanceId));
  return { instances: mine, readAt: new Date(read.fetchedAt).toISOString() };
}

/**
 * One instance of the scope, as the vendor lists it now, that the actor may use for
 * `permission`. Throws ActionError NOT_FOUND for an instance that is not there or not theirs.
 */
export async function findInstance(actor: Actor, scope: OpenedScope, instanceId: string, permission: Permission): Promise<DbInstanceDto> {
  const { instances } = await readInstances(actor, scope);
  const found = instances.find((i) => i.instanceId === instanceId);
  if (!found || !can(actor, permission, instanceResource(found.vendor, found.instanceId))) throw actionError("dbInstanceNotFound", { code: "NOT_FOUND" });
  return found;
}
