import { openScope } from "@/lib/accounts/instances";
import { readRoles } from "@/lib/accounts/list";
import { rolesQuery } from "@/lib/validation/accounts-query";
import { handle, json } from "../../respond";

export const dynamic = "force-dynamic";

/** GET ?account&vendor=huawei&scope&instance&db: the roles a DDS user may be given in that database. */
export function GET(request: Request) {
  return handle(request, "dbAccounts:read", rolesQuery, async (actor, q) => {
    const scope = await openScope(actor, q.vendor, q.account, q.scope, "dbAccounts:read");
    return json(await readRoles(actor, scope, q.instance, q.db));
  });
}
