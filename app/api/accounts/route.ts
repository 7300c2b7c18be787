import { listAccountScopes } from "@/lib/accounts/instances";
import { handle, json } from "../respond";

export const dynamic = "force-dynamic";

/** GET: the Tencent and Huawei cloud accounts with the regions or projects each reaches. */
export function GET(request: Request) {
  return handle(request, "dbAccounts:read", null, async (actor) => json({ accounts: await listAccountScopes(actor) }));
}
