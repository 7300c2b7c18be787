import { getEnv } from "./env";
import { getDbHandle } from "./db";

/** Validates configuration and readies the database; on failure the process ends with the reason. */
export async function startServer(): Promise<void> {
  const started = performance.now();
  try {
    getEnv();
    const handle = await getDbHandle();
    console.log(`[console] database ready (${handle.kind}) in ${Math.round(performance.now() - started)} ms`);
    startJobEngine();
    scheduleJobSweep();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[console] cannot start: ${message}`);
    process.exit(1);
  }
}

/**
 * Started shortly after the database, not awaited: the first requests need only the database, and
 * on PGlite the engine's start would queue on the same single connection (and on CPU) in front
 * of them. A send in the meantime starts it at once and waits for it; a failed start is logged
 * and retried by the next send.
 */
const ENGINE_START_DELAY_MS = 1_500;

function startJobEngine() {
  setTimeout(() => {
    const started = performance.now();
    import("./jobs/engine")
      .then(({ startEngine }) => startEngine())
      .then((engine) => console.log(`[console] job queue ready (${engine.definitions.length} queues) in ${Math.round(performance.now() - started)} ms`))
      .catch((error) => console.error("[console] job queue did not start:", error instanceof Error ? error.message : error));
  }, ENGINE_START_DELAY_MS);
}

const SWEEP_EVERY_MS = 60_000;

/**
 * Background work left by a stopped instance (bulk grants) is picked up, and grants and revokes
 * whose outcome is open are settled against DMS, without waiting for a visitor.
 */
function scheduleJobSweep() {
  let sweeping = false;
  const sweep = async () => {
    // A slow DMS can make one sweep outlast the interval; the next simply skips.
    if (sweeping) return;
    sweeping = true;
    try {
      const { resumeAbandonedBulkJobs } = await import("./dal/bulk-grants");
      const resumed = await resumeAbandonedBulkJobs();
      if (resumed) console.log(`[console] resumed ${resumed} bulk grant job(s) left by a stopped runner`);
    } catch (error) {
      console.error("[console] bulk grant sweep failed:", error instanceof Error ? error.message : error);
    }
    try {
      const [{ reconcileStaleOperations, sweepDeps }, { appendAudit }] = await Promise.all([import("./dal/proxy-accesses-sweep"), import("./audit/log")]);
      const { settled } = await reconcileStaleOperations(sweepDeps((await getDbHandle()).db, appendAudit));
      if (settled) console.log(`[console] settled ${settled} open proxy-access change(s) against DMS`);
    } catch (error) {
      console.error("[console] proxy-access reconcile sweep failed:", error instanceof Error ? error.message : error);
    } finally {
      sweeping = false;
    }
  };
  // The first sweep waits out the 30 s lease a runner of the previous process may still hold.
  setTimeout(sweep, 35_000).unref();
  setInterval(sweep, SWEEP_EVERY_MS).unref();
}
