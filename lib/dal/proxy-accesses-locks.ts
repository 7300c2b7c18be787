import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import type { DB } from "@/lib/db/client";
import { operationLocks } from "@/lib/db/schema";

export interface HeldLock {
  key: string;
  holder: string;
  release(): Promise<void>;
}

/**
 * Takes the named lock for `ttlMs`, or returns null when someone else holds it. A lock whose
 * holder died is taken over once it has expired, so a crash never blocks a user for good.
 */
export async function tryLock(db: DB, key: string, ttlMs: number): Promise<HeldLock | null> {
  const holder = randomUUID();
  const now = new Date();
  const rows = await db
    .insert(operationLocks)
    .values({ key, holder, expiresAt: new Date(now.getTime() + ttlMs) })
    .onConflictDoUpdate({
      target: operationLocks.key,
      set: { holder, expiresAt: new Date(now.getTime() + ttlMs), createdAt: now },
      setWhere: lt(operationLocks.expiresAt, now),
    })
    .returning({ holder: operationLocks.holder });
  if (rows[0]?.holder !== holder) return null;
  return {
    key,
    holder,
    release: async () => {
      await db.delete(operationLocks).where(and(eq(operationLocks.key, key), eq(operationLocks.holder, holder)));
    },
  };
}

/**
 * How long a grant or revoke may hold its lock: longer than the client's worst case (a create
 * retries up to 5 × 15 s plus backoff, after a list read). Anything that held a lock longer is dead.
 */
export const OPERATION_LOCK_TTL_MS = 5 * 60_000;

/** The lock that keeps two creates of the same access (user on proxy) from running at once. */
export function grantLockKey(proxyId: string, userId: string): string {
  return `dms-grant:${proxyId}:${userId}`;
}

/** The lock a revoke holds while its DeleteProxyAccess is in flight. */
export function revokeLockKey(proxyId: string, proxyAccessId: string): string {
  return `dms-revoke:${proxyId}:${proxyAccessId}`;
}
