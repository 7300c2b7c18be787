import { listSources } from "@/lib/access-control/sources";
import { storedRows } from "@/lib/access-control/read";
import { handle, json } from "../respond";

export const dynamic = "force-dynamic";

/** GET: the sources (Huawei account × project) and every stored proxy row the actor may read; no vendor call but IAM's project list. */
export function GET(request: Request) {
  return handle(request, "accessControl:read", null, async (actor) => {
    const [sources, rows] = await Promise.all([listSources(actor), storedRows(actor)]);
    return json({ sources, rows });
  });
}
