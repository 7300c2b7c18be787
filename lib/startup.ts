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
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[console] cannot start: ${message}`);
    process.exit(1);
  }
}

/**
 * Started, not awaited: requests need only the database, and a send that comes before the engine
 * is up waits for it. A failed start is logged and retried by the next send.
 */
function startJobEngine() {
  const started = performance.now();
  import("./jobs/engine")
    .then(({ startEngine }) => startEngine())
    .then((engine) => console.log(`[console] job queue ready (${engine.definitions.length} queues) in ${Math.round(performance.now() - started)} ms`))
    .catch((error) => console.error("[console] job queue did not start:", error instanceof Error ? error.message : error));
}
