/**
 * A throwaway PostgreSQL database per bench step, dropped afterwards (also when interrupted).
 * BENCH_PG_URL is an admin URL (default postgres://postgres@127.0.0.1:5432/postgres);
 * BENCH_PG_DB_PREFIX names the databases (default "bench"), so a shared server shows whose they are.
 */
import pg from "pg";
import { onCleanup } from "./util";

async function adminQuery(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.BENCH_PG_URL || "postgres://postgres@127.0.0.1:5432/postgres", connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

export async function withScratchDatabase<T>(label: string, fn: (url: string) => Promise<T>): Promise<T> {
  const prefix = (process.env.BENCH_PG_DB_PREFIX || "bench").replace(/[^a-z0-9_]/gi, "_");
  const name = `${prefix}_${label}_${process.pid}_${Date.now()}`.toLowerCase();
  await adminQuery(`create database ${name}`);
  // WITH (FORCE): a server still connected (a killed child's pool) must not keep it alive.
  const drop = () => adminQuery(`drop database if exists ${name} with (force)`).catch(() => undefined);
  const unregister = onCleanup(drop);
  try {
    const url = new URL(process.env.BENCH_PG_URL || "postgres://postgres@127.0.0.1:5432/postgres");
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    unregister();
    await drop();
  }
}
