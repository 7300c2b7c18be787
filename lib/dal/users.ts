import "server-only";
import { actionError } from "@/lib/actions/action-error";
import { and, arrayContains, asc, count, eq, ne, sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { can, isRole, type Role } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { DB } from "@/lib/db/client";
import { userResources, users } from "@/lib/db/schema";
import type { Locale } from "@/lib/i18n/locale";
import { generatePassword } from "@/lib/validation/password";

export interface UserDto {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  resources: string[];
  disabled: boolean;
  source: "local" | "oidc";
  hasPassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

function assertManager(actor: Actor) {
  if (!can(actor, "users:manage")) throw actionError("manageUsersForbidden", { code: "FORBIDDEN" });
}

/** All console users for the admin's users page. */
export async function listUsers(actor: Actor): Promise<UserDto[]> {
  assertManager(actor);
  const db = await getDb();
  const [rows, owned] = await Promise.all([
    db.select().from(users).orderBy(asc(sql`lower(${users.email})`)),
    db.select().from(userResources),
  ]);
  const byUser = new Map<string, string[]>();
  for (const r of owned) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r.resource]);
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles.filter(isRole),
    resources: (byUser.get(u.id) ?? []).sort(),
    disabled: u.disabled,
    source: u.source,
    hasPassword: Boolean(u.passwordHash),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  }));
}

async function findUser(db: DB, id: string) {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  if (!user) throw actionError("userGone", { code: "NOT_FOUND" });
  return user;
}

/**
 * Refuses a change that would leave the console without an enabled admin. Run inside the change's
 * transaction: locking the enabled admins' rows makes two admins demoting each other at the same
 * moment take turns, so the second one sees the first one's change.
 */
async function assertAnotherAdmin(tx: DB, exceptId: string) {
  const others = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(arrayContains(users.roles, ["admin"]), eq(users.disabled, false), ne(users.id, exceptId)))
    .for("update");
  if (others.length === 0) throw actionError("lastAdmin", { code: "LAST_ADMIN" });
}

async function replaceResources(db: DB, userId: string, resources: string[]) {
  await db.delete(userResources).where(eq(userResources.userId, userId));
  if (resources.length) await db.insert(userResources).values(resources.map((resource) => ({ userId, resource })));
}

/** Creates a user; a password user gets a generated password returned once and stored only as a hash. */
export async function createUser(
  actor: Actor,
  input: { email: string; name: string; roles: Role[]; resources: string[]; signIn: "password" | "sso" },
): Promise<{ user: { id: string; email: string }; temporaryPassword: string | null }> {
  assertManager(actor);
  const db = await getDb();
  const [clash] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, input.email)).limit(1);
  if (clash) throw actionError("emailTaken", { fieldErrors: { email: ["emailTakenField"] } });
  const temporaryPassword = input.signIn === "password" ? generatePassword(20) : null;
  const passwordHash = temporaryPassword ? await hashPassword(temporaryPassword) : null;
  const [created] = await db
    .insert(users)
    .values({ email: input.email, name: input.name, roles: input.roles, passwordHash, source: "local" })
    .onConflictDoNothing()
    .returning({ id: users.id, email: users.email });
  if (!created) throw actionError("emailTaken", { fieldErrors: { email: ["emailTakenField"] } });
  await replaceResources(db, created.id, input.resources);
  return { user: created, temporaryPassword };
}

export async function updateUser(actor: Actor, input: { id: string; name: string; roles: Role[]; resources: string[] }) {
  assertManager(actor);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const user = await findUser(tx, input.id);
    if (user.roles.includes("admin") && !input.roles.includes("admin")) await assertAnotherAdmin(tx, user.id);
    await tx.update(users).set({ name: input.name, roles: input.roles, updatedAt: new Date() }).where(eq(users.id, user.id));
    await replaceResources(tx, user.id, input.resources);
    return { id: user.id, email: user.email, previousRoles: user.roles };
  });
}

/** Disabling also ends the user's sessions at their next request. */
export async function setUserDisabled(actor: Actor, input: { id: string; disabled: boolean }) {
  assertManager(actor);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const user = await findUser(tx, input.id);
    if (input.disabled && user.id === actor.id) throw actionError("cannotDisableSelf", { code: "SELF" });
    if (input.disabled && user.roles.includes("admin")) await assertAnotherAdmin(tx, user.id);
    await tx
      .update(users)
      .set({ disabled: input.disabled, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    return { id: user.id, email: user.email };
  });
}

/** Sets a new generated password, returned once; every existing session of the user ends. */
export async function resetUserPassword(actor: Actor, input: { id: string }) {
  assertManager(actor);
  const db = await getDb();
  const user = await findUser(db, input.id);
  const temporaryPassword = generatePassword(20);
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(temporaryPassword), sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, user.id));
  return { id: user.id, email: user.email, temporaryPassword };
}

/** For the sign-in page of a fresh install: true until the first account exists. */
export async function isUninitialised(): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(users);
  return !row?.n;
}

/** The caller's own console language; nobody sets another user's. */
export async function setOwnLocale(actor: Actor, locale: Locale): Promise<void> {
  const db = await getDb();
  await db.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, actor.id));
}
