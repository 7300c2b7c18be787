import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { APIRequestContext } from "@playwright/test";
import { E2E } from "./env";

/*
 * Where a secret must never be: the console's database (every table, the job queue's too), its
 * server log and the audit log. Each search also looks for a value that must be there (the
 * account's name), so a search that cannot see the data fails instead of passing.
 */

export const SERVER_LOG = ".e2e-data/console/server.log";

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** How many of the database's rows (PostgreSQL) or data files (PGlite, raw bytes incl. the WAL) hold `text`. */
export async function databaseHits(text: string): Promise<number> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) {
    const needle = Buffer.from(text, "utf8");
    return filesUnder(path.dirname(E2E.consoleEnv.DATABASE_URL!)).filter((f) => fs.readFileSync(f).includes(needle)).length;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ s: string; t: string }>(
      "select table_schema as s, table_name as t from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')",
    );
    let hits = 0;
    for (const { s, t } of tables) {
      const q = `select count(*)::int as n from "${s.replace(/"/g, '""')}"."${t.replace(/"/g, '""')}" x where strpos(x::text, $1) > 0`;
      hits += (await client.query<{ n: number }>(q, [text])).rows[0]?.n ?? 0;
    }
    return hits;
  } finally {
    await client.end();
  }
}

export function serverLogHas(text: string): boolean {
  return fs.existsSync(SERVER_LOG) && fs.readFileSync(SERVER_LOG, "utf8").includes(text);
}

/** The whole audit log as the CSV an auditor exports (as the signed-in admin of `request`). */
export async function auditCsv(request: APIRequestContext): Promise<string> {
  const res = await request.get("/api/audit/export?header=raw");
  if (!res.ok()) throw new Error(`audit export answered ${res.status()}`);
  return res.text();
}
