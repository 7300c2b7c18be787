import "server-only";
import { CredentialsSignin } from "next-auth";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { msg } from "@/lib/validation/error-map";
import { appendAudit } from "@/lib/audit/log";
import { getDb } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { verifyPassword } from "./password";
import { metaFrom } from "./request-meta";
import { clearFailures, lockedUntil, recordFailure, throttleKeys } from "./throttle";
import { auditWords } from "@/lib/audit/words";
import type { StoredWords } from "@/lib/db/schema";

export class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}

export class LockedOut extends CredentialsSignin {
  code = "locked";
}

export const loginInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email(msg("invalidEmail"))).pipe(z.string().max(254)),
  password: z.string().min(1, msg("enterPasswordLogin")).max(200),
});

/**
 * Auth.js `authorize` for local accounts. Every refusal looks the same to the caller whether the
 * email exists, the password is wrong or the account is disabled; a lock says only "try later".
 */
export async function authorizeLocal(raw: unknown, request: Request) {
  const meta = metaFrom(request.headers);
  const parsed = loginInput.safeParse(raw);
  if (!parsed.success) throw new InvalidCredentials();
  const { email, password } = parsed.data;
  const env = getEnv();
  const db = await getDb();
  const keys = throttleKeys(email, meta.ip);
  const policy = { maxFailures: env.LOGIN_MAX_FAILURES, maxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP, lockMinutes: env.LOGIN_LOCK_MINUTES };

  const audit = (outcome: "success" | "failure" | "denied", message: StoredWords, actor: { id: string; email: string; roles: string[] } | null) =>
    appendAudit({ actor, action: "auth.login", target: `user:${email}`, params: { method: "password" }, outcome, message, ...meta });

  if (await lockedUntil(db, keys)) {
    await audit("denied", auditWords("signInLocked"), null);
    throw new LockedOut();
  }

  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email)).limit(1);
  const passwordOk = await verifyPassword(password, user?.passwordHash);
  if (!user || !passwordOk || user.disabled) {
    await recordFailure(db, keys, policy);
    const reason = !user ? "signInUnknownEmail" : user.disabled ? "signInDisabled" : "signInWrongPassword";
    await audit("failure", auditWords(reason), user ? { id: user.id, email: user.email, roles: user.roles } : null);
    if (await lockedUntil(db, keys)) throw new LockedOut();
    throw new InvalidCredentials();
  }

  await clearFailures(db, email);
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  await audit("success", auditWords("signedIn"), { id: user.id, email: user.email, roles: user.roles });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
