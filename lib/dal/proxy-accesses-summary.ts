import "server-only";
import type { Actor } from "@/lib/auth/session";
import { toAccessDto } from "./proxy-accesses-parse";
import { resolveProxyScope } from "./proxy-accesses-scope";

export interface ProxySummaryDto {
  proxyId: string;
  /** How many accesses DMS lists on the proxy. */
  accessCount: number;
  /** ISO time of the longest-held access; null when there is none or DMS sent no readable time. */
  oldestGrantedAt: string | null;
}

/**
 * Count and age of one proxy's accesses, for the table a user picks a proxy from. Only the
 * figures travel to the browser, never the (possibly 20,000-row) list itself.
 */
export async function summarizeProxyAccesses(actor: Actor, ref: { accountId: string; tenantId: string; proxyId: string }): Promise<ProxySummaryDto> {
  const scope = await resolveProxyScope(actor, ref, "proxyAccess:read");
  const { items } = await scope.dms.listProxyAccesses({ proxyId: scope.proxyId, tid: scope.tenantId });
  let oldest: string | null = null;
  for (const item of items) {
    const at = toAccessDto(item).grantedAt;
    if (at && (!oldest || at < oldest)) oldest = at;
  }
  return { proxyId: scope.proxyId, accessCount: items.length, oldestGrantedAt: oldest };
}
