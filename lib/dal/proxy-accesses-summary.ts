import "server-only";
import type { Actor } from "@/lib/auth/session";
import { readSharedAccessList } from "./proxy-accesses";
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
 * figures travel to the browser, never the (possibly 20,000-row) list itself; the DMS call is the
 * one the list view shares, so opening the proxy right after costs nothing more.
 */
export async function summarizeProxyAccesses(actor: Actor, ref: { accountId: string; tenantId: string; proxyId: string }): Promise<ProxySummaryDto> {
  const scope = await resolveProxyScope(actor, ref, "proxyAccess:read");
  const { count, oldestGrantedAt } = (await readSharedAccessList(scope)).value;
  return { proxyId: scope.proxyId, accessCount: count, oldestGrantedAt };
}
