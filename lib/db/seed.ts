import { and, arrayContains, count, eq, sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { resourceKey, type Role } from "@/lib/auth/permissions";
import type { Env } from "@/lib/env";
import fixtures from "@/emulator/demo-fixtures.json";
import type { DB } from "./client";
import { auditLog, userResources, users } from "./schema";

export const DEMO_PASSWORD = "demo-console-2026";

export const DEMO_USERS: { email: string; name: string; roles: Role[]; resources?: string[] }[] = [
  { email: "admin@example.com", name: "Ada Admin", roles: ["admin"] },
  { email: "dba@example.com", name: "Dario DBA", roles: ["dba"] },
  {
    email: "owner@example.com",
    name: "Olga Owner",
    roles: ["owner"],
    resources: [
      resourceKey("dms-instance", fixtures.alibaba.ownerInstanceId),
      resourceKey("taurus-instance", fixtures.huawei.ownerTaurusInstanceId),
      resourceKey("mariadb-instance", fixtures.tencent.ownerInstanceId),
      resourceKey("dds-instance", fixtures.huawei.ownerDdsInstanceId),
    ],
  },
  { email: "requester@example.com", name: "Rui Requester", roles: ["requester"] },
  { email: "auditor@example.com", name: "Aiko Auditor", roles: ["auditor"] },
];

async function insertUser(db: DB, user: { email: string; name: string; roles: Role[]; password: string; resources?: string[] }) {
  const [created] = await db
    .insert(users)
    .values({ email: user.email, name: user.name, roles: user.roles, passwordHash: await hashPassword(user.password) })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (created && user.resources?.length) {
    await db.insert(userResources).values(user.resources.map((resource) => ({ userId: created.id, resource }))).onConflictDoNothing();
  }
  if (created) {
    await db.insert(auditLog).values({
      action: "users.seed",
      target: `user:${user.email}`,
      params: { roles: user.roles, resources: user.resources ?? [] },
      outcome: "success",
      message: "created at start from configuration",
    });
  }
  return created;
}

/**
 * Runs at every start and is cheap when there is nothing to do (no hashing unless a user is
 * missing). Outside demo mode the only account ever created is the one ADMIN_EMAIL names; there
 * is no default password.
 */
export async function seedDatabase(db: DB, env: Env): Promise<void> {
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    const [admins] = await db.select({ n: count() }).from(users).where(and(arrayContains(users.roles, ["admin"]), eq(users.disabled, false)));
    if (!admins?.n) {
      await insertUser(db, { email: env.ADMIN_EMAIL.toLowerCase(), name: "Administrator", roles: ["admin"], password: env.ADMIN_PASSWORD });
    }
  }
  if (env.DEMO_MODE) {
    const existing = await db.select({ email: sql<string>`lower(${users.email})` }).from(users);
    const have = new Set(existing.map((u) => u.email));
    for (const demo of DEMO_USERS) {
      if (!have.has(demo.email)) await insertUser(db, { ...demo, password: DEMO_PASSWORD });
    }
  }
}
