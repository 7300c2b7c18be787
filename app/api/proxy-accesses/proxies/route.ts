import { listProxies } from "@/lib/dal/proxy-accesses";
import { tenantQuery } from "@/lib/validation/proxy-accesses";
import { handle, json } from "../../respond";

export const dynamic = "force-dynamic";

/** GET ?account&tenant: the tenant's proxies the actor may read, with instance name, engine and region. */
export function GET(request: Request) {
  return handle(request, "proxyAccess:read", tenantQuery, async (actor, q) => json({ proxies: await listProxies(actor, q.account, q.tenant) }));
}
