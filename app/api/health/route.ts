import { ping } from "@/lib/db/client";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

/** For load balancers: 200 when this instance can reach its database. */
export async function GET() {
  try {
    await ping(await getDb());
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
