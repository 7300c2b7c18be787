import "server-only";
import { lte } from "drizzle-orm";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { revokedSessions } from "@/lib/db/schema";
import { auth } from "./auth";
import { loadActor, type Actor } from "./actor-query";
import { can, canAny, type Permission, type ResourceKey } from "./permissions";

export type { Actor } from "./actor-query";

/**
 * The signed-in user as the database says right now, once per request. A token is only a claim:
 * a disabled user, a reset password (session version bump), changed roles or a signed-out
 * session (revoked_sessions) take effect on the very next request, not when the token expires.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const uid = session?.user?.id;
  if (!uid || !session.sessionId) return null;
  return loadActor(await getDb(), { userId: uid, sessionVersion: session.user.sessionVersion, sessionId: session.sessionId });
});

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
