import { getEnv } from "@/lib/env";
import { defineQueue, onEngineStart } from "./define";
import { consoleError } from "@/lib/operations/error-text";
import { wordedJobError } from "./errors";

/**
 * Demo mode only: one job that fails on its first attempt and succeeds when retried, so a demo
 * (and the e2e suite) shows the Jobs page's failed state and its Retry button on a real failure.
 */
// A fixed id: restarting a demo does not add another failed job while the first is kept.
const DEMO_JOB_ID = "00000000-0000-4000-8000-00000000de70";

if (getEnv().DEMO_MODE) {
  const failsOnce = defineQueue<Record<string, never>>(
    "demo.fails-once",
    async (_data, ctx) => {
      if (ctx.retryCount === 0) throw wordedJobError("demo.first-attempt", consoleError("demoFirstAttempt"));
    },
    { retryLimit: 0 },
  );
  onEngineStart(async () => {
    const { getEngine } = await import("./engine");
    const { boss } = await getEngine();
    await boss.send(failsOnce.name, {}, { id: DEMO_JOB_ID });
  });
}
