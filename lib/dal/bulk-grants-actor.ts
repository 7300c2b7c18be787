import "server-only";
import { eq } from "drizzle-orm";
import { can, isRole, resourceKey } from "@/lib/auth/permissions";
import type { DB } from "@/lib/db/client";
import { bulkGrantJobs, userResources, users } from "@/lib/db/schema";

type JobRow = typeof bulkGrantJobs.$inferSelect;

/*
 * A bulk job acts in the name of whoever started its current round: the creator for round 1,
 * the person who pressed "retry" for every later round (any owner of the instance may retry).
 */

export interface RoundActor {
  id: string;
  email: string;
  roles: readonly string[];
}

/** Who the current round's items run and are audited as; null when that person is unknown. */
export function roundActor(job: JobRow): RoundActor | null {
  if (job.retriedBy) return { id: job.retriedBy, email: job.retriedByEmail ?? "", roles: job.retriedByRoles ?? [] };
  return job.createdBy ? { id: job.createdBy, email: job.createdByEmail ?? "", roles: job.createdByRoles } : null;
}

/**
 * Whether the round's actor may still grant on the job's instance, as they are now: disabled,
 * deleted or stripped of the instance since means no.
 */
export async function roundActorMayGrant(db: DB, job: JobRow): Promise<boolean> {
  const actorId = roundActor(job)?.id;
  if (!actorId) return false;
  const [user] = await db.select().from(users).where(eq(users.id, actorId)).limit(1);
  if (!user || user.disabled) return false;
  const owned = await db.select({ resource: userResources.resource }).from(userResources).where(eq(userResources.userId, user.id));
  const principal = { roles: user.roles.filter(isRole), resources: new Set(owned.map((r) => r.resource)) };
  return can(principal, "proxyAccess:grant", resourceKey("dms-instance", job.instanceId));
}
