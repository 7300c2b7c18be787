"use server";

import { cookies } from "next/headers";
import { defineAction } from "@/lib/actions/safe-action";
import { appendAudit } from "@/lib/audit/log";
import { signOut } from "@/lib/auth/auth";
import { requestMeta } from "@/lib/auth/request-meta";
import { getActor, revokeCurrentSession } from "@/lib/auth/session";
import { setOwnLocale } from "@/lib/dal/users";
import { getEnv } from "@/lib/env";
import { LOCALE_COOKIE } from "@/lib/i18n/locale";
import { setLocaleInput } from "@/lib/validation/preferences";

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

/**
 * The caller's console language, saved on their user so it follows them to every browser; the
 * cookie keeps it on the sign-in page after signing out.
 */
export const setLocaleAction = defineAction({
  name: "preferences.set-locale",
  input: setLocaleInput,
  permission: "preferences:update",
  target: () => "self",
  handler: async (input, { actor, setOutcome }) => {
    await setOwnLocale(actor, input.locale);
    // Readable by scripts on purpose: it holds only a language, and the sign-in page's switcher
    // must be able to overwrite it (a browser refuses a script's write over an httpOnly cookie).
    (await cookies()).set(LOCALE_COOKIE, input.locale, { path: "/", sameSite: "lax", maxAge: 365 * 86_400 });
    setOutcome({ target: `user:${actor.email}`, params: { locale: input.locale } });
    return { locale: input.locale };
  },
});
