import { proxyHistory } from "@/lib/access-control/history";
import { proxyQuery } from "@/lib/validation/access-control-query";
import { handle, json } from "../../respond";

export const dynamic = "force-dynamic";

/** GET ?account&project&instance&proxy: the proxy's console changes (ledger) and changes found made outside it (audit). */
export function GET(request: Request) {
  return handle(request, "accessControl:read", proxyQuery, async (actor, q) =>
    json({ items: await proxyHistory(actor, { accountId: q.account, projectId: q.project, instanceId: q.instance, proxyId: q.proxy }) }),
  );
}
