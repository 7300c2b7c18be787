import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Profile } from "next-auth";
import { appendAudit } from "@/lib/audit/log";
import { getDb } from "@/lib/db";
import { users } from "@/lib/db/schema";
import type { Env } from "@/lib/env";
import { isRole, type Role } from "./permissions";
import type { RequestMeta } from "./request-meta";
import { auditWords } from "@/lib/audit/words";
import type { StoredWords } from "@/lib/db/schema";

/** Maps the IdP's group claim to console roles through OIDC_ROLE_MAP; unknown groups give nothing. */
export function rolesFromGroups(claim: unknown, map: Env["OIDC_ROLE_MAP"]): Role[] {
  const groups = Array.isArray(claim) ? claim : typeof claim === "string" ? claim.split(/[,\s]+/) : [];
  const roles = new Set<Role>();
  for (const group of groups) {
    const role = typeof group === "string" ? map[group] : undefined;
    if (role && isRole(role)) roles.add(role);
  }
  return [...roles];
}

export type OidcSignInResult = { ok: true; userId: string } | { ok: false; reason: string };

/**
 * Finds or creates the console user for a single sign-on login. The IdP's groups are the source
 * of truth for SSO users' roles on every login; a disabled console user stays out.
 */
export async function resolveOidcUser(profile: Profile, env: Env, meta: RequestMeta): Promise<OidcSignInResult> {
  const db = await getDb();
  const email = typeof profile.email === "string" ? profile.email.trim().toLowerCase() : "";
  const audit = (outcome: "success" | "denied", message: StoredWords, actor: { id: string; email: string; roles: string[] } | null) =>
    appendAudit({ actor, action: "auth.login", target: `user:${email || "unknown"}`, params: { method: "oidc", issuer: env.OIDC_ISSUER }, outcome, message, ...meta });

  if (!email || profile.email_verified === false) {
    await audit("denied", auditWords("ssoNoEmail"), null);
    return { ok: false, reason: "no-email" };
  }
  const roles = rolesFromGroups(profile[env.OIDC_GROUPS_CLAIM], env.OIDC_ROLE_MAP);
  const name = typeof profile.name === "string" && profile.name ? profile.name : email;
  const [existing] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email)).limit(1);

  // An IdP saying "this is ana@…" must not open a password account of the same email: only users
  // created for single sign-on (no password) or by it are linked.
  if (existing && existing.source === "local" && existing.passwordHash) {
    await audit("denied", auditWords("ssoPasswordAccount"), { id: existing.id, email, roles: existing.roles });
    return { ok: false, reason: "password-account" };
  }
  if (existing?.disabled) {
    await audit("denied", auditWords("ssoDisabled"), { id: existing.id, email, roles: existing.roles });
    return { ok: false, reason: "disabled" };
  }
  if (!existing) {
    if (roles.length === 0) {
      await audit("denied", auditWords("ssoNoRole"), null);
      return { ok: false, reason: "no-role" };
    }
    const [created] = await db.insert(users).values({ email, name, roles, source: "oidc", lastLoginAt: new Date() }).returning();
    await audit("success", auditWords("ssoCreated"), { id: created!.id, email, roles });
    return { ok: true, userId: created!.id };
  }

  const nextRoles = existing.source === "oidc" ? roles : existing.roles;
  if (nextRoles.length === 0) {
    await audit("denied", auditWords("ssoNoRole"), { id: existing.id, email, roles: existing.roles });
    return { ok: false, reason: "no-role" };
  }
  await db
    .update(users)
    .set({ name, roles: nextRoles, lastLoginAt: new Date(), updatedAt: new Date() })
    .where(eq(users.id, existing.id));
  await audit("success", auditWords("ssoSignedIn"), { id: existing.id, email, roles: nextRoles });
  return { ok: true, userId: existing.id };
}

export async function findUserForSession(email: string): Promise<{ id: string; sessionVersion: number } | null> {
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return user ?? null;
}
