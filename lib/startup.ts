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
