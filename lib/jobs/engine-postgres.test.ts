import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineQueue, listDefinitions } from "./define";
import { createEngine, senderFor, type Engine } from "./engine";

// Two engines on one PostgreSQL stand for two console instances: both work the same queues.
const PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const database = `console_jobs_unit_${process.pid}_${Date.now()}`;
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

const workedBy: Record<string, string[]> = { a: [], b: [] };
const shared = defineQueue<{ n: number; by?: string }>(
  "test.shared",
  async (data) => {
    // `by` is added by each engine's copy of the handler below, never sent.
    workedBy[data.by!]!.push(String(data.n));
    await new Promise((resolve) => setTimeout(resolve, 20));
  },
  { concurrency: 2 },
);

const available = await admin(`create database ${database}`);
const engines: Engine[] = [];

beforeAll(async () => {
  if (!available) return;
  const definitions = listDefinitions().filter((entry) => entry.name === shared.name);
  // Each engine gets its own copy of the handler so the test can tell who worked which job.
  for (const by of ["a", "b"] as const) {
    const own = definitions.map((entry) => ({ ...entry, handler: (data: object, ctx: Parameters<typeof entry.handler>[1]) => entry.handler({ ...data, by }, ctx) }));
    engines.push(await createEngine({ connectionString: url }, own, { supervise: false, schedule: false, pollingIntervalSeconds: 0.5 }));
  }
}, 60_000);

afterAll(async () => {
  for (const engine of engines) await engine.stop(1_000);
  if (available) await admin(`drop database if exists ${database} with (force)`);
});

describe.skipIf(!available)("job engine on PostgreSQL", () => {
  it("lets two instances work one queue, each job exactly once", async () => {
    const sender = senderFor(engines[0]!);
    await sender.sendMany(shared.name, Array.from({ length: 40 }, (_, n) => ({ n })));
    const deadline = Date.now() + 20_000;
    while (workedBy.a!.length + workedBy.b!.length < 40 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const all = [...workedBy.a!, ...workedBy.b!].map(Number).sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 40 }, (_, n) => n));
    // Both instances took part: neither waits for the other to be idle.
    expect(workedBy.a!.length).toBeGreaterThan(0);
    expect(workedBy.b!.length).toBeGreaterThan(0);
  });
});
