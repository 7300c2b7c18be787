import { openScope, readInstances } from "@/lib/accounts/instances";
import { scopeQuery } from "@/lib/validation/accounts-query";
import { handle, json } from "../../respond";

export const dynamic = "force-dynamic";

/** GET ?account&vendor&scope: the scope's database instances from the vendor, the viewer's only, with their readiness. */
export function GET(request: Request) {
  return handle(request, "dbAccounts:read", scopeQuery, async (actor, q) => {
    const scope = await openScope(actor, q.vendor, q.account, q.scope, "dbAccounts:read");
    return json(await readInstances(actor, scope));
  });
}
