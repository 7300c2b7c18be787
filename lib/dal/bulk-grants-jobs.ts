import "server-only";
import { eq } from "drizzle-orm";
import { defineQueue, defineSchedule } from "@/lib/jobs/define";
import { bulkGrantJobs } from "@/lib/db/schema";
import { ledgerDeps } from "@/lib/operations/deps";
import { roundActorMayGrant } from "./bulk-grants-actor";
import { completeIfSettled, ITEM_RETRY_LIMIT, runItem, runRound, type ItemData, type RunnerDeps } from "./bulk-grants-runner";

/*
 * The queues of bulk grants. A dead instance's round or item jobs stop being stamped and are
 * retried within seconds by whichever instance supervises next (heartbeatSeconds); the ledger row
 * of an item in flight tells the new runner whether its grant already landed.
 */

/** What lets a live instance take a dead one's job 7-15 s after its last stamp (pg-boss's minimum). */
const HEARTBEAT_SECONDS = 10;

async function runnerDeps(): Promise<RunnerDeps> {
  const deps = await ledgerDeps();
  return {
    ...deps,
    // A round acts in the name of whoever started it: if they were disabled or lost the instance since, it stops.
    mayGrant: (job) => roundActorMayGrant(deps.db, job),
    sendItems: async (items) => {
      for (const item of items) await itemQueue.send(item, { singletonKey: `${item.jobId}:r${item.round}:${item.userId}` });
    },
  };
}

export const roundQueue = defineQueue<{ jobId: string; round: number }>(
  "bulk-grants.round",
  async ({ jobId, round }) => runRound(await runnerDeps(), jobId, round),
  { retryLimit: 8, retryDelaySeconds: 2, retryBackoff: true, expireInSeconds: 120, heartbeatSeconds: HEARTBEAT_SECONDS },
);

const itemQueue = defineQueue<ItemData>(
  "bulk-grants.item",
  async (data, ctx) => runItem(await runnerDeps(), data, ctx),
  // Expiry: longer than one grant with the client's own retries takes, a backstop to the heartbeat.
  { retryLimit: ITEM_RETRY_LIMIT, retryDelaySeconds: 2, retryBackoff: true, expireInSeconds: 60, heartbeatSeconds: HEARTBEAT_SECONDS, concurrency: 4 },
);

/** Queues a round of a job (its first run or a retry); one round job per job and round at a time. */
export async function queueRound(jobId: string, round: number): Promise<void> {
  await roundQueue.send({ jobId, round }, { singletonKey: `${jobId}:r${round}` });
}

/**
 * A job whose last item was settled by reconciliation (not by its own item job) is completed
 * here, and a running job whose round job is gone for good gets it again (its items are keyed,
 * so nothing is granted twice).
 */
defineSchedule("bulk-grants.sweep", "* * * * *", async () => {
  const deps = await runnerDeps();
  const running = await deps.db.select().from(bulkGrantJobs).where(eq(bulkGrantJobs.status, "running"));
  for (const job of running) {
    if (await completeIfSettled(deps, job.id)) continue;
    if (Date.now() - job.updatedAt.getTime() > 10 * 60_000) await queueRound(job.id, job.round);
  }
});
