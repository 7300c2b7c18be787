import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { fromPglite, type Db } from "pg-boss";
import { afterAll, describe, expect, it, vi } from "vitest";
import { defineQueue, listDefinitions, type QueueDefinition } from "./define";
import { createEngine, senderFor, type Engine, type EngineConnection } from "./engine";

/*
 * An instance that dies with a job in hand (SIGKILL, a lost host): its worker stops stamping the
 * job, and another instance (or the restarted one) takes it within seconds, not after the job's
 * expiry. The dead instance is played by an engine whose database adapter is cut: every statement
 * it sends from then on fails, as if its process were gone.
 */

const PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const database = `console_jobs_heartbeat_${process.pid}_${Date.now()}`;
const url = `postgres://postgres@127.0.0.1:5432/${database}`;

async function admin(sql: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query(sql);
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

interface Run {
  by: "dead" | "live";
  retryCount: number;
  at: number;
}
const runs: Run[] = [];
let releaseDead: () => void = () => undefined;

const crashy = defineQueue<{ by?: Run["by"] }>(
  "test.crashy",
  async (data, ctx) => {
    runs.push({ by: data.by!, retryCount: ctx.retryCount, at: Date.now() });
    // The dead instance never finishes: its process is gone.
    if (data.by === "dead") await new Promise<void>((resolve) => (releaseDead = resolve));
  },
  // Expiry far away, so only the heartbeat can explain a quick pickup.
  { heartbeatSeconds: 10, expireInSeconds: 900, retryLimit: 2 },
);

function as(by: Run["by"]): QueueDefinition[] {
  return listDefinitions()
    .filter((entry) => entry.name === crashy.name)
    .map((entry) => ({ ...entry, handler: (data: object, ctx: Parameters<typeof entry.handler>[1]) => entry.handler({ ...data, by }, ctx) }));
}

function cuttable(inner: Db) {
  const state = { cut: false };
  const db: Db = {
    executeSql: (text, values) => (state.cut ? Promise.reject(new Error("instance gone")) : inner.executeSql(text, values)),
  };
  return { db, cut: () => (state.cut = true) };
}

async function waitFor<T>(read: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs the scenario and returns how long after the death the live engine started the job. */
async function pickupAfterDeath(dead: { db: Db; backend: "postgres" | "pglite" }, live: EngineConnection): Promise<{ delayMs: number; engines: Engine[] }> {
  runs.length = 0;
  const link = cuttable(dead.db);
  const engines: Engine[] = [];
  const doomed = await createEngine({ adapter: { db: link.db, backend: dead.backend } }, as("dead"), { supervise: false, schedule: false, pollingIntervalSeconds: 0.5 });
  engines.push(doomed);
  await senderFor(doomed).send(crashy.name, {});
  await waitFor(() => runs.find((r) => r.by === "dead"), 10_000);
  link.cut();
  const diedAt = Date.now();
  engines.push(await createEngine(live, as("live"), { supervise: true, schedule: false, superviseIntervalSeconds: 1, pollingIntervalSeconds: 0.5 }));
  const taken = await waitFor(() => runs.find((r) => r.by === "live"), 25_000);
  expect(taken.retryCount).toBe(1);
  return { delayMs: taken.at - diedAt, engines };
}

async function bury(engines: Engine[]) {
  releaseDead();
  const [doomed, ...rest] = engines;
  // The dead engine cannot reach its database any more; its stop only ends its timers.
  await Promise.race([doomed?.boss.stop({ graceful: false, close: false }).catch(() => undefined), new Promise((r) => setTimeout(r, 2_000))]);
  for (const engine of rest) await engine.stop(1_000);
}

const pgAvailable = await admin(`create database ${database}`);

afterAll(async () => {
  if (pgAvailable) await admin(`drop database if exists ${database} with (force)`);
});

describe("a queue's heartbeat", () => {
  it("is set on the queue when a release adds it and taken off when it drops it", async () => {
    const pglite = new PGlite();
    const [definition] = as("live");
    const settings = { supervise: false, schedule: false } as const;
    try {
      for (const [heartbeatSeconds, stored] of [[undefined, null], [10, 10], [undefined, null]] as const) {
        const engine = await createEngine({ pglite }, [{ ...definition!, options: { ...definition!.options, heartbeatSeconds } }], settings);
        expect((await engine.boss.getQueue(crashy.name))?.heartbeatSeconds ?? null).toBe(stored);
        await engine.stop(1_000);
      }
    } finally {
      await pglite.close();
    }
  }, 30_000);
});

describe("a job whose instance died", () => {
  it("is taken by the restarted instance on the same embedded database within seconds", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const pglite = new PGlite();
    try {
      const { delayMs, engines } = await pickupAfterDeath({ db: fromPglite(pglite), backend: "pglite" }, { pglite });
      // 10 s heartbeat, stamped every 3.3 s, a 1 s supervise pass here (5 s in the console), a 0.5 s poll.
      expect(delayMs).toBeLessThan(13_000);
      await bury(engines);
    } finally {
      quiet.mockRestore();
      await pglite.close();
    }
  }, 60_000);

  it.skipIf(!pgAvailable)("is taken by another instance on the same PostgreSQL within seconds", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const pool = new pg.Pool({ connectionString: url, max: 3 });
    try {
      const inner: Db = { executeSql: (text, values) => pool.query(text, values) };
      const { delayMs, engines } = await pickupAfterDeath({ db: inner, backend: "postgres" }, { connectionString: url });
      expect(delayMs).toBeLessThan(13_000);
      await bury(engines);
    } finally {
      quiet.mockRestore();
      await pool.end();
    }
  }, 60_000);
});
