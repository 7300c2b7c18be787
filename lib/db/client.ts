import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema";

/** One type for both drivers: the code above this layer never knows which one it runs on. */
export type DB = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: DB;
  kind: "postgres" | "pglite";
  /** The embedded database itself, for the job queue, which shares its one connection. */
  pglite?: PGlite;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = path.join(process.cwd(), "drizzle");

export class DataFolderLockedError extends Error {
  constructor(folder: string, holder: string) {
    super(
      `The embedded database folder ${folder} is already open in another process (${holder}). ` +
        "Only one process may use a PGlite folder: stop the other one, or point DATABASE_URL at PostgreSQL to run several.",
    );
    this.name = "DataFolderLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Moves a dead holder's lock aside. Renaming is atomic, so of two processes breaking the same
 * stale lock only one succeeds; if what was moved turns out to be a fresh lock another process
 * wrote in between, it is put back.
 */
function breakStaleLock(lockPath: string, staleContent: string) {
  const aside = `${lockPath}.stale-${process.pid}-${Date.now()}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  let moved = "";
  try {
    moved = JSON.stringify(JSON.parse(fs.readFileSync(aside, "utf8")));
  } catch {
    // unreadable: it was the stale one
  }
  if (moved && moved !== staleContent) {
    fs.renameSync(aside, lockPath);
    return;
  }
  fs.rmSync(aside, { force: true });
}

/**
 * PGlite has no cross-process lock and two writers corrupt the folder, so a lock file holds the
 * owner's pid. A lock left by a dead process (a kill -9) is taken over.
 */
export function acquireFolderLock(folder: string): () => void {
  // Beside the folder, not inside it: the folder belongs to Postgres.
  const lockPath = `${folder}.lock`;
  const me = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, me, { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = fs.readFileSync(lockPath, "utf8");
          if (current === me) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder: { pid?: number; host?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, "utf8"));
      } catch {
        // unreadable lock: treat as stale
      }
      const sameHost = !holder.host || holder.host === os.hostname();
      if (holder.pid && holder.pid !== process.pid && sameHost && isAlive(holder.pid)) {
        throw new DataFolderLockedError(folder, `pid ${holder.pid}`);
      }
      if (!sameHost) throw new DataFolderLockedError(folder, `host ${holder.host}`);
      breakStaleLock(lockPath, JSON.stringify(holder));
    }
  }
  throw new DataFolderLockedError(folder, "unknown holder");
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/*
 * PGlite runs PostgreSQL's defaults, among them shared_buffers = 128MB, and touches all of it on
 * open: a bare embedded database cost ~330 MiB RSS against ~190 MiB with 16MB (measured on Node 24,
 * PGlite 0.5). The console's tables are small and every page PGlite reads comes from the OS's file
 * cache, so a smaller buffer pool costs nothing visible. Passed per start (not postgresql.conf),
 * so an existing data folder needs no change and nothing is written into it.
 */
const PGLITE_SHARED_BUFFERS = "16MB";

/*
 * V8 first compiles WebAssembly with its baseline compiler (Liftoff) and recompiles hot functions
 * with its optimizing one (TurboFan). One of PGlite's functions (wasm-function #2272, a 100 KB
 * body that every query runs) needs ~600 MB of compiler memory for that, for about a second, a
 * few seconds after the database opens: the process's peak RSS was that compile (742 MiB against
 * 240 MiB before and after it; --turbo-stats-wasm shows the 603 MB zone). No V8 flag short of
 * skipping the tier-up avoids it. Without it queries run on baseline code: ~1 ms instead of
 * ~0.5 ms for a small insert + catalog join + update in a loop, and no second of compile on a
 * core at start. The embedded database serves one small console; PostgreSQL (DATABASE_URL)
 * is unaffected. Only WebAssembly compiled after this call is concerned, i.e. PGlite's, which is
 * the only WebAssembly the server runs. V8 reads these flags when it compiles a module, so they
 * are set here, before the first PGlite, rather than on a command line the console does not own
 * (NODE_OPTIONS refuses them); both are needed, --liftoff-only's implications are not applied
 * at run time.
 */
export const PGLITE_WASM_FLAGS = ["--no-wasm-dynamic-tiering", "--no-wasm-tier-up"] as const;

/** Sets PGLITE_WASM_FLAGS (idempotent: setting them again changes nothing). */
export function keepWasmOnBaselineTier(setFlags: (flag: string) => void = v8.setFlagsFromString): void {
  for (const flag of PGLITE_WASM_FLAGS) setFlags(flag);
}

function pgliteOptions() {
  keepWasmOnBaselineTier();
  return { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`] };
}

export function createDb(url: string): DbHandle {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const db = drizzlePg(pool, { schema });
    return {
      db: db as unknown as DB,
      kind: "postgres",
      // Several console instances may start together: an advisory lock serialises their migrations.
      migrate: async () => {
        const client = await pool.connect();
        try {
          await client.query("select pg_advisory_lock(727274)");
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
        } finally {
          await client.query("select pg_advisory_unlock(727274)").catch(() => undefined);
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  let release: () => void = () => undefined;
  let client: PGlite;
  if (url === "memory://") {
    client = new PGlite(pgliteOptions());
  } else {
    const folder = path.resolve(url);
    fs.mkdirSync(folder, { recursive: true });
    release = acquireFolderLock(folder);
    client = new PGlite(folder, pgliteOptions());
  }
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as DB,
    kind: "pglite",
    pglite: client,
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: async () => {
      await client.close();
      release();
    },
  };
}

/** Cheap liveness probe used by the health route. */
export async function ping(db: DB): Promise<void> {
  await db.execute(sql`select 1`);
}
