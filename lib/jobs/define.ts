/**
 * The job registry: features declare their queues and schedules here, and the engine
 * (lib/jobs/engine.ts) creates and works them. This module imports nothing heavy, so any data
 * module can define a queue or send a job without pulling pg-boss or the database into its import
 * graph; the engine is only loaded when the first job is sent or the server starts it.
 */

export interface JobContext {
  jobId: string;
  queue: string;
  /** Attempts so far, 0 on the first run. */
  retryCount: number;
  signal?: AbortSignal;
}

export interface QueueOptions {
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
  /**
   * For jobs an instance may die in the middle of: the worker stamps the job every third of this,
   * and a job not stamped for this long is failed and retried by whichever instance supervises
   * next, instead of waiting out `expireInSeconds`. pg-boss's minimum is 10.
   */
  heartbeatSeconds?: number;
  /** Local workers in this process; other instances on the same PostgreSQL add their own. */
  concurrency?: number;
  /** Default true: a job that failed after its retries is copied to `<name>.dead`. */
  deadLetter?: boolean;
}

export interface SendOptions {
  singletonKey?: string;
  startAfterSeconds?: number;
  retryLimit?: number;
}

export interface Queue<T> {
  name: string;
  send(data: T, options?: SendOptions): Promise<string | null>;
  sendMany?(items: T[], options?: SendOptions): Promise<void>;
}

export type JobHandler<T> = (data: T, ctx: JobContext) => Promise<void>;

export interface QueueDefinition {
  name: string;
  handler: JobHandler<object>;
  options: QueueOptions;
  /** Set for schedules: the queue's jobs are created by pg-boss's cron. */
  cron?: string;
}

/** What the engine offers to `send`: kept as an interface so this file never imports it. */
export interface JobSender {
  send(queue: string, data: object, options?: SendOptions): Promise<string | null>;
  sendMany(queue: string, items: object[], options?: SendOptions): Promise<void>;
}

export const DEAD_LETTER_SUFFIX = ".dead";

// pg-boss's own rule for queue names, checked here so a bad name fails at import, not at start.
const QUEUE_NAME = /^[\w.\-/]+$/;

interface RegistryState {
  definitions: Map<string, QueueDefinition>;
  startHooks: (() => Promise<void>)[];
  /** Set by the engine (or by lib/jobs/testing.ts); cleared when it stops. */
  sender?: () => Promise<JobSender>;
}

// On globalThis: Next.js may evaluate this module in more than one chunk, and they must share one registry.
const globalForJobs = globalThis as unknown as { __consoleJobs?: RegistryState };

export function registryState(): RegistryState {
  globalForJobs.__consoleJobs ??= { definitions: new Map(), startHooks: [] };
  return globalForJobs.__consoleJobs;
}

/** Every queue and schedule defined so far, in definition order. */
export function listDefinitions(): QueueDefinition[] {
  return [...registryState().definitions.values()];
}

export function getDefinition(name: string): QueueDefinition | undefined {
  return registryState().definitions.get(name);
}

function register(definition: QueueDefinition) {
  if (!QUEUE_NAME.test(definition.name) || definition.name.endsWith(DEAD_LETTER_SUFFIX)) {
    throw new Error(`Invalid job queue name ${JSON.stringify(definition.name)}`);
  }
  const heartbeat = definition.options.heartbeatSeconds;
  // pg-boss would refuse it only when the engine creates the queue, i.e. at server start.
  if (heartbeat !== undefined && !(Number.isInteger(heartbeat) && heartbeat >= 10)) {
    throw new Error(`heartbeatSeconds of ${definition.name} must be an integer of at least 10`);
  }
  // A module evaluated twice (dev reloads, two chunks) re-registers the same name: the newest wins.
  registryState().definitions.set(definition.name, definition);
}

/**
 * The engine is started by the server; anything that sends earlier (a test, a script, a request
 * racing startup) waits for it instead of failing.
 */
async function sender(): Promise<JobSender> {
  const state = registryState();
  if (!state.sender) {
    const { startEngine } = await import("./engine");
    await startEngine();
  }
  const get = registryState().sender;
  if (!get) throw new Error("The job engine did not start");
  return get();
}

/** Declares a queue worked by `handler`; its jobs retry per `options`, then go to `<name>.dead`. */
export function defineQueue<T extends object>(name: string, handler: JobHandler<T>, options: QueueOptions = {}): Queue<T> {
  register({ name, handler: handler as JobHandler<object>, options });
  return {
    name,
    send: async (data, sendOptions) => (await sender()).send(name, data, sendOptions),
    sendMany: async (items, sendOptions) => {
      if (items.length === 0) return;
      await (await sender()).sendMany(name, items, sendOptions);
    },
  };
}

/** Declares a task run on a cron (UTC); one run per tick across every console instance. */
export function defineSchedule(name: string, cron: string, handler: (ctx: JobContext) => Promise<void>, options: QueueOptions = {}): void {
  register({ name, cron, handler: (_data, ctx) => handler(ctx), options });
}

/** Runs once the engine works its queues (e.g. to enqueue a first job); a failure is logged, not fatal. */
export function onEngineStart(hook: () => Promise<void>): void {
  registryState().startHooks.push(hook);
}
