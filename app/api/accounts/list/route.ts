import { openScope } from "@/lib/accounts/instances";
import { readAccounts } from "@/lib/accounts/list";
import { instanceQuery } from "@/lib/validation/accounts-query";
import { handle, json } from "../../respond";

export const dynamic = "force-dynamic";

/** GET ?account&vendor&scope&instance: the instance's accounts from the vendor now (shared with concurrent reads). */
export function GET(request: Request) {
  return handle(request, "dbAccounts:read", instanceQuery, async (actor, q) => {
    const scope = await openScope(actor, q.vendor, q.account, q.scope, "dbAccounts:read");
    return json(await readAccounts(actor, scope, q.instance));
  });
}
