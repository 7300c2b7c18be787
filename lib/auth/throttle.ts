import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { DB } from "@/lib/db/client";
import { loginThrottle } from "@/lib/db/schema";

/**
 * Failed sign-ins counted per email and per client IP in the database, so every console
 * instance behind a load balancer sees the same counters. maxFailures failures within the lock
 * window lock that key for the window. Unknown emails are counted too: the lock itself must not
 * reveal whether an account exists.
 */

export interface ThrottlePolicy {
  /** Failures that lock one account. */
  maxFailures: number;
  /** Failures that lock one client address: higher, since an office shares one address. */
  maxFailuresPerIp: number;
  lockMinutes: number;
}

export interface ThrottleKey {
  key: string;
  kind: "email" | "ip";
}

export function throttleKeys(email: string, ip: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `email:${email.trim().toLowerCase()}`, kind: "email" }];
  if (ip) keys.push({ key: `ip:${ip}`, kind: "ip" });
  return keys;
}

/** The time until which sign-in is refused, or null when allowed. */
export async function lockedUntil(db: DB, keys: ThrottleKey[], now = new Date()): Promise<Date | null> {
  const rows = await db
    .select()
    .from(loginThrottle)
    .where(inArray(loginThrottle.key, keys.map((k) => k.key)));
  const locks = rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null && d > now);
  return locks.length ? new Date(Math.max(...locks.map((d) => d.getTime()))) : null;
}

export async function recordFailure(db: DB, keys: ThrottleKey[], policy: ThrottlePolicy, now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - policy.lockMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + policy.lockMinutes * 60_000);
  for (const { key, kind } of keys) {
    const max = kind === "email" ? policy.maxFailures : policy.maxFailuresPerIp;
    // One statement per key: concurrent failures on several instances cannot lose a count.
    await db
      .insert(loginThrottle)
      .values({ key, failures: 1, windowStartedAt: now, lockedUntil: max <= 1 ? lockUntil : null })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart} then 1 else ${loginThrottle.failures} + 1 end`,
          windowStartedAt: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart} then ${now} else ${loginThrottle.windowStartedAt} end`,
          lockedUntil: sql`case when (case when ${loginThrottle.windowStartedAt} < ${windowStart} then 1 else ${loginThrottle.failures} + 1 end) >= ${max} then ${lockUntil} else ${loginThrottle.lockedUntil} end`,
        },
      });
  }
}

/** A successful sign-in clears the account's counter; the IP's counter stays so spraying is still caught. */
export async function clearFailures(db: DB, email: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, throttleKeys(email, null)[0]!.key));
}
