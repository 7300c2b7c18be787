import { z } from "zod";
import { getBulkJob } from "@/lib/dal/bulk-grants";
import { handle, json, notFound } from "../../../respond";

export const dynamic = "force-dynamic";

/** GET: a bulk grant's progress and per-user results (the job itself runs on the job queue). */
export async function GET(request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;
  return handle(request, "proxyAccess:read", null, async (actor) => {
    // A well-formed UUID only: anything else would make the database raise on the uuid column.
    if (!z.uuid().safeParse(jobId).success) return notFound();
    const found = await getBulkJob(actor, jobId);
    if (!found) return notFound();
    return json({ job: found.job });
  });
}
