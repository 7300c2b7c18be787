import "server-only";
import { actionError } from "@/lib/actions/action-error";
import { ActionError } from "@/lib/actions/result";
import { can, canAll, resourceKey, type Permission, type ResourceKey } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { pacedClientOptions } from "@/lib/pacing/console-pacer";
import { createDmsClient } from "@/lib/providers/factory";
import type { DmsApi } from "@/lib/providers/alibaba/dms";
import { isProviderError } from "@/lib/providers/errors";
import { dmsProxyResource, sharedRead } from "@/lib/read-cache/console-reads";
import { resolveCloudAccount } from "./cloud-accounts";

/*
 * Who may touch which proxy. A proxy belongs to a DMS instance, and owners hold permissions on
 * "dms-instance:<InstanceId>"; the instance is always read from DMS (GetProxy), never taken from
 * the browser. "Not yours" and "does not exist" look the same from outside.
 */

export interface ProxyScope {
  accountId: string;
  tenantId: string;
  proxyId: string;
  instanceId: string;
  resource: ResourceKey;
  dms: DmsApi;
}

const VENDOR_NOT_FOUND = /(NotExist|NotFound)/i;

export function isVendorNotFound(error: unknown): boolean {
  return isProviderError(error) && error.kind === "vendor" && (VENDOR_NOT_FOUND.test(error.code) || error.httpStatus === 404);
}

/** The DMS client of an Alibaba cloud account the actor may use for `permission`. Throws ActionError NOT_FOUND. */
export async function openDms(actor: Actor, accountId: string, permission: Permission) {
  const { account, connection, settings } = await resolveCloudAccount(actor, accountId, permission, "alibaba");
  return { dms: createDmsClient(connection, pacedClientOptions()), account, settings };
}

/**
 * Resolves the proxy and checks the actor holds `permission` on its instance. Throws ActionError
 * NOT_FOUND when the account or proxy does not exist or is not the actor's, and ProviderError when
 * DMS fails otherwise.
 */
export async function resolveProxyScope(
  actor: Actor,
  ref: { accountId: string; tenantId: string; proxyId: string },
  permission: Permission,
): Promise<ProxyScope> {
  const { dms } = await openDms(actor, ref.accountId, permission);
  let instanceId: string | undefined;
  try {
    // A proxy's instance does not change: many views of one list share the answer for a moment.
    const key = { resource: dmsProxyResource(ref.proxyId), credential: ref.accountId, read: `GetProxy:${ref.tenantId}` };
    instanceId = (await sharedRead(key, () => dms.getProxy({ proxyId: ref.proxyId, tid: ref.tenantId }))).value.item.instanceId;
  } catch (error) {
    if (isVendorNotFound(error)) throw actionError("proxyNotFound", { code: "NOT_FOUND" });
    throw error;
  }
  if (!instanceId) throw actionError("proxyNotFound", { code: "NOT_FOUND" });
  const resource = resourceKey("dms-instance", instanceId);
  if (!can(actor, permission, resource)) throw actionError("proxyNotFound", { code: "NOT_FOUND" });
  return { ...ref, instanceId, resource, dms };
}

type Resolved = { scope: ProxyScope } | { error: unknown };
const resolvedByInput = new WeakMap<object, Resolved>();

/**
 * The `resource` hook of the proxy-access actions: looks the proxy's instance up in DMS and keeps
 * the result for the handler (same input object), so DMS is asked once per action. A vendor
 * failure during the lookup must reach the user with its code and request id, so for actors whose
 * permission covers every instance it is handed to the handler instead of reading as "not found".
 */
export function proxyResource(permission: Permission) {
  return async (input: { accountId: string; tenantId: string; proxyId: string }, actor: Actor): Promise<ResourceKey | null> => {
    try {
      const scope = await resolveProxyScope(actor, input, permission);
      resolvedByInput.set(input, { scope });
      return scope.resource;
    } catch (error) {
      if (error instanceof ActionError || !canAll(actor, permission)) return null;
      resolvedByInput.set(input, { error });
      return resourceKey("dms-instance", "unresolved");
    }
  };
}

/** The scope the resource hook resolved for this input; re-resolves if the hook did not run. */
export async function scopeFor(actor: Actor, input: { accountId: string; tenantId: string; proxyId: string }, permission: Permission) {
  const resolved = resolvedByInput.get(input);
  resolvedByInput.delete(input);
  if (!resolved) return resolveProxyScope(actor, input, permission);
  if ("error" in resolved) throw resolved.error;
  return resolved.scope;
}
