import { summarizeProxyAccesses } from "@/lib/dal/proxy-accesses-summary";
import { proxyQuery } from "@/lib/validation/proxy-accesses";
import { handle, json } from "../../respond";

export const dynamic = "force-dynamic";

/** GET ?account&tenant&proxy: how many accesses the proxy has and the oldest one's time. */
export function GET(request: Request) {
  return handle(request, "proxyAccess:read", proxyQuery, async (actor, q) =>
    json(await summarizeProxyAccesses(actor, { accountId: q.account, tenantId: q.tenant, proxyId: q.proxy })),
  );
}
