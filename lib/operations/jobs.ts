import "server-only";
import { defineQueue, defineSchedule } from "@/lib/jobs/define";
import { wordedJobError } from "@/lib/jobs/errors";
import { consoleError } from "./error-text";
import { ledgerDeps } from "./deps";
import { findOpenWork, reconcileOperation, RECONCILE_MIN_AGE_MS } from "./reconcile";

/*
 * Reconciliation as jobs: one per operation whose outcome became unknown (sent when it did, due
 * once a vendor still processing the request has surely finished), and a sweep every minute that
 * finds what no job was sent for: leases of dead runners, intents without an outcome entry.
 */

const reconcileQueue = defineQueue<{ operationId: string }>(
  "operations.reconcile",
  async ({ operationId }) => {
    const verdict = await reconcileOperation(await ledgerDeps(), operationId);
    // Thrown so the queue's backoff decides when to look again; "open" is the sweep's to find later.
    if (verdict === "retry") throw wordedJobError("VENDOR_UNREADABLE", consoleError("vendorUnreadable"));
  },
  // First retry after 2.5-5 s (a dead instance's job is not held back long), then backing off to
  // about the same total span as before; the heartbeat hands a dead instance's job on within seconds.
  { retryLimit: 10, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 120, heartbeatSeconds: 10, concurrency: 2 },
);

/** Queues reconciliation of one operation; one job per operation at a time. */
export async function queueReconcile(operationId: string, afterSeconds = Math.ceil(RECONCILE_MIN_AGE_MS / 1000) + 1): Promise<void> {
  await reconcileQueue.send({ operationId }, { singletonKey: operationId, startAfterSeconds: afterSeconds });
}

defineSchedule("operations.reconcile-sweep", "* * * * *", async () => {
  const ids = await findOpenWork(await ledgerDeps());
  for (const id of ids) await reconcileQueue.send({ operationId: id }, { singletonKey: id });
  if (ids.length) console.log(`[operations] sweep queued ${ids.length} open operation(s) for reconciliation`);
});
