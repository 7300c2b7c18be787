import { listDmsUsers } from "@/lib/dal/proxy-accesses";
import { tenantQuery } from "@/lib/validation/proxy-accesses";
import { handle, json } from "../../respond";

export const dynamic = "force-dynamic";

/** GET ?account&tenant: every DMS user of the tenant, for the grant pickers (those who may grant only). */
export function GET(request: Request) {
  return handle(request, "proxyAccess:grant", tenantQuery, async (actor, q) => json({ users: await listDmsUsers(actor, q.account, q.tenant) }));
}
