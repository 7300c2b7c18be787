import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockedUntil, recordFailure, throttleKeys } from "@/lib/auth/throttle";
import { acquireFolderLock, createDb, DataFolderLockedError, type DbHandle } from "./client";
import { auditLog } from "./schema";

const PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const pgDatabase = `console_unit_${process.pid}_${Date.now()}`;

async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query(`create database ${pgDatabase}`);
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const handles: { name: string; handle: DbHandle }[] = [];

beforeAll(async () => {
  const pglite = createDb("memory://");
  await pglite.migrate();
  handles.push({ name: "PGlite", handle: pglite });
  if (await postgresAvailable()) {
    const postgres = createDb(`postgres://postgres@127.0.0.1:5432/${pgDatabase}`);
    await postgres.migrate();
    handles.push({ name: "PostgreSQL", handle: postgres });
  }
}, 60_000);

afterAll(async () => {
  for (const { handle } of handles) await handle.close();
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect().catch(() => undefined);
  await client.query(`drop database if exists ${pgDatabase}`).catch(() => undefined);
  await client.end().catch(() => undefined);
});

describe.each(["PGlite", "PostgreSQL"])("the database on %s", (name) => {
  const db = () => {
    const found = handles.find((h) => h.name === name);
    if (!found) return null;
    return found.handle.db;
  };

  it("refuses to update, delete or truncate audit entries", async (ctx) => {
    const d = db();
    if (!d) return ctx.skip();
    await d.insert(auditLog).values({ action: "test.append", outcome: "success", params: { a: 1 } });
    for (const statement of [sql`update audit_log set action = 'tampered'`, sql`delete from audit_log`, sql`truncate audit_log`]) {
      const error = await d.execute(statement).then(() => null, (e: Error & { cause?: Error }) => e);
      expect(error?.cause?.message ?? error?.message).toMatch(/audit_log is append-only/);
    }
    const rows = await d.select().from(auditLog);
    expect(rows.some((r) => r.action === "test.append")).toBe(true);
    expect(rows.some((r) => r.action === "tampered")).toBe(false);
  });

  it("locks an account after the configured failures and an address after its own limit", async (ctx) => {
    const d = db();
    if (!d) return ctx.skip();
    const policy = { maxFailures: 3, maxFailuresPerIp: 5, lockMinutes: 15 };
    const keys = throttleKeys(`someone-${name}@example.com`, `10.0.0.${name.length}`);
    for (let i = 0; i < 2; i++) await recordFailure(d, keys, policy);
    expect(await lockedUntil(d, keys)).toBeNull();
    await recordFailure(d, keys, policy);
    const until = await lockedUntil(d, keys);
    expect(until).not.toBeNull();
    expect(until!.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);

    // A different account from the same address is locked once the address reaches its limit.
    const other = throttleKeys(`other-${name}@example.com`, `10.0.0.${name.length}`);
    expect(await lockedUntil(d, [other[0]!])).toBeNull();
    await recordFailure(d, other, policy);
    await recordFailure(d, other, policy);
    expect(await lockedUntil(d, [other[1]!])).not.toBeNull();
  });

  it("starts a new count once the window has passed", async (ctx) => {
    const d = db();
    if (!d) return ctx.skip();
    const policy = { maxFailures: 2, maxFailuresPerIp: 100, lockMinutes: 15 };
    const keys = throttleKeys(`window-${name}@example.com`, null);
    await recordFailure(d, keys, policy, new Date(Date.now() - 60 * 60_000));
    await recordFailure(d, keys, policy);
    expect(await lockedUntil(d, keys)).toBeNull();
  });
});

describe("embedded database folder lock", () => {
  it("refuses a second holder while the first process is alive, and takes over a dead one's lock", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "console-lock-"));
    const release = acquireFolderLock(folder);
    fs.writeFileSync(`${folder}.lock`, JSON.stringify({ pid: process.ppid, host: os.hostname() }));
    expect(() => acquireFolderLock(folder)).toThrow(DataFolderLockedError);
    fs.writeFileSync(`${folder}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname() }));
    const again = acquireFolderLock(folder);
    again();
    release();
    expect(fs.existsSync(`${folder}.lock`)).toBe(false);
  });
});
