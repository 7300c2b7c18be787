import "server-only";
import { eq, sql } from "drizzle-orm";
import { openedDbHandle } from "@/lib/db";
import type { DbHandle } from "@/lib/db/client";
import { readVersions } from "@/lib/db/schema";
import { createReadCache, type CachedRead, type ReadKey, type VersionStore } from "./read-cache";

/*
 * The console's one read cache. On PostgreSQL several instances may serve the same list, so a
 * change made through one bumps the resource's row in read_versions and the others drop their
 * copy; an embedded (PGlite) database belongs to exactly one process, which needs no such row.
 */

/** Long enough that a crowd on one list costs DMS one call per few seconds; short enough to look live. */
export const READ_TTL_MS = 3_000;
/**
 * A list read in its last second starts the next DMS call while the copy is still served, so a
 * crowd never waits for the vendor at expiry (that wait set the p99 of 20 viewers). DMS then sees
 * at most one call per 2 s per list while people look at it, and none once nobody does.
 */
export const READ_REFRESH_AHEAD_MS = 1_000;

const databaseVersions = {
  async read(handle: DbHandle, resource: string) {
    const { db } = handle;
    const [row] = await db.select({ version: readVersions.version }).from(readVersions).where(eq(readVersions.resource, resource)).limit(1);
    return row?.version ?? 0;
  },
  async bump(handle: DbHandle, resource: string) {
    const { db } = handle;
    await db
      .insert(readVersions)
      .values({ resource, version: 1 })
      .onConflictDoUpdate({ target: readVersions.resource, set: { version: sql`${readVersions.version} + 1`, changedAt: sql`now()` } });
  },
};

/**
 * Versions go to the database only when another process could be reading it, and only to a
 * database this process already opened: a change made where no console runs (a script, a unit
 * test) has no copies to drop and must not open one.
 */
const versionsWhenShared: VersionStore = {
  async read(resource) {
    const handle = await openedDbHandle();
    return handle?.kind === "postgres" ? databaseVersions.read(handle, resource) : 0;
  },
  async bump(resource) {
    const handle = await openedDbHandle();
    if (handle?.kind === "postgres") await databaseVersions.bump(handle, resource);
  },
};

let lastError = 0;
const g = globalThis as unknown as { __consoleReadCache?: ReturnType<typeof createReadCache> };
const cache = (g.__consoleReadCache ??= createReadCache({
  ttlMs: READ_TTL_MS,
  refreshAheadMs: READ_REFRESH_AHEAD_MS,
  versions: versionsWhenShared,
  onError: (error) => {
    if (Date.now() - lastError < 60_000) return;
    lastError = Date.now();
    console.error("[read-cache] shared versions unavailable; copies are not reused:", error instanceof Error ? error.message : error);
  },
}));

/** The resource name of one DMS proxy, as changes to its accesses invalidate it. */
export function dmsProxyResource(proxyId: string): string {
  return `dms-proxy:${proxyId}`;
}

/** One (Huawei account, project)'s TaurusDB proxies and their access control, as the access-control page reads them. */
export function taurusSourceResource(accountId: string, projectId: string): string {
  return `taurus-source:${accountId}:${projectId}`;
}

/** One database instance's accounts (Tencent MariaDB accounts, DDS users), as the accounts page reads them. */
export function dbAccountsResource(accountId: string, instanceId: string): string {
  return `db-accounts:${accountId}:${instanceId}`;
}

/** A vendor read shared with concurrent and recent identical reads (see read-cache.ts). */
export function sharedRead<T>(key: ReadKey, load: () => Promise<T>): Promise<CachedRead<T>> {
  return cache.read(key, load);
}

/**
 * Call after every change this console makes (or may have made: a lost answer) to a resource,
 * so no instance serves a copy older than the change. Never throws.
 */
export async function invalidate(resource: string): Promise<void> {
  await cache.invalidate(resource).catch(() => undefined);
}
