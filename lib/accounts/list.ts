import "server-only";
import { and, eq, inArray, like } from "drizzle-orm";
import type { Actor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { cloudOperations } from "@/lib/db/schema";
import { DB_ACCOUNT_KINDS, ddsTarget, mariadbTarget, tencentTime } from "@/lib/operations/db-accounts";
import { ledgerDeps } from "@/lib/operations/deps";
import { reconcileRows } from "@/lib/operations/reconcile";
import type { DdsApi, DdsRole, DdsUser } from "@/lib/providers/huawei/dds";
import type { MariadbAccount } from "@/lib/providers/tencent/mariadb";
import { dbAccountsResource, sharedRead } from "@/lib/read-cache/console-reads";
import { findInstance, type DbInstanceDto, type DbVendor, type OpenedScope } from "./instances";

/*
 * The accounts of one instance as the vendor lists them now: Tencent DescribeAccounts (no
 * paging), DDS users (paged by 100, roles included). Reading them also settles the instance's
 * console changes whose answer was lost.
 */

export interface DbAccountRowDto {
  /** Unique in the instance: user@host (Tencent) or db.user (DDS). */
  key: string;
  vendor: DbVendor;
  userName: string;
  /** Tencent: the MySQL host pattern. */
  host: string | null;
  /** DDS: the user's database. */
  dbName: string | null;
  /** Tencent: 0 normal, 1–3 read-only modes. */
  readOnly: number | null;
  delayThresh: number | null;
  slaveConst: number | null;
  /** 0 = unlimited. */
  maxConnections: number | null;
  description: string;
  createdAt: string | null;
  updatedAt: string | null;
  /** DDS: granted roles, then what they bring with them. */
  roles: { db: string; role: string }[];
  inheritedRoles: { db: string; role: string }[];
  /** Managed by the service: neither resettable nor deletable (root, monitor…). */
  system: boolean;
  /** DDS rwuser: its password can be reset, it cannot be deleted. */
  resetOnly: boolean;
  /** A console change of this account is at the vendor or its outcome is not known yet. */
  pending: boolean;
}

export interface AccountListDto {
  instance: DbInstanceDto;
  rows: DbAccountRowDto[];
  readAt: string;
  /** Console changes of this instance this read settled against the vendor. */
  reconciled: number;
}

const TENCENT_SYSTEM = /^(root|mysql\..+|tdsqlsys_.*)$/i;
const DDS_SYSTEM = new Set(["drsFull", "drsIncremental", "root", "monitor", "backup"]);

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function tencentRow(a: MariadbAccount, pending: ReadonlySet<string>, instanceId: string): DbAccountRowDto {
  return {
    key: `${a.userName}@${a.host}`,
    vendor: "tencent",
    userName: a.userName,
    host: a.host,
    dbName: null,
    readOnly: a.readOnly ?? 0,
    delayThresh: a.delayThresh ?? null,
    slaveConst: a.slaveConst ?? null,
    maxConnections: a.maxUserConnections ?? null,
    description: a.description ?? "",
    createdAt: iso(tencentTime(a.createTime)),
    updatedAt: iso(tencentTime(a.updateTime)),
    roles: [],
    inheritedRoles: [],
    system: TENCENT_SYSTEM.test(a.userName),
    resetOnly: false,
    pending: pending.has(mariadbTarget(instanceId, a.userName, a.host)),
  };
}

function ddsRow(u: DdsUser, pending: ReadonlySet<string>, instanceId: string): DbAccountRowDto {
  return {
    key: `${u.dbName}.${u.userName}`,
    vendor: "huawei",
    userName: u.userName,
    host: null,
    dbName: u.dbName,
    readOnly: null,
    delayThresh: null,
    slaveConst: null,
    maxConnections: null,
    description: "",
    createdAt: null,
    updatedAt: null,
    roles: u.roles.map((r) => ({ db: r.db, role: r.role })),
    inheritedRoles: (u.inheritedRoles ?? []).map((r) => ({ db: r.db, role: r.role })),
    system: DDS_SYSTEM.has(u.userName),
    resetOnly: u.userName === "rwuser",
    pending: pending.has(ddsTarget(instanceId, u.dbName, u.userName)),
  };
}

async function allUsers(client: DdsApi, instanceId: string): Promise<DdsUser[]> {
  const out: DdsUser[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await client.listDbUsers({ instanceId, offset, limit: 100 });
    out.push(...page.users);
    if (page.users.length < 100 || out.length >= page.totalCount) return out;
  }
}

const targetPrefix = (vendor: DbVendor, instanceId: string) => `${vendor === "tencent" ? "mariadb-account" : "dds-user"}:${instanceId}:`;

/** The instance's console changes still open (pending, unknown or retrying). */
export async function openChanges(accountId: string, vendor: DbVendor, instanceId: string) {
  const db = await getDb();
  return db
    .select()
    .from(cloudOperations)
    .where(
      and(
        eq(cloudOperations.cloudAccountId, accountId),
        inArray(cloudOperations.kind, DB_ACCOUNT_KINDS),
        inArray(cloudOperations.status, ["pending", "unknown", "retrying"]),
        like(cloudOperations.target, `${targetPrefix(vendor, instanceId).replace(/[%_\\]/g, "\\$&")}%`),
      ),
    );
}

/** The instance's accounts from the vendor; the actor must be allowed to read this instance. */
export async function readAccounts(actor: Actor, scope: OpenedScope, instanceId: string): Promise<AccountListDto> {
  const instance = await findInstance(actor, scope, instanceId, "dbAccounts:read");
  const reconciled = await settleOpen(scope, instanceId);
  const key = { resource: dbAccountsResource(scope.accountId, instanceId), credential: scope.accountId, read: "accounts" };
  const pending = new Set((await openChanges(scope.accountId, scope.vendor, instanceId)).map((op) => op.target));
  if (scope.vendor === "tencent") {
    const client = scope.client;
    const read = await sharedRead(key, async () => (await client.describeAccounts({ instanceId })).accounts);
    const rows = read.value.map((a) => tencentRow(a, pending, instanceId));
    return { instance, rows, readAt: new Date(read.fetchedAt).toISOString(), reconciled };
  }
  const client = scope.client;
  const read = await sharedRead(key, () => allUsers(client, instanceId));
  const rows = read.value.map((u) => ddsRow(u, pending, instanceId));
  return { instance, rows, readAt: new Date(read.fetchedAt).toISOString(), reconciled };
}

/** The instance's open changes that are due are settled now with this client (jobs do it for instances nobody opens). */
async function settleOpen(scope: OpenedScope, instanceId: string): Promise<number> {
  const open = await openChanges(scope.accountId, scope.vendor, instanceId);
  if (!open.length) return 0;
  const { settled } = await reconcileRows(await ledgerDeps(), open, { client: scope.client });
  return settled;
}

/** The roles a DDS user may be given in `dbName`: built-in and the instance's own. */
export async function readRoles(actor: Actor, scope: OpenedScope, instanceId: string, dbName: string): Promise<{ roles: { db: string; role: string; builtIn: boolean }[] }> {
  if (scope.vendor !== "huawei") return { roles: [] };
  await findInstance(actor, scope, instanceId, "dbAccounts:read");
  const client = scope.client;
  const out: DdsRole[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await client.listRoles({ instanceId, dbName, offset, limit: 100 });
    out.push(...page.roles);
    if (page.roles.length < 100 || out.length >= page.totalCount) break;
  }
  return { roles: out.map((r) => ({ db: r.dbName, role: r.roleName, builtIn: r.isBuiltin })) };
}
