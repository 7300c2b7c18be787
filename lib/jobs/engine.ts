import type { Db as IDatabase, Job, JobResult, PGliteLike, PgBoss, QueueResult } from "pg-boss";
import { DEAD_LETTER_SUFFIX, listDefinitions, registryState, type JobSender, type QueueDefinition, type SendOptions } from "./define";
import { toSafeJobError } from "./errors";

/**
 * The job engine: pg-boss on the console's own database, in schema `pgboss`. On PGlite it shares
 * the embedded database's one connection (one process per data folder, so one engine); on
 * PostgreSQL it has its own small pool, and every console instance works the same queues, so a
 * stopped instance's jobs are taken by the others once their heartbeat (or else expiry) lapses.
 */

export const JOB_SCHEMA = "pgboss";

export interface EngineConnection {
  /** The embedded database; the engine does not close it. */
  pglite?: PGliteLike;
  /** A PostgreSQL URL; the engine opens and closes its own pool on it. */
  connectionString?: string;
  /** Any pg-boss database adapter, owned by the caller (tests cut one to play an instance that died). */
  adapter?: { db: IDatabase; backend?: "postgres" | "pglite" };
}

export interface EngineSettings {
  /** Backstop poll for retries and delayed jobs; new jobs wake workers at once through NOTIFY. */
  pollingIntervalSeconds?: number;
  /** Maintenance (expiry, retention) and cron; tests turn them off to stay deterministic. */
  supervise?: boolean;
  /**
   * How often an instance looks for jobs whose worker stopped stamping them (and expired ones):
   * with a queue's heartbeatSeconds, it bounds how long a dead instance's job waits for another.
   * pg-boss's default is 60 s; the pass is a few indexed statements, claimed by one instance.
   */
  superviseIntervalSeconds?: number;
  schedule?: boolean;
}

export interface Engine {
  boss: PgBoss;
  /** Worker ids by queue, so tests can wake them instead of waiting out a poll. */
  workers: Map<string, string[]>;
  definitions: QueueDefinition[];
  stop(timeoutMs?: number): Promise<void>;
}

const DEAD_LETTER_RETENTION_SECONDS = 30 * 24 * 3600;
const STOP_TIMEOUT_MS = 5_000;
/** With a 10 s heartbeat: a dead instance's job is retried 7-15 s after its last stamp. */
export const SUPERVISE_INTERVAL_SECONDS = 5;

const globalForEngine = globalThis as unknown as { __consoleJobEngine?: Promise<Engine> };

export function deadLetterName(definition: QueueDefinition): string | undefined {
  return definition.options.deadLetter === false ? undefined : `${definition.name}${DEAD_LETTER_SUFFIX}`;
}

function queueOptions(definition: QueueDefinition) {
  const { retryLimit, retryDelaySeconds, retryBackoff, expireInSeconds, heartbeatSeconds } = definition.options;
  return {
    // Schedules do not retry by default: the next tick is the retry.
    retryLimit: retryLimit ?? (definition.cron ? 0 : 2),
    retryDelay: retryDelaySeconds ?? (retryBackoff ? 1 : 0),
    retryBackoff: retryBackoff ?? false,
    ...(expireInSeconds ? { expireInSeconds } : {}),
    ...(heartbeatSeconds ? { heartbeatSeconds } : {}),
    // Left out, not undefined, for a queue that opts out: pg-boss rejects a deadLetter that is present but not a string.
    ...(deadLetterName(definition) ? { deadLetter: deadLetterName(definition) } : {}),
    notify: true,
  };
}

function differs(have: QueueResult, want: ReturnType<typeof queueOptions>): boolean {
  return (
    have.retryLimit !== want.retryLimit ||
    have.retryDelay !== want.retryDelay ||
    have.retryBackoff !== want.retryBackoff ||
    (want.expireInSeconds !== undefined && have.expireInSeconds !== want.expireInSeconds) ||
    (have.heartbeatSeconds ?? undefined) !== want.heartbeatSeconds ||
    (have.deadLetter ?? undefined) !== want.deadLetter ||
    have.notify !== want.notify
  );
}

/** Creates what is missing and updates what changed; an unchanged restart costs one read. */
async function ensureQueues(boss: PgBoss, definitions: QueueDefinition[]) {
  const existing = new Map((await boss.getQueues()).map((queue) => [queue.name, queue]));
  for (const definition of definitions) {
    const dead = deadLetterName(definition);
    if (dead && !existing.has(dead)) {
      // Nothing works a dead-letter queue: its jobs wait for a person (Jobs page) and then expire.
      await boss.createQueue(dead, { retentionSeconds: DEAD_LETTER_RETENTION_SECONDS, deleteAfterSeconds: DEAD_LETTER_RETENTION_SECONDS });
    }
    const want = queueOptions(definition);
    const have = existing.get(definition.name);
    if (!have) await boss.createQueue(definition.name, want);
    // Null, not absent, takes a heartbeat off a queue whose definition dropped it.
    else if (differs(have, want)) await boss.updateQueue(definition.name, { ...want, heartbeatSeconds: want.heartbeatSeconds ?? null });
  }
}

async function ensureSchedules(boss: PgBoss, definitions: QueueDefinition[]) {
  const scheduled = new Map((await boss.getSchedules()).map((schedule) => [schedule.name, schedule]));
  for (const definition of definitions) {
    if (!definition.cron) continue;
    if (scheduled.get(definition.name)?.cron !== definition.cron) {
      await boss.schedule(definition.name, definition.cron, null, { tz: "UTC" });
    }
    scheduled.delete(definition.name);
  }
  // A schedule no release defines any more would create jobs nobody works.
  const known = new Set(definitions.map((definition) => definition.name));
  for (const name of scheduled.keys()) if (!known.has(name)) await boss.unschedule(name);
}

function worker(definition: QueueDefinition, onSettled: () => void) {
  return async (jobs: Job<object>[]): Promise<JobResult[]> => {
    const results = await Promise.all(
      jobs.map(async (job): Promise<JobResult> => {
        try {
          await definition.handler(job.data ?? {}, { jobId: job.id, queue: definition.name, retryCount: job.retryCount, signal: job.signal });
          return { id: job.id, status: "completed" };
        } catch (error) {
          // Settled per job with our own output: pg-boss would otherwise store the thrown error
          // serialised whole, stack and all.
          return { id: job.id, status: "failed", output: toSafeJobError(error, definition.name) };
        }
      }),
    );
    if (jobs.length) onSettled();
    return results;
  };
}

/**
 * One pg-boss worker per unit of concurrency, each fetching one job at a time. pg-boss sleeps a
 * poll interval after every fetch of a single job; a worker that just found work is woken at once
 * instead, so a backlog drains at handler speed while an idle worker waits for NOTIFY or its poll.
 */
async function workQueue(boss: PgBoss, definition: QueueDefinition, pollingIntervalSeconds: number): Promise<string[]> {
  const ids: string[] = [];
  const concurrency = Math.max(1, definition.options.concurrency ?? 1);
  for (let i = 0; i < concurrency; i++) {
    // Known once work() returns; a job finished before that simply waits out one poll.
    const self: { id?: string } = {};
    const heartbeat = definition.options.heartbeatSeconds;
    const options = {
      batchSize: 1,
      perJobResults: true as const,
      pollingIntervalSeconds,
      // NOTIFY wakes workers for new jobs, not for a dead instance's job put back by the
      // supervisor: queues that promise a quick pickup keep polling at the full rate.
      notifyPollingIntervalSeconds: heartbeat ? pollingIntervalSeconds : Math.max(pollingIntervalSeconds, 5),
      // A third, not pg-boss's half: a dead worker's job goes stale sooner after its last stamp.
      ...(heartbeat ? { heartbeatRefreshSeconds: heartbeat / 3 } : {}),
    };
    self.id = await boss.work<object>(definition.name, options, worker(definition, () => self.id && boss.notifyWorker(self.id)));
    ids.push(self.id);
  }
  return ids;
}

/** Starts pg-boss on `connection` and works every queue in `definitions`. */
export async function createEngine(connection: EngineConnection, definitions: QueueDefinition[], settings: EngineSettings = {}): Promise<Engine> {
  const { PgBoss } = await import("pg-boss");
  const common = {
    schema: JOB_SCHEMA,
    supervise: settings.supervise ?? true,
    // The queue monitor (expiry, lost heartbeats) runs only when both intervals have passed.
    superviseIntervalSeconds: settings.superviseIntervalSeconds ?? SUPERVISE_INTERVAL_SECONDS,
    monitorIntervalSeconds: settings.superviseIntervalSeconds ?? SUPERVISE_INTERVAL_SECONDS,
    schedule: settings.schedule ?? true,
    useListenNotify: true,
    // Nothing else in the console reads OpenTelemetry; skip storing trace context on jobs.
    openTelemetry: { enabled: false },
  };
  let boss: PgBoss;
  if (connection.pglite) {
    const { fromPglite } = await import("pg-boss");
    boss = new PgBoss({ ...common, db: fromPglite(connection.pglite), backend: "pglite" });
  } else if (connection.adapter) {
    boss = new PgBoss({ ...common, db: connection.adapter.db, backend: connection.adapter.backend ?? "postgres" });
  } else if (connection.connectionString) {
    boss = new PgBoss({ ...common, connectionString: connection.connectionString, max: 4, application_name: "console-jobs" });
  } else {
    throw new Error("The job engine needs a PGlite database or a PostgreSQL URL");
  }
  boss.on("error", (error) => console.error("[jobs] engine error:", error instanceof Error ? error.message : error));

  await boss.start();
  const workers = new Map<string, string[]>();
  try {
    await ensureQueues(boss, definitions);
    // Stored even with cron off (tests): what would run is then visible and checkable.
    await ensureSchedules(boss, definitions);
    const pollingIntervalSeconds = settings.pollingIntervalSeconds ?? 2;
    for (const definition of definitions) workers.set(definition.name, await workQueue(boss, definition, pollingIntervalSeconds));
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    boss,
    workers,
    definitions,
    // Graceful: jobs in hand get `timeoutMs` to finish; the rest go back to their queue as a retry.
    stop: (timeoutMs = STOP_TIMEOUT_MS) => (stopping ??= boss.stop({ graceful: true, timeout: timeoutMs, close: Boolean(connection.connectionString) })),
  };
}

export function senderFor(engine: Engine): JobSender {
  const toPgBoss = (options?: SendOptions) => ({
    ...(options?.singletonKey ? { singletonKey: options.singletonKey } : {}),
    ...(options?.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
    ...(options?.retryLimit !== undefined ? { retryLimit: options.retryLimit } : {}),
  });
  return {
    send: (queue, data, options) => engine.boss.send(queue, data, toPgBoss(options)),
    sendMany: async (queue, items, options) => {
      const shared = toPgBoss(options);
      await engine.boss.insert(queue, items.map((data) => ({ data, ...shared })));
    },
  };
}

/** Publishes `engine` to defineQueue's `send`, and returns a function that withdraws it. */
export function installEngine(engine: Engine): () => void {
  const sender = senderFor(engine);
  const get = async () => sender;
  registryState().sender = get;
  return () => {
    if (registryState().sender === get) registryState().sender = undefined;
  };
}

const HARD_EXIT_MS = STOP_TIMEOUT_MS + 3_000;

/**
 * Next.js exits on SIGTERM/SIGINT as soon as its HTTP server has closed, which would cut the
 * queue's stop short and leave jobs in hand "active" until their expiry. Its exit is held until
 * the engine has stopped: jobs in hand finish within the stop timeout, or pg-boss hands them back
 * to the queue at once, where another instance (or the next start) takes them.
 */
function stopOnSignals(engine: Engine) {
  const onSignal = (signal: NodeJS.Signals) => {
    // Our listener replaces Node's default exit; with nobody else to exit (a script), we do.
    const alone = process.listenerCount(signal) === 0;
    const exit = process.exit.bind(process);
    const stopped = engine
      .stop()
      .then(() => console.log("[console] job queue stopped"))
      .catch((error) => console.error("[jobs] stop failed:", error instanceof Error ? error.message : error));
    // A stop that hangs must not keep the process alive.
    const hardExit = new Promise<void>((resolve) => setTimeout(resolve, HARD_EXIT_MS).unref());
    process.exit = ((code?: number) => {
      void Promise.race([stopped, hardExit]).finally(() => exit(code));
    }) as typeof process.exit;
    if (alone) void stopped.finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}

async function openDefault(): Promise<Engine> {
  const [{ getDbHandle }, { getEnv }] = await Promise.all([import("@/lib/db"), import("@/lib/env"), import("./registry")]);
  const handle = await getDbHandle();
  const connection = handle.pglite ? { pglite: handle.pglite } : { connectionString: getEnv().DATABASE_URL };
  const engine = await createEngine(connection, listDefinitions());
  const withdraw = installEngine(engine);
  for (const hook of registryState().startHooks) {
    hook().catch((error) => console.error("[jobs] start hook failed:", error instanceof Error ? error.message : error));
  }
  const stop = engine.stop;
  engine.stop = async (timeoutMs) => {
    withdraw();
    globalForEngine.__consoleJobEngine = undefined;
    await stop(timeoutMs);
  };
  stopOnSignals(engine);
  return engine;
}

/**
 * The process's engine, started on first use: by the server after the database is ready, or
 * earlier by a `send`. A failed start is not cached, so the next caller tries again.
 */
export function startEngine(): Promise<Engine> {
  if (!globalForEngine.__consoleJobEngine) {
    // Until it is up, senders wait on this promise rather than fail.
    registryState().sender ??= async () => senderFor(await startEngine());
    globalForEngine.__consoleJobEngine = openDefault().catch((error) => {
      globalForEngine.__consoleJobEngine = undefined;
      registryState().sender = undefined;
      throw error;
    });
  }
  return globalForEngine.__consoleJobEngine;
}

/** The running engine, for the Jobs page; starts it if nothing has yet. */
export async function getEngine(): Promise<Engine> {
  return startEngine();
}

export async function stopEngine(timeoutMs?: number): Promise<void> {
  const engine = await globalForEngine.__consoleJobEngine?.catch(() => undefined);
  await engine?.stop(timeoutMs);
}
