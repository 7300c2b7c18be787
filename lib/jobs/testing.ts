import { PGlite } from "@electric-sql/pglite";
import type { JobWithMetadata } from "pg-boss";
import { DEAD_LETTER_SUFFIX, listDefinitions, registryState, type JobSender, type QueueDefinition } from "./define";
import { createEngine, installEngine, senderFor, JOB_SCHEMA, type Engine, type EngineConnection } from "./engine";

/**
 * For vitest: the real engine on a throwaway database, plus ways to wait until the jobs a test
 * sent have settled. Test support, not product code: nothing in the console imports it.
 */

export interface StartTestEngineOptions {
  /** An embedded database to share (e.g. a test's migrated DbHandle.pglite); default a fresh in-memory one. */
  pglite?: PGlite;
  /** Or a PostgreSQL URL. */
  connectionString?: string;
  /** Which queues to work; default every queue defined so far (the modules the test imported). */
  queues?: string[];
}

export interface SettleOptions {
  /** Give up (and throw) after this long. */
  timeoutMs?: number;
}

export interface TestEngine {
  engine: Engine;
  /** Waits until no job of the worked queues is ready, retrying or running; retries are run at once. */
  runUntilIdle(options?: SettleOptions): Promise<void>;
  /** The same for one queue. */
  drain(queue: string, options?: SettleOptions): Promise<void>;
  /** Every job of a queue (dead-letter queues included, `<name>.dead`), oldest first. */
  jobs<T = object>(queue: string): Promise<JobWithMetadata<T>[]>;
  stop(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

async function sql(engine: Engine, text: string, values?: unknown[]) {
  return (await engine.boss.getDb().executeSql(text, values)).rows;
}

/** Pending means a worker still has something to do: retries count even while their delay runs. */
async function pendingCount(engine: Engine, queues: string[]): Promise<number> {
  // Backoff is what the queue options say in production; here it would only make tests slow.
  await sql(engine, `update ${JOB_SCHEMA}.job set start_after = now() where name = any($1) and state = 'retry' and start_after > now()`, [queues]);
  const rows = await sql(
    engine,
    `select count(*)::int as n from ${JOB_SCHEMA}.job
      where name = any($1) and (state = 'active' or (state in ('created', 'retry') and start_after <= now()))`,
    [queues],
  );
  return Number(rows[0]?.n ?? 0);
}

async function settle(engine: Engine, queues: string[], { timeoutMs = DEFAULT_TIMEOUT_MS }: SettleOptions = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await pendingCount(engine, queues)) === 0) return;
    if (Date.now() > deadline) throw new Error(`Jobs of ${queues.join(", ")} did not settle within ${timeoutMs} ms`);
    for (const queue of queues) for (const id of engine.workers.get(queue) ?? []) engine.boss.notifyWorker(id);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Starts the engine for a test and makes it what `queue.send()` uses. Sends made before the
 * returned promise settles wait for it, as they do for the server's engine.
 */
export function startTestEngine(options: StartTestEngineOptions = {}): Promise<TestEngine> {
  const starting = open(options);
  const pending: () => Promise<JobSender> = async () => {
    const { engine } = await starting;
    return senderFor(engine);
  };
  // Installed synchronously so a send racing the start waits instead of starting the server's engine.
  registryState().sender = pending;
  return starting.then(({ testEngine }) => testEngine);
}

async function open(options: StartTestEngineOptions): Promise<{ engine: Engine; testEngine: TestEngine }> {
  const ownPglite = !options.pglite && !options.connectionString ? new PGlite() : undefined;
  const connection: EngineConnection = options.connectionString ? { connectionString: options.connectionString } : { pglite: options.pglite ?? ownPglite };
  const wanted = options.queues ? new Set(options.queues) : undefined;
  const definitions: QueueDefinition[] = listDefinitions().filter((definition) => !wanted || wanted.has(definition.name));
  // Maintenance and cron run on timers tests cannot wait for; tests call what they need directly.
  const engine = await createEngine(connection, definitions, { supervise: false, schedule: false, pollingIntervalSeconds: 0.5 });
  const withdraw = installEngine(engine);
  const worked = definitions.map((definition) => definition.name);
  const testEngine: TestEngine = {
    engine,
    runUntilIdle: (settleOptions) => settle(engine, worked, settleOptions),
    drain: (queue, settleOptions) => settle(engine, [queue], settleOptions),
    jobs: async <T>(queue: string) => engine.boss.findJobs<T>(queue),
    stop: async () => {
      withdraw();
      await engine.stop(1_000);
      await ownPglite?.close();
    },
  };
  return { engine, testEngine };
}

export function deadLetterQueue(queue: string): string {
  return `${queue}${DEAD_LETTER_SUFFIX}`;
}
