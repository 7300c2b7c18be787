import "server-only";
import { getEnv } from "@/lib/env";
import { createDb, type DB, type DbHandle } from "./client";
import { seedDatabase } from "./seed";

const globalForDb = globalThis as unknown as { __consoleDb?: Promise<DbHandle> };

async function open(): Promise<DbHandle> {
  const env = getEnv();
  const handle = createDb(env.DATABASE_URL);
  try {
    await handle.migrate();
    await seedDatabase(handle.db, env);
    return handle;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/** The process-wide database, migrated and seeded once. A failed open is not cached. */
export function getDbHandle(): Promise<DbHandle> {
  if (!globalForDb.__consoleDb) {
    globalForDb.__consoleDb = open().catch((error) => {
      globalForDb.__consoleDb = undefined;
      throw error;
    });
  }
  return globalForDb.__consoleDb;
}

/** The database if this process opened (or is opening) it; never opens one itself. */
export function openedDbHandle(): Promise<DbHandle> | undefined {
  return globalForDb.__consoleDb;
}

export async function getDb(): Promise<DB> {
  return (await getDbHandle()).db;
}
