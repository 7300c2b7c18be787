import "server-only";
import type { DdsApi } from "@/lib/providers/huawei/dds";
import type { MariadbApi } from "@/lib/providers/tencent/mariadb";
import { dbAccountsResource, invalidate } from "@/lib/read-cache/console-reads";
import { defineOperationKind, type KindContext } from "./kinds";

/*
 * Database accounts as ledger kinds: the only place the console calls Tencent MariaDB
 * CreateAccount / ResetAccountPassword / DeleteAccount and Huawei DDS db-user create, password
 * reset and delete. Passwords travel only in the call's transient values, never in params. After
 * a lost answer the instance's account list tells what happened; a Tencent reset is judged by the
 * account's UpdateTime, a DDS reset cannot be judged by any read (DDS lists no change time).
 */

export const MARIADB_CREATE_KIND = "tencent.mariadb.account.create";
export const MARIADB_RESET_KIND = "tencent.mariadb.account.reset-password";
export const MARIADB_DELETE_KIND = "tencent.mariadb.account.delete";
export const DDS_CREATE_KIND = "huawei.dds.user.create";
export const DDS_RESET_KIND = "huawei.dds.user.reset-password";
export const DDS_DELETE_KIND = "huawei.dds.user.delete";
export const DB_ACCOUNT_KINDS = [MARIADB_CREATE_KIND, MARIADB_RESET_KIND, MARIADB_DELETE_KIND, DDS_CREATE_KIND, DDS_RESET_KIND, DDS_DELETE_KIND];
/** Audit action of settlements made by the console itself; they carry no actor. */
export const RECONCILE_ACTION = "db-accounts.reconcile";

export interface MariadbAccountParams extends Record<string, unknown> {
  accountId: string;
  region: string;
  instanceId: string;
  instanceName: string;
  userName: string;
  host: string;
}

export interface MariadbCreateParams extends MariadbAccountParams {
  readOnly: 0 | 1 | 2 | 3;
  delayThresh: number | null;
  slaveConst: 0 | 1 | null;
  maxUserConnections: number;
  description: string;
}

export interface MariadbResetParams extends MariadbAccountParams {
  /** When the reset was asked for (ISO): an account updated since then had its password set. */
  askedAt: string;
}

export interface DdsUserParams extends Record<string, unknown> {
  accountId: string;
  projectId: string;
  region: string;
  instanceId: string;
  instanceName: string;
  userName: string;
  dbName: string;
}

export interface DdsCreateParams extends DdsUserParams {
  roles: { roleDbName: string; roleName: string }[];
}

/** MySQL compares account hosts without case; the pair is the account's identity. */
export const mariadbIdentity = (userName: string, host: string) => `${userName}@${host.toLowerCase()}`;
export const mariadbTarget = (instanceId: string, userName: string, host: string) => `mariadb-account:${instanceId}:${userName}@${host}`;
export const ddsTarget = (instanceId: string, dbName: string, userName: string) => `dds-user:${instanceId}:${dbName}.${userName}`;
const mariadbLock = (p: MariadbAccountParams) => `mariadb-account:${p.instanceId}:${mariadbIdentity(p.userName, p.host)}`;
const ddsLock = (p: DdsUserParams) => `dds-user:${p.instanceId}:${p.dbName}.${p.userName}`;

function accountsOf(ctx: KindContext<MariadbApi>, instanceId: string) {
  return ctx.memo(`mariadb-accounts:${instanceId}`, async () => (await ctx.client.describeAccounts({ instanceId }, { signal: ctx.signal })).accounts);
}

async function findMariadb(ctx: KindContext<MariadbApi>, p: MariadbAccountParams) {
  const identity = mariadbIdentity(p.userName, p.host);
  return (await accountsOf(ctx, p.instanceId)).find((a) => mariadbIdentity(a.userName, a.host) === identity);
}

async function ddsUsersOf(ctx: KindContext<DdsApi>, p: DdsUserParams) {
  return ctx.memo(`dds-user:${p.instanceId}:${p.dbName}.${p.userName}`, async () =>
    (await ctx.client.listDbUsers({ instanceId: p.instanceId, userName: p.userName, dbName: p.dbName }, { signal: ctx.signal })).users,
  );
}

const ddsExists = async (ctx: KindContext<DdsApi>, p: DdsUserParams) => (await ddsUsersOf(ctx, p)).some((u) => u.userName === p.userName && u.dbName === p.dbName);

/** Tencent's times are Beijing time without a zone: "2026-12-07 15:04:05". */
export function tencentTime(value: string | undefined): number | null {
  const m = value?.match(/^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/);
  if (!m) return null;
  const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(t) ? null : t;
}

/** Changed, refused or unknown: no instance may go on serving the instance's account list as it was. */
const afterMariadb = (p: MariadbAccountParams) => invalidate(dbAccountsResource(p.accountId, p.instanceId));
const afterDds = (p: DdsUserParams) => invalidate(dbAccountsResource(p.accountId, p.instanceId));

const mariadbAudit = (p: MariadbAccountParams) => ({ instanceId: p.instanceId, instanceName: p.instanceName, userName: p.userName, host: p.host, region: p.region });
const ddsAudit = (p: DdsUserParams) => ({ instanceId: p.instanceId, instanceName: p.instanceName, userName: p.userName, dbName: p.dbName, region: p.region });

function password(transient: Record<string, string | undefined>): string {
  const value = transient.password;
  // A resumed row has no password (it is never stored): its attempt cannot be repeated.
  if (!value) throw new Error("the password is not available any more; ask for the change again");
  return value;
}

export const mariadbCreate = defineOperationKind<MariadbCreateParams, MariadbApi>({
  name: MARIADB_CREATE_KIND,
  client: "mariadb",
  noun: "account creation",
  vendorName: "Tencent MariaDB",
  reconcileAuditAction: RECONCILE_ACTION,
  lockKey: mariadbLock,
  async execute(p, ctx, transient) {
    try {
      const done = await ctx.client.createAccount(
        {
          instanceId: p.instanceId,
          userName: p.userName,
          host: p.host,
          password: password(transient),
          readOnly: p.readOnly,
          description: p.description || undefined,
          delayThresh: p.delayThresh ?? undefined,
          slaveConst: p.slaveConst ?? undefined,
          maxUserConnections: p.maxUserConnections || undefined,
        },
        { signal: ctx.signal },
      );
      return { result: { created: true, readOnly: done.readOnly, foundAfterRetry: done.foundAfterRetry ?? false, passwordSent: done.passwordSent }, vendorRequestId: done.requestId ?? null };
    } finally {
      await afterMariadb(p);
    }
  },
  async reconcile(p, ctx) {
    return (await findMariadb(ctx, p)) ? { happened: true, result: { created: true } } : { happened: false };
  },
  auditParams: mariadbAudit,
});

export const mariadbReset = defineOperationKind<MariadbResetParams, MariadbApi>({
  name: MARIADB_RESET_KIND,
  client: "mariadb",
  noun: "password reset",
  vendorName: "Tencent MariaDB",
  reconcileAuditAction: RECONCILE_ACTION,
  lockKey: mariadbLock,
  async execute(p, ctx, transient) {
    try {
      const done = await ctx.client.resetAccountPassword({ instanceId: p.instanceId, userName: p.userName, host: p.host, password: password(transient) }, { signal: ctx.signal });
      return { result: { reset: true, passwordSent: done.passwordSent }, vendorRequestId: done.requestId ?? null };
    } finally {
      await afterMariadb(p);
    }
  },
  async reconcile(p, ctx) {
    const account = await findMariadb(ctx, p);
    const updated = tencentTime(account?.updateTime);
    const asked = Date.parse(p.askedAt);
    // The vendor keeps whole seconds: anything updated in the second of the request or later counts.
    return account && updated !== null && !Number.isNaN(asked) && updated >= Math.floor(asked / 1000) * 1000 - 1000
      ? { happened: true, result: { reset: true } }
      : { happened: false };
  },
  auditParams: mariadbAudit,
});

export const mariadbDelete = defineOperationKind<MariadbAccountParams, MariadbApi>({
  name: MARIADB_DELETE_KIND,
  client: "mariadb",
  noun: "account deletion",
  vendorName: "Tencent MariaDB",
  reconcileAuditAction: RECONCILE_ACTION,
  lockKey: mariadbLock,
  async execute(p, ctx) {
    try {
      const done = await ctx.client.deleteAccount({ instanceId: p.instanceId, userName: p.userName, host: p.host }, { signal: ctx.signal });
      return { result: { deleted: true, alreadyGone: done.alreadyGone }, vendorRequestId: done.requestId ?? null };
    } finally {
      await afterMariadb(p);
    }
  },
  async reconcile(p, ctx) {
    return (await findMariadb(ctx, p)) ? { happened: false } : { happened: true, result: { deleted: true } };
  },
  auditParams: mariadbAudit,
});

export const ddsCreate = defineOperationKind<DdsCreateParams, DdsApi>({
  name: DDS_CREATE_KIND,
  client: "dds",
  noun: "user creation",
  vendorName: "DDS",
  reconcileAuditAction: RECONCILE_ACTION,
  lockKey: ddsLock,
  async execute(p, ctx, transient) {
    try {
      const done = await ctx.client.createDbUser({ instanceId: p.instanceId, userName: p.userName, dbName: p.dbName, roles: p.roles, password: password(transient) }, { signal: ctx.signal });
      return { result: { created: true, foundAfterRetry: done.foundAfterRetry ?? false }, vendorRequestId: done.requestId ?? null };
    } finally {
      await afterDds(p);
    }
  },
  async reconcile(p, ctx) {
    return (await ddsExists(ctx, p)) ? { happened: true, result: { created: true } } : { happened: false };
  },
  auditParams: (p) => ({ ...ddsAudit(p), roles: p.roles.map((r) => `${r.roleDbName}.${r.roleName}`) }),
});

export const ddsReset = defineOperationKind<DdsUserParams, DdsApi>({
  name: DDS_RESET_KIND,
  client: "dds",
  noun: "password reset",
  vendorName: "DDS",
  reconcileAuditAction: RECONCILE_ACTION,
  lockKey: ddsLock,
  async execute(p, ctx, transient) {
    try {
      const done = await ctx.client.resetPassword({ instanceId: p.instanceId, userName: p.userName, dbName: p.dbName, password: password(transient) }, { signal: ctx.signal });
      return { result: { reset: true }, vendorRequestId: done.requestId ?? null };
    } finally {
      await afterDds(p);
    }
  },
  async reconcile(p, ctx) {
    // A user that is gone had no password set; one that exists may or may not have the new one.
    return (await ddsExists(ctx, p)) ? { happened: "unverifiable" } : { happened: false };
  },
  auditParams: ddsAudit,
});

export const ddsDelete = defineOperationKind<DdsUserParams, DdsApi>({
  name: DDS_DELETE_KIND,
  client: "dds",
  noun: "user deletion",
  vendorName: "DDS",
  reconcileAuditAction: RECONCILE_ACTION,
  lockKey: ddsLock,
  async execute(p, ctx) {
    try {
      const done = await ctx.client.deleteDbUser({ instanceId: p.instanceId, userName: p.userName, dbName: p.dbName }, { signal: ctx.signal });
      return { result: { deleted: true, alreadyGone: done.alreadyGone }, vendorRequestId: done.requestId ?? null };
    } finally {
      await afterDds(p);
    }
  },
  async reconcile(p, ctx) {
    return (await ddsExists(ctx, p)) ? { happened: false } : { happened: true, result: { deleted: true } };
  },
  auditParams: ddsAudit,
});
