/**
 * `npm run create-admin -- <email>`: creates (or re-enables and promotes) an admin outside demo
 * mode. The password is read from ADMIN_PASSWORD or prompted for; it is never printed. Run it
 * while the console is stopped when using the embedded database (the folder lock enforces this).
 */
import { createInterface } from "node:readline/promises";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { hashPassword } from "../lib/auth/password";
import { createDb } from "../lib/db/client";
import { auditLog, users } from "../lib/db/schema";
import { getEnv } from "../lib/env";

async function readPassword(): Promise<string> {
  const env = getEnv();
  if (env.ADMIN_PASSWORD) return env.ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const password = await rl.question("Password for the new admin (at least 12 characters): ");
  rl.close();
  return password;
}

async function main() {
  const email = z.email().safeParse(process.argv[2]?.trim().toLowerCase());
  if (!email.success) {
    console.error("usage: npm run create-admin -- <email>");
    process.exit(2);
  }
  const password = await readPassword();
  if (password.length < 12) {
    console.error("The password must be at least 12 characters.");
    process.exit(2);
  }
  const handle = createDb(getEnv().DATABASE_URL);
  try {
    await handle.migrate();
    const passwordHash = await hashPassword(password);
    const [existing] = await handle.db.select().from(users).where(eq(sql`lower(${users.email})`, email.data)).limit(1);
    if (existing) {
      await handle.db
        .update(users)
        .set({ passwordHash, disabled: false, roles: [...new Set([...existing.roles, "admin"])], sessionVersion: existing.sessionVersion + 1, updatedAt: new Date() })
        .where(eq(users.id, existing.id));
    } else {
      await handle.db.insert(users).values({ email: email.data, name: "Administrator", roles: ["admin"], passwordHash });
    }
    await handle.db.insert(auditLog).values({ action: "users.create-admin", target: `user:${email.data}`, outcome: "success", message: "from the command line" });
    console.log(`${email.data} is an admin and can sign in.`);
  } finally {
    await handle.close();
  }
}

void main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
