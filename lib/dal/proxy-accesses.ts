import "server-only";
import { actionError } from "@/lib/actions/action-error";
import type { ActionContext } from "@/lib/actions/safe-action";
import { countCodes, multiItemOutcome } from "@/lib/audit/outcomes";
import { auditWords } from "@/lib/audit/words";
import { can, canAny, resourceKey } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { ledgerDeps } from "@/lib/operations/deps";
import { dmsProxyResource, sharedRead } from "@/lib/read-cache/console-reads";
import type { GrantProxyAccessInput, RevealSecretInput, RevokeProxyAccessesInput } from "@/lib/validation/proxy-accesses";
import { listJobsOfProxy, type BulkJobSummaryDto } from "./bulk-grants";
import { grantProxyAccessOnce, readAccess } from "./proxy-accesses-grant";
import { accessListJsonParts, serializeAccesses } from "./proxy-accesses-json";
import type { ProxyAccessDto } from "./proxy-accesses-parse";
import { reconcileProxyOperations, type UnsettledOperationDto } from "./proxy-accesses-reconcile";
import { grantTarget, type OpsDeps } from "./proxy-accesses-records";
import { revokeProxyAccesses, type RevokeItemResult } from "./proxy-accesses-revoke";
import { isVendorNotFound, openDms, resolveProxyScope, scopeFor, type ProxyScope } from "./proxy-accesses-scope";

export type { ProxyAccessDto } from "./proxy-accesses-parse";

export interface TenantDto {
  tid: string;
  name: string;
  status: string;
}

export interface ProxyDto {
  proxyId: string;
  instanceId: string;
  /** InstanceAlias from ListInstances; empty when DMS does not list the instance. */
  instanceName: string;
  /** Engine, e.g. MySQL (ListInstances InstanceType), else the proxy's protocol. */
  engine: string;
  region: string;
  envType: string;
  protocol: string;
  port: number | null;
  privateHost: string;
  publicHost: string | null;
}

export interface DmsUserDto {
  userId: string;
  uid: string;
  name: string;
  /** NORMAL, DISABLE or DELETE. */
  state: string;
  email: string;
  roles: string[];
}

async function deps(scope: { dms: ProxyScope["dms"] }): Promise<OpsDeps> {
  return { ...(await ledgerDeps()), dms: scope.dms };
}

/** Tenants the account's key belongs to, and the one to open first (the account's, else DMS's active one). */
export async function listTenants(actor: Actor, accountId: string): Promise<{ tenants: TenantDto[]; defaultTenantId: string | null }> {
  const { dms, settings } = await openDms(actor, accountId, "proxyAccess:read");
  const { tenants } = await dms.listUserTenants();
  const list = tenants.map((t) => ({ tid: t.tid, name: t.tenantName ?? "", status: t.status ?? "" }));
  let defaultTenantId = settings.tenantId && list.some((t) => t.tid === settings.tenantId) ? settings.tenantId : null;
  if (!defaultTenantId) defaultTenantId = (await dms.getUserActiveTenant().catch(() => null))?.tenant.tid ?? list[0]?.tid ?? null;
  return { tenants: list, defaultTenantId };
}

/** The tenant's proxies the actor may read (owners: only those on instances they own), with instance names. */
export async function listProxies(actor: Actor, accountId: string, tenantId: string): Promise<ProxyDto[]> {
  const { dms } = await openDms(actor, accountId, "proxyAccess:read");
  const [{ items }, instances] = await Promise.all([
    dms.listProxies({ tid: tenantId }),
    // Names are a nicety: a key without ListInstances rights still sees its proxies.
    dms.listAllInstances({ tid: tenantId }).catch(() => []),
  ]);
  const byId = new Map(instances.map((i) => [i.instanceId, i]));
  return items
    .filter((p) => p.instanceId && can(actor, "proxyAccess:read", resourceKey("dms-instance", p.instanceId)))
    .map((p) => {
      const instance = byId.get(p.instanceId ?? "");
      return {
        proxyId: p.proxyId,
        instanceId: p.instanceId ?? "",
        instanceName: instance?.alias ?? "",
        engine: instance?.instanceType ?? p.protocolType ?? "",
        region: p.regionId ?? instance?.regionId ?? "",
        envType: instance?.envType ?? "",
        protocol: p.protocolType ?? "",
        port: p.protocolPort ?? null,
        privateHost: p.privateHost ?? "",
        publicHost: p.publicEnable ? (p.publicHost ?? null) : null,
      };
    })
    .sort((a, b) => Number(a.proxyId) - Number(b.proxyId));
}

export interface AccessListDto {
  proxyId: string;
  instanceId: string;
  accesses: ProxyAccessDto[];
  /** Changes of this proxy not settled yet (younger than a minute, or unresolved). */
  unsettled: UnsettledOperationDto[];
  /** How many open changes this load settled against DMS. */
  reconciled: number;
  jobs: BulkJobSummaryDto[];
  requestId: string | null;
  fetchedAt: string;
}

/** What the console keeps of one DMS answer for a proxy (see proxy-accesses-json.ts). */
export interface SharedAccessList {
  /** The accesses as the browser receives them: the UTF-8 JSON of ProxyAccessDto[]. */
  accessesJson: Uint8Array;
  count: number;
  oldestGrantedAt: string | null;
  requestId: string | null;
}

/**
 * DMS's list of the proxy's accesses, of an already authorized scope. Concurrent and recent views
 * of one list (the table, the proxies overview) share one DMS call; fetchedAt says how old it is.
 * The list is serialized as DMS's answer is read and kept only in that form.
 */
export async function readSharedAccessList(scope: ProxyScope) {
  const key = { resource: dmsProxyResource(scope.proxyId), credential: scope.accountId, read: `ListProxyAccesses:${scope.tenantId}` };
  return sharedRead(key, async (): Promise<SharedAccessList> => {
    const { value, requestId } = await scope.dms.collectProxyAccesses({ proxyId: scope.proxyId, tid: scope.tenantId }, serializeAccesses);
    return { accessesJson: value.json, count: value.count, oldestGrantedAt: value.oldestGrantedAt, requestId: requestId ?? null };
  });
}

/** An AccessListDto with its accesses still serialized; `body()` is the JSON the route answers with. */
export interface LoadedAccessList {
  meta: Omit<AccessListDto, "accesses">;
  accessesJson: Uint8Array;
  /** The AccessListDto as JSON, in parts (the accesses' bytes are shared, not copied). */
  body(): Uint8Array[];
}

/**
 * The proxy's whole authorization list (DMS has no paging). Loading it also settles the proxy's
 * open changes that are due against it (the reconcile jobs do the same for proxies nobody opens).
 */
export async function loadAccessList(actor: Actor, ref: { accountId: string; tenantId: string; proxyId: string }): Promise<LoadedAccessList> {
  const scope = await resolveProxyScope(actor, ref, "proxyAccess:read");
  const list = await readSharedAccessList(scope);
  const d = await deps(scope);
  const { settled, unsettled } = await reconcileProxyOperations(d, { accountId: scope.accountId, proxyId: scope.proxyId, tenantId: scope.tenantId });
  const jobs = await listJobsOfProxy(d.db, scope.accountId, scope.proxyId);
  // Keys in AccessListDto's order, accesses going between instanceId and unsettled.
  const meta = {
    proxyId: scope.proxyId,
    instanceId: scope.instanceId,
    unsettled,
    reconciled: settled,
    jobs,
    requestId: list.value.requestId,
    fetchedAt: new Date(list.fetchedAt).toISOString(),
  };
  const accessesJson = list.value.accessesJson;
  return { meta, accessesJson, body: () => accessListJsonParts(meta, accessesJson) };
}

/** Every DMS user of the tenant (all ListUsers pages), for the grant pickers. */
export async function listDmsUsers(actor: Actor, accountId: string, tenantId: string): Promise<DmsUserDto[]> {
  if (!canAny(actor, "proxyAccess:grant")) throw actionError("cloudAccountNotFound", { code: "NOT_FOUND" });
  const { dms } = await openDms(actor, accountId, "proxyAccess:grant");
  const users = await dms.listAllUsers({ tid: tenantId });
  return users
    .filter((u) => u.state !== "DELETE")
    .map((u) => ({ userId: u.userId, uid: u.uid ?? "", name: u.nickName ?? "", state: u.state ?? "", email: u.email ?? "", roles: u.roleNames }));
}

async function userName(scope: ProxyScope, userId: string): Promise<string> {
  try {
    const { user } = await scope.dms.getUser({ userId, tid: scope.tenantId });
    if (user.state === "DELETE") throw actionError("userDeletedInDms", { fieldErrors: { userId: ["userDeletedInDmsField"] } });
    return user.nickName || `User ${userId}`;
  } catch (error) {
    if (isVendorNotFound(error)) throw actionError("userNotInTenant", { code: "NOT_FOUND", fieldErrors: { userId: ["userNotInTenantField"] } });
    throw error;
  }
}

/** Grants one user access through one proxy (see grantProxyAccessOnce), audited through the action context. */
export async function grantProxyAccess(actor: Actor, input: GrantProxyAccessInput, ctx: ActionContext) {
  const scope = await scopeFor(actor, input, "proxyAccess:grant");
  const name = await userName(scope, input.userId);
  const target = grantTarget(scope.proxyId, input.userId);
  const result = await grantProxyAccessOnce(
    await deps(scope),
    {
      accountId: scope.accountId,
      tenantId: scope.tenantId,
      proxyId: scope.proxyId,
      instanceId: scope.instanceId,
      userId: input.userId,
      userName: name,
      indepAccount: input.indepAccount,
      indepPassword: input.indepPassword,
      reason: input.reason,
      idempotencyKey: input.idempotencyKey,
      actor: { id: actor.id, email: actor.email, roles: actor.roles },
    },
    { wrapper: { correlationId: ctx.correlationId, afterOutcome: ctx.afterOutcome, recordIntent: () => ctx.recordIntent({ target, params: { instanceId: scope.instanceId, userName: name } }) } },
  );
  ctx.setOutcome({
    target,
    vendorRequestId: result.requestId,
    params: { instanceId: scope.instanceId, userName: name, proxyAccessId: result.proxyAccessId, replayed: result.replayed, foundAfterRetry: result.foundAfterRetry },
    message: result.replayed ? auditWords("replayedSubmission") : undefined,
  });
  const access = await readAccess(await deps(scope), scope.tenantId, result.proxyAccessId);
  return { proxyAccessId: result.proxyAccessId, access, replayed: result.replayed, userName: name };
}

/** Revokes accesses of one proxy; every access is audited on its own. Returns one result per access. */
export async function revokeAccesses(actor: Actor, input: RevokeProxyAccessesInput, ctx: ActionContext): Promise<RevokeItemResult[]> {
  const scope = await scopeFor(actor, input, "proxyAccess:revoke");
  await ctx.recordIntent({ target: `dms-proxy:${scope.proxyId}`, params: { instanceId: scope.instanceId, count: input.proxyAccessIds.length } });
  const results = await revokeProxyAccesses(await deps(scope), {
    accountId: scope.accountId,
    tenantId: scope.tenantId,
    proxyId: scope.proxyId,
    instanceId: scope.instanceId,
    proxyAccessIds: input.proxyAccessIds,
    reason: input.reason,
    idempotencyKey: input.idempotencyKey,
    actor: { id: actor.id, email: actor.email, roles: actor.roles },
    meta: ctx.meta,
  });
  const failed = results.filter((r) => !r.ok);
  ctx.setOutcome({
    ...multiItemOutcome(results.length, failed.length, "revokes"),
    params: { revoked: results.length - failed.length, failed: failed.length, failedCodes: countCodes(failed), users: results.map((r) => r.userName).slice(0, 50) },
  });
  return results;
}

/** The proxy-issued password of one access. Audited by the action; the secret itself goes nowhere but the caller. */
export async function revealSecret(actor: Actor, input: RevealSecretInput, ctx: ActionContext) {
  const scope = await scopeFor(actor, input, "proxyAccess:revealSecret");
  let item;
  try {
    item = (await scope.dms.getProxyAccess({ proxyAccessId: input.proxyAccessId, tid: scope.tenantId })).item;
  } catch (error) {
    if (isVendorNotFound(error)) throw actionError("accessGone", { code: "NOT_FOUND" });
    throw error;
  }
  if (item.proxyId !== scope.proxyId) throw actionError("accessNotOnProxy", { code: "NOT_FOUND" });
  const target = `dms-proxy:${scope.proxyId}/access:${input.proxyAccessId}`;
  await ctx.recordIntent({ target, params: { instanceId: scope.instanceId, userName: item.userName ?? null } });
  const { accessSecret, requestId } = await scope.dms.inspectProxyAccessSecret({ proxyAccessId: input.proxyAccessId, tid: scope.tenantId });
  ctx.setOutcome({ target, vendorRequestId: requestId ?? null, params: { instanceId: scope.instanceId, userName: item.userName ?? null } });
  return { accessSecret, accessId: item.accessId ?? "", userName: item.userName ?? "" };
}
