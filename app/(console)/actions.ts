"use server";

import { appendAudit } from "@/lib/audit/log";
import { signOut } from "@/lib/auth/auth";
import { requestMeta } from "@/lib/auth/request-meta";
import { getActor, revokeCurrentSession } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";

/**
 * Sign-out needs no permission and takes no input: it only ends the caller's own session, so it
 * does not go through defineAction (which would refuse a disabled user the way out).
 */
export async function signOutAction(): Promise<void> {
  const actor = await getActor();
  if (actor) {
    await appendAudit({
      actor: { id: actor.id, email: actor.email, roles: actor.roles },
      action: "auth.logout",
      target: `user:${actor.email}`,
      outcome: "success",
      ...(await requestMeta()),
    });
  }
  await revokeCurrentSession(getEnv().SESSION_MAX_AGE_SECONDS);
  await signOut({ redirectTo: "/login" });
}
