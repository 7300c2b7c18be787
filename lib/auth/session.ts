import "server-only";
import { and, eq, gt, lte } from "drizzle-orm";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { revokedSessions, userResources, users } from "@/lib/db/schema";
import { auth } from "./auth";
import { can, canAny, isRole, type Permission, type Principal, type ResourceKey, type Role } from "./permissions";

export interface Actor extends Principal {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  resources: ReadonlySet<string>;
  /** The language the user saved, if any (see lib/i18n/locale.ts). */
  locale?: string | null;
}

/**
 * The signed-in user as the database says right now, once per request. A token is only a claim:
 * a disabled user, a reset password (session version bump), changed roles or a signed-out
 * session (revoked_sessions) take effect on the very next request, not when the token expires.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const uid = session?.user?.id;
  if (!uid) return null;
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, uid)).limit(1);
  if (!user || user.disabled || user.sessionVersion !== session.user.sessionVersion) return null;
  if (!session.sessionId) return null;
  const [revoked, owned] = await Promise.all([
    isRevoked(session.sessionId),
    db.select({ resource: userResources.resource }).from(userResources).where(eq(userResources.userId, uid)),
  ]);
  if (revoked) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles.filter(isRole),
    resources: new Set(owned.map((r) => r.resource)),
    locale: user.locale ?? null,
  };
});

async function isRevoked(sessionId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: revokedSessions.sessionId })
    .from(revokedSessions)
    .where(and(eq(revokedSessions.sessionId, sessionId), gt(revokedSessions.expiresAt, new Date())))
    .limit(1);
  return Boolean(row);
}

/** Ends the current session for good, even if its cookie is set again by a late response. */
export async function revokeCurrentSession(maxAgeSeconds: number): Promise<void> {
  const session = await auth();
  if (!session?.sessionId) return;
  const db = await getDb();
  await db
    .insert(revokedSessions)
    .values({ sessionId: session.sessionId, expiresAt: new Date(Date.now() + maxAgeSeconds * 1000) })
    .onConflictDoNothing();
}

/** Revocations outlive the sessions they end only until those would have expired anyway. */
export async function purgeExpiredRevocations(): Promise<void> {
  const db = await getDb();
  await db.delete(revokedSessions).where(lte(revokedSessions.expiresAt, new Date()));
}

/** For pages: sends a signed-out visitor to the login page. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}

/** For pages: a user without the permission gets a not-found, which reveals nothing. */
export async function requirePermission(permission: Permission, resource?: ResourceKey): Promise<Actor> {
  const actor = await requireActor();
  const allowed = resource ? can(actor, permission, resource) : canAny(actor, permission);
  if (!allowed) notFound();
  return actor;
}
