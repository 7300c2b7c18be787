import { listTenants } from "@/lib/dal/proxy-accesses";
import { accountQuery } from "@/lib/validation/proxy-accesses";
import { handle, json } from "../../respond";

export const dynamic = "force-dynamic";

/** GET ?account: the DMS tenants of the account's key and the one to open first. */
export function GET(request: Request) {
  return handle(request, "proxyAccess:read", accountQuery, async (actor, q) => json(await listTenants(actor, q.account)));
}
