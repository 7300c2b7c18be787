import { loadAccessList } from "@/lib/dal/proxy-accesses";
import { proxyQuery } from "@/lib/validation/proxy-accesses";
import { jsonParts } from "./json-parts";
import { handle } from "../respond";

export const dynamic = "force-dynamic";

/** GET ?account&tenant&proxy: the proxy's whole authorization list; owners only for their instances. */
export function GET(request: Request) {
  return handle(request, "proxyAccess:read", proxyQuery, async (actor, q) =>
    jsonParts((await loadAccessList(actor, { accountId: q.account, tenantId: q.tenant, proxyId: q.proxy })).body()),
  );
}
