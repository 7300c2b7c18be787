import { getEnv } from "./env";
import { getDbHandle } from "./db";

/** Validates configuration and readies the database; on failure the process ends with the reason. */
export async function startServer(): Promise<void> {
  const started = performance.now();
  try {
    getEnv();
    const handle = await getDbHandle();
    console.log(`[console] database ready (${handle.kind}) in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[console] cannot start: ${message}`);
    process.exit(1);
  }
}
