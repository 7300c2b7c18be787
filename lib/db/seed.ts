import { randomUUID } from "node:crypto";
import { and, arrayContains, count, eq, sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { resourceKey, type Role } from "@/lib/auth/permissions";
import type { Env } from "@/lib/env";
import fixtures from "@/emulator/demo-fixtures.json";
import { maskIdentifier, sealSecret } from "@/lib/secrets/box";
import type { DB } from "./client";
import { auditLog, cloudAccounts, userResources, users } from "./schema";
import { auditWords } from "@/lib/audit/words";
import { wordsText } from "@/lib/i18n/stored-words";

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
      message: wordsText(auditWords("seedAdmin"), "en"),
      messageWords: auditWords("seedAdmin"),
    });
  }
  return created;
}

/** The emulator's services sit at fixed offsets from its admin port (emulator/README.md). */
function emulatorUrl(adminUrl: string, offset: number): string {
  const url = new URL(adminUrl);
  url.port = String(Number(url.port) + offset);
  return url.origin;
}

function demoCloudAccounts(emulator: string) {
  const { alibaba, tencent, huawei } = fixtures;
  return [
    {
      vendor: "alibaba" as const,
      name: "Demo Alibaba DMS",
      region: alibaba.regionId,
      settings: { endpoint: emulatorUrl(emulator, 1), tenantId: String(alibaba.tenants[0]!.tid), signature: "acs3" },
      credentials: { accessKeyId: alibaba.accessKeyId, accessKeySecret: alibaba.accessKeySecret },
      hint: `AccessKey ${maskIdentifier(alibaba.accessKeyId)}`,
    },
    {
      vendor: "tencent" as const,
      name: "Demo Tencent MariaDB",
      region: tencent.region,
      settings: { endpoint: emulatorUrl(emulator, 4) },
      credentials: { secretId: tencent.secretId, secretKey: tencent.secretKey },
      hint: `SecretId ${maskIdentifier(tencent.secretId)}`,
    },
    {
      vendor: "huawei" as const,
      name: "Demo Huawei (AK/SK)",
      region: huawei.region,
      // IAM too: the project listing is an IAM call even with AK/SK, and must reach the emulator, not Huawei.
      settings: { projectId: huawei.projectId, authKind: "aksk", taurusEndpoint: emulatorUrl(emulator, 2), ddsEndpoint: emulatorUrl(emulator, 3), iamEndpoint: emulatorUrl(emulator, 5) },
      credentials: { kind: "aksk", ak: huawei.ak, sk: huawei.sk },
      hint: `AK ${maskIdentifier(huawei.ak)}`,
    },
    {
      vendor: "huawei" as const,
      name: "Demo Huawei (IAM user)",
      region: huawei.region,
      settings: {
        projectId: huawei.projectId,
        authKind: "iam",
        taurusEndpoint: emulatorUrl(emulator, 2),
        ddsEndpoint: emulatorUrl(emulator, 3),
        iamEndpoint: emulatorUrl(emulator, 5),
      },
      credentials: { kind: "iam", domainName: huawei.iam.domainName, userName: huawei.iam.userName, password: huawei.iam.password },
      hint: `IAM ${huawei.iam.domainName}/${huawei.iam.userName}`,
    },
  ];
}

/**
 * Demo cloud accounts point at the local emulator. Created once; on later starts only their
 * endpoints follow the emulator's current address. An admin's edits to other fields stay.
 */
async function seedDemoCloudAccounts(db: DB, env: Env) {
  if (!env.EMULATOR_URL) return;
  for (const demo of demoCloudAccounts(env.EMULATOR_URL)) {
    const [existing] = await db.select().from(cloudAccounts).where(eq(cloudAccounts.name, demo.name)).limit(1);
    if (existing) {
      const settings = { ...existing.settings, ...Object.fromEntries(Object.entries(demo.settings).filter(([k]) => k.toLowerCase().endsWith("endpoint"))) };
      if (JSON.stringify(settings) !== JSON.stringify(existing.settings)) {
        await db.update(cloudAccounts).set({ settings }).where(eq(cloudAccounts.id, existing.id));
      }
      continue;
    }
    const id = randomUUID();
    await db.insert(cloudAccounts).values({
      id,
      vendor: demo.vendor,
      name: demo.name,
      region: demo.region,
      settings: demo.settings,
      secretCiphertext: sealSecret(JSON.stringify(demo.credentials), env.CREDENTIALS_KEY, `cloud-account:${id}`),
      secretHint: demo.hint,
    });
    await db.insert(auditLog).values({
      action: "cloud-accounts.seed",
      target: `cloud-account:${demo.name}`,
      params: { vendor: demo.vendor, region: demo.region, settings: demo.settings, credentialHint: demo.hint },
      outcome: "success",
      message: wordsText(auditWords("seedDemoAccount"), "en"),
      messageWords: auditWords("seedDemoAccount"),
    });
  }
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
    await seedDemoCloudAccounts(db, env);
  }
}
