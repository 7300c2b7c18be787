import { liveSource } from "@/lib/access-control/read";
import { sourceQuery } from "@/lib/validation/access-control-query";
import { handle, json } from "../../respond";

export const dynamic = "force-dynamic";

/** GET ?account&project: reads the source from TaurusDB now (shared with concurrent reads), stores it, answers its rows. */
export function GET(request: Request) {
  return handle(request, "accessControl:read", sourceQuery, async (actor, q) => json(await liveSource(actor, q.account, q.project)));
}
