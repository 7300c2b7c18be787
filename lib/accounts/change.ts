import "server-only";
import { createHash } from "node:crypto";
import { actionError } from "@/lib/actions/action-error";
import type { ActionContext } from "@/lib/actions/safe-action";
import type { Actor } from "@/lib/auth/session";
import { errorFromSettled } from "@/lib/dal/proxy-accesses-records";
import {
  DDS_CREATE_KIND,
  DDS_DELETE_KIND,
  DDS_RESET_KIND,
  ddsCreate,
  ddsDelete,
  ddsReset,
  ddsTarget,
  MARIADB_CREATE_KIND,
  MARIADB_DELETE_KIND,
  MARIADB_RESET_KIND,
  mariadbCreate,
  mariadbDelete,
  mariadbReset,
  mariadbTarget,
} from "@/lib/operations/db-accounts";
import { ledgerDeps } from "@/lib/operations/deps";
import type { AnyKind, OperationRow } from "@/lib/operations/kinds";
import { runOperation } from "@/lib/operations/ledger";
import { describeFailure } from "@/lib/actions/failure";
import { currentLocale } from "@/lib/i18n/request-locale";
import { findInstance, openScope, type DbInstanceDto, type OpenedScope } from "./instances";

/*
 * Creating, resetting and deleting database accounts. Each opens the scope (the actor may use the
 * account, the region or project is one it reaches), finds the instance as the vendor lists it now
 * (the actor may manage it, its state takes account calls), then goes through the ledger with the
 * password as a transient value: it reaches the vendor client and nothing else.
 */

interface TencentRef {
  accountId: string;
  region: string;
  instanceId: string;
}
interface DdsRef {
  accountId: string;
  projectId: string;
  region: string;
  instanceId: string;
}

export interface CreateMariadbAccount extends TencentRef {
  userName: string;
  host: string;
  password: string;
  readOnly: 0 | 1 | 2 | 3;
  delayThresh?: number | null;
  slaveConst?: 0 | 1 | null;
  maxUserConnections: number;
  description: string;
  idempotencyKey: string;
}
export interface ResetMariadbPassword extends TencentRef {
  userName: string;
  host: string;
  password: string;
  idempotencyKey: string;
}
export interface DeleteMariadbAccounts extends TencentRef {
  accounts: { userName: string; host: string }[];
  idempotencyKey: string;
}
export interface CreateDdsUser extends DdsRef {
  userName: string;
  password: string;
  dbName: string;
  roles: { roleDbName: string; roleName: string }[];
  idempotencyKey: string;
}
export interface ResetDdsPassword extends DdsRef {
  userName: string;
  dbName: string;
  password: string;
  idempotencyKey: string;
}
export interface DeleteDdsUsers extends DdsRef {
  users: { userName: string; dbName: string }[];
  idempotencyKey: string;
}

export interface ChangeAnswer {
  requestId: string | null;
  /** The vendor had it already when the console looked after a lost answer. */
  foundAfterRetry: boolean;
  /** Tencent: the password went RSA-encrypted with the instance's key, or as Password (the key call was not available). */
  passwordSent: "encrypted" | "plain" | null;
}

export interface BulkItemResult {
  key: string;
  ok: boolean;
  /** Already gone when deleted. */
  alreadyGone?: boolean;
  requestId: string | null;
  code?: string;
  message?: string;
}

async function openTencent(actor: Actor, ref: TencentRef) {
  const scope = await openScope(actor, "tencent", ref.accountId, ref.region, "dbAccounts:manage");
  const instance = await findInstance(actor, scope, ref.instanceId, "dbAccounts:manage");
  return { scope, instance };
}

async function openDds(actor: Actor, ref: DdsRef) {
  const scope = await openScope(actor, "huawei", ref.accountId, ref.projectId, "dbAccounts:manage");
  if (scope.region !== ref.region) throw actionError("projectNotFound", { code: "NOT_FOUND" });
  const instance = await findInstance(actor, scope, ref.instanceId, "dbAccounts:manage");
  return { scope, instance };
}

/** An instance whose state refuses account calls is refused here, so nothing is sent. */
function requireReady(instance: DbInstanceDto) {
  const r = instance.notReady;
  if (!r) return;
  const id = instance.instanceId;
  if (r.key === "ddsEnhanced") throw actionError("dbInstanceEnhanced", { values: { id }, code: "INSTANCE_NOT_READY" });
  // The vendor's own state code, which support and the vendor's console use.
  const state = r.key === "tencentStatus" ? String(r.status ?? "") : r.key === "ddsStatus" ? r.status : r.action;
  throw actionError("dbInstanceNotReady", { values: { id, vendor: instance.vendor === "tencent" ? "MariaDB" : "DDS", state }, code: "INSTANCE_NOT_READY" });
}

const who = (actor: Actor) => ({ id: actor.id, email: actor.email, roles: actor.roles });

type Outcome = Awaited<ReturnType<typeof runOperation>>;

function settledRow(outcome: Outcome, kind: string, target: string, name: string): OperationRow {
  if (outcome.kind === "busy") throw actionError("dbAccountBusy", { values: { name }, code: "IN_PROGRESS" });
  const row = outcome.row;
  if (row.kind !== kind || row.target !== target) throw actionError("dbAccountFormReused", { code: "IDEMPOTENCY_MISMATCH" });
  if (outcome.kind === "in-progress") throw actionError("firstSubmissionRunning", { code: "IN_PROGRESS" });
  return row;
}

function answerOf(row: OperationRow): ChangeAnswer {
  if (row.status !== "succeeded") throw errorFromSettled(row);
  const result = (row.result ?? {}) as { foundAfterRetry?: boolean; passwordSent?: "encrypted" | "plain" };
  return { requestId: row.vendorRequestId, foundAfterRetry: Boolean(result.foundAfterRetry), passwordSent: result.passwordSent ?? null };
}

/** One key per item of a bulk request: resubmitting the selection deletes each account once. */
function itemKey(key: string, item: string): string {
  const h = createHash("sha256").update(`${key}\u0000${item}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface SingleChange<P extends Record<string, unknown>> {
  kind: AnyKind & { name: string };
  kindName: string;
  action: string;
  scope: OpenedScope;
  target: string;
  label: string;
  params: P;
  intent: Record<string, unknown>;
  idempotencyKey: string;
  password?: string;
}

async function runSingle<P extends Record<string, unknown>>(actor: Actor, ctx: ActionContext, c: SingleChange<P>): Promise<ChangeAnswer> {
  const outcome = await runOperation(
    c.kind,
    {
      idempotencyKey: c.idempotencyKey,
      cloudAccountId: c.scope.accountId,
      target: c.target,
      params: c.params,
      actor: who(actor),
      audit: { action: c.action, params: {}, wrapper: { correlationId: ctx.correlationId, afterOutcome: ctx.afterOutcome, recordIntent: () => ctx.recordIntent({ target: c.target, params: c.intent }) } },
      client: c.scope.client,
      transient: c.password ? { password: c.password } : undefined,
    },
    await ledgerDeps(),
  );
  const row = settledRow(outcome, c.kindName, c.target, c.label);
  ctx.setOutcome({ target: c.target, vendorRequestId: row.vendorRequestId, params: c.intent });
  return answerOf(row);
}

const tencentBase = (scope: OpenedScope, instance: DbInstanceDto, userName: string, host: string) => ({
  accountId: scope.accountId,
  region: scope.region,
  instanceId: instance.instanceId,
  instanceName: instance.name,
  userName,
  host,
});

const ddsBase = (scope: OpenedScope, instance: DbInstanceDto, userName: string, dbName: string) => ({
  accountId: scope.accountId,
  projectId: scope.projectId ?? "",
  region: scope.region,
  instanceId: instance.instanceId,
  instanceName: instance.name,
  userName,
  dbName,
});

export async function createMariadbAccount(actor: Actor, input: CreateMariadbAccount, ctx: ActionContext): Promise<ChangeAnswer> {
  const { scope, instance } = await openTencent(actor, input);
  requireReady(instance);
  if (input.maxUserConnections && !instance.maxConnectionsSupported) {
    throw actionError("maxConnectionsKernel", { values: { version: instance.version }, code: "INVALID_INPUT", fieldErrors: { maxUserConnections: [{ key: "maxConnectionsKernelField", values: { version: instance.version } }] } });
  }
  const readOnly = input.readOnly;
  const params = {
    ...tencentBase(scope, instance, input.userName, input.host),
    readOnly,
    delayThresh: readOnly === 1 || readOnly === 2 ? (input.delayThresh ?? null) : null,
    slaveConst: readOnly === 0 ? null : (input.slaveConst ?? null),
    maxUserConnections: input.maxUserConnections,
    description: input.description,
  };
  return runSingle(actor, ctx, {
    kind: mariadbCreate as unknown as AnyKind,
    kindName: MARIADB_CREATE_KIND,
    action: "mariadb-accounts.create",
    scope,
    target: mariadbTarget(instance.instanceId, input.userName, input.host),
    label: `${input.userName}@${input.host}`,
    params,
    intent: { instanceId: instance.instanceId, instanceName: instance.name, region: scope.region, userName: input.userName, host: input.host, readOnly, maxUserConnections: input.maxUserConnections },
    idempotencyKey: input.idempotencyKey,
    password: input.password,
  });
}

export async function resetMariadbPassword(actor: Actor, input: ResetMariadbPassword, ctx: ActionContext): Promise<ChangeAnswer> {
  const { scope, instance } = await openTencent(actor, input);
  requireReady(instance);
  return runSingle(actor, ctx, {
    kind: mariadbReset as unknown as AnyKind,
    kindName: MARIADB_RESET_KIND,
    action: "mariadb-accounts.reset-password",
    scope,
    target: mariadbTarget(instance.instanceId, input.userName, input.host),
    label: `${input.userName}@${input.host}`,
    params: { ...tencentBase(scope, instance, input.userName, input.host), askedAt: new Date().toISOString() },
    intent: { instanceId: instance.instanceId, instanceName: instance.name, region: scope.region, userName: input.userName, host: input.host },
    idempotencyKey: input.idempotencyKey,
    password: input.password,
  });
}

export async function createDdsUser(actor: Actor, input: CreateDdsUser, ctx: ActionContext): Promise<ChangeAnswer> {
  const { scope, instance } = await openDds(actor, input);
  requireReady(instance);
  return runSingle(actor, ctx, {
    kind: ddsCreate as unknown as AnyKind,
    kindName: DDS_CREATE_KIND,
    action: "dds-users.create",
    scope,
    target: ddsTarget(instance.instanceId, input.dbName, input.userName),
    label: `${input.dbName}.${input.userName}`,
    params: { ...ddsBase(scope, instance, input.userName, input.dbName), roles: input.roles },
    intent: { instanceId: instance.instanceId, instanceName: instance.name, region: scope.region, userName: input.userName, dbName: input.dbName, roles: input.roles.map((r) => `${r.roleDbName}.${r.roleName}`) },
    idempotencyKey: input.idempotencyKey,
    password: input.password,
  });
}

export async function resetDdsPassword(actor: Actor, input: ResetDdsPassword, ctx: ActionContext): Promise<ChangeAnswer> {
  const { scope, instance } = await openDds(actor, input);
  requireReady(instance);
  return runSingle(actor, ctx, {
    kind: ddsReset as unknown as AnyKind,
    kindName: DDS_RESET_KIND,
    action: "dds-users.reset-password",
    scope,
    target: ddsTarget(instance.instanceId, input.dbName, input.userName),
    label: `${input.dbName}.${input.userName}`,
    params: ddsBase(scope, instance, input.userName, input.dbName),
    intent: { instanceId: instance.instanceId, instanceName: instance.name, region: scope.region, userName: input.userName, dbName: input.dbName },
    idempotencyKey: input.idempotencyKey,
    password: input.password,
  });
}

/** Each item of a bulk delete has its own intent and outcome entries under this action. */
export const MARIADB_DELETE_ITEM_ACTION = "mariadb-accounts.delete.account";
export const DDS_DELETE_ITEM_ACTION = "dds-users.delete.user";

interface BulkItem {
  key: string;
  target: string;
  params: Record<string, unknown>;
}

/**
 * Deletes each item through the ledger, one after another (the vendor paces account calls per
 * credential), and answers per item. One audit entry per action, with the per-item outcome.
 */
async function deleteEach(actor: Actor, ctx: ActionContext, scope: OpenedScope, kind: AnyKind, kindName: string, itemAction: string, items: BulkItem[], idempotencyKey: string, intent: Record<string, unknown>): Promise<BulkItemResult[]> {
  const deps = await ledgerDeps();
  const locale = await currentLocale(actor.locale);
  const results: BulkItemResult[] = [];
  for (const item of items) {
    try {
      const outcome = await runOperation(
        kind,
        {
          idempotencyKey: itemKey(idempotencyKey, item.key),
          cloudAccountId: scope.accountId,
          target: item.target,
          params: item.params,
          actor: who(actor),
          audit: { action: itemAction, params: { instanceId: intent.instanceId, instanceName: intent.instanceName, region: intent.region, item: item.key }, meta: ctx.meta },
          client: scope.client,
        },
        deps,
      );
      const row = settledRow(outcome, kindName, item.target, item.key);
      const answer = answerOf(row);
      results.push({ key: item.key, ok: true, alreadyGone: Boolean((row.result as { alreadyGone?: boolean } | null)?.alreadyGone), requestId: answer.requestId });
    } catch (error) {
      const failure = describeFailure(error, itemAction, locale);
      results.push({ key: item.key, ok: false, requestId: failure.requestId ?? null, code: failure.code ?? "FAILED", message: failure.formError });
    }
  }
  const failed = results.filter((r) => !r.ok).length;
  ctx.setOutcome({
    params: { ...intent, deleted: results.filter((r) => r.ok).map((r) => r.key), failed: results.filter((r) => !r.ok).map((r) => `${r.key} (${r.code})`) },
    vendorRequestId: results.find((r) => r.requestId)?.requestId ?? null,
    outcome: failed === 0 ? "success" : failed === results.length ? "failure" : "partial",
  });
  return results;
}

export async function deleteMariadbAccounts(actor: Actor, input: DeleteMariadbAccounts, ctx: ActionContext): Promise<BulkItemResult[]> {
  const { scope, instance } = await openTencent(actor, input);
  requireReady(instance);
  const items = input.accounts.map((a) => ({ key: `${a.userName}@${a.host}`, target: mariadbTarget(instance.instanceId, a.userName, a.host), params: tencentBase(scope, instance, a.userName, a.host) }));
  const intent = { instanceId: instance.instanceId, instanceName: instance.name, region: scope.region, accounts: items.map((i) => i.key) };
  return deleteEach(actor, ctx, scope, mariadbDelete as unknown as AnyKind, MARIADB_DELETE_KIND, MARIADB_DELETE_ITEM_ACTION, items, input.idempotencyKey, intent);
}

export async function deleteDdsUsers(actor: Actor, input: DeleteDdsUsers, ctx: ActionContext): Promise<BulkItemResult[]> {
  const { scope, instance } = await openDds(actor, input);
  requireReady(instance);
  const items = input.users.map((u) => ({ key: `${u.dbName}.${u.userName}`, target: ddsTarget(instance.instanceId, u.dbName, u.userName), params: ddsBase(scope, instance, u.userName, u.dbName) }));
  const intent = { instanceId: instance.instanceId, instanceName: instance.name, region: scope.region, users: items.map((i) => i.key) };
  return deleteEach(actor, ctx, scope, ddsDelete as unknown as AnyKind, DDS_DELETE_KIND, DDS_DELETE_ITEM_ACTION, items, input.idempotencyKey, intent);
}

