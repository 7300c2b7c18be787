import type { EmuContext } from "../context";
import type { DdsInstance, RoleRef } from "../state-types";
import { delOp, putOp } from "../store";
import type { ServiceHandler } from "../types";
import { hashSecret, isPlainObject } from "../util";
import {
  ddsInstanceView, isBuiltinRole, ADMIN_ONLY_ROLES, BUILTIN_USERS, PER_DB_ROLES, RESERVED_USERS, roleDoc, roleKey, userDoc, userKey,
} from "./dds-model";
import { createHuaweiHandler, HwError, nameFilter, pageParams, paramError, type HwCall, type HwRoute } from "./gateway";

const INSTANCE_RE = /^[A-Za-z0-9]{1,64}$/;
// Seed 004 (the English page of 2026-01-08): user and role names take letters, digits, "-" and "."
// (no "_", which only the older Chinese page listed); database names take letters, digits and "_".
const USER_RE = /^[A-Za-z0-9.-]{1,64}$/;
const DB_RE = /^[A-Za-z0-9_]{1,64}$/;
const ROLE_RE = /^[A-Za-z0-9.-]{1,64}$/;
const PWD_RE = /^[A-Za-z0-9~!@#%^*\-_=+?()$]{8,32}$/;
const USER_RULE = "user_name must be 1-64 letters, digits, hyphens or periods";
const P = "(?<project>[^/]+)";
const I = "(?<instance>[^/]+)";

function findInstance(call: HwCall): DdsInstance {
  const id = call.path.instance ?? "";
  if (!INSTANCE_RE.test(id)) throw paramError("instance_id is invalid");
  const inst = call.ctx.store.get("ddsInstances", id);
  if (!inst || inst.projectId !== call.projectId) throw new HwError(404, "DBS.200002", "The DB instance does not exist.");
  return inst;
}

/**
 * Seed 004 and the list-users page: the db-user and db-role APIs apply only to DDS Community Edition.
 * The code for an Enhanced instance is not documented; the emulator answers a parameter error.
 */
function requireCommunity(inst: DdsInstance): void {
  if ((inst.datastoreType ?? "DDS-Community") !== "DDS-Community") {
    throw paramError("the instance is DDS Enhanced Edition; database users and roles are managed through this API only on DDS Community Edition");
  }
}

/** Refused while creating, changing class or port, frozen, restarting or abnormal: only "normal" with nothing in progress. */
function requireNormal(inst: DdsInstance): void {
  if (inst.status !== "normal" || (inst.actions ?? []).length > 0) {
    throw new HwError(403, "DBS.200019", "Operation cannot be executed in current state of the DB instance.");
  }
}

/** The instance a db-user or db-role call names, Community Edition only. */
function accountInstance(call: HwCall): DdsInstance {
  const inst = findInstance(call);
  requireCommunity(inst);
  return inst;
}

function listInstances(call: HwCall) {
  const { offset, limit } = pageParams(call.query, 100);
  const byId = nameFilter(call.query, "id");
  const byName = nameFilter(call.query, "name");
  const mode = call.query.get("mode");
  if (mode && !["Sharding", "ReplicaSet", "Single"].includes(mode)) throw paramError("mode must be Sharding, ReplicaSet or Single");
  const ds = call.query.get("datastore_type");
  if (ds && !["DDS-Community", "DDS-Enhanced"].includes(ds)) throw paramError("datastore_type is invalid");
  const rows = call.ctx.store
    .values("ddsInstances")
    .filter((i) => i.projectId === call.projectId && (!byId || byId(i.id)) && (!byName || byName(i.name)))
    .filter((i) => (!mode || i.mode === mode) && (!ds || (i.datastoreType ?? "DDS-Community") === ds))
    .filter((i) => (!call.query.get("vpc_id") || i.vpcId === call.query.get("vpc_id")) && (!call.query.get("subnet_id") || i.subnetId === call.query.get("subnet_id")))
    .sort((a, b) => b.created - a.created);
  const region = call.ctx.fixtures.huawei.region;
  return { total_count: rows.length, instances: rows.slice(offset, offset + limit).map((i) => ddsInstanceView(i, region)) };
}

function customRoles(call: HwCall, inst: DdsInstance) {
  return call.ctx.store.values("ddsRoles").filter((r) => r.instanceId === inst.id);
}

function listUsers(call: HwCall) {
  const inst = accountInstance(call);
  const { offset, limit } = pageParams(call.query, 100);
  const name = call.query.get("user_name");
  const db = call.query.get("db_name");
  requireNormal(inst);
  const rows = call.ctx.store
    .values("ddsUsers")
    .filter((u) => u.instanceId === inst.id && (!name || u.user === name) && (!db || u.db === db))
    .sort((a, b) => a.db.localeCompare(b.db) || a.user.localeCompare(b.user));
  const roles = customRoles(call, inst);
  // The real API returns the list as a JSON-encoded string, not as an array.
  return { total_count: rows.length, users: JSON.stringify(rows.slice(offset, offset + limit).map((u) => userDoc(u, roles))) };
}

function listRoles(call: HwCall) {
  const inst = accountInstance(call);
  const { offset, limit } = pageParams(call.query, 100);
  const db = call.query.get("db_name") || "admin";
  const name = call.query.get("role_name");
  requireNormal(inst);
  const custom = customRoles(call, inst).filter((r) => r.db === db);
  const builtins = [...PER_DB_ROLES, ...(db === "admin" ? ADMIN_ONLY_ROLES : [])].map((r) => roleDoc(db, r));
  const all = [...builtins, ...custom.map((c) => roleDoc(c.db, c.role, c))].filter((r) => !name || r.role === name);
  return { total_count: all.length, roles: JSON.stringify(all.slice(offset, offset + limit)) };
}

function parseRoles(call: HwCall, inst: DdsInstance, raw: unknown): RoleRef[] {
  if (!Array.isArray(raw)) throw paramError("roles is required and must be an array (it may be empty)");
  return raw.map((r, n) => {
    if (!isPlainObject(r)) throw paramError(`roles[${n}] must be an object`);
    const db = r.role_db_name;
    const role = r.role_name;
    if (typeof db !== "string" || !DB_RE.test(db)) throw paramError(`roles[${n}].role_db_name must be 1-64 letters, digits or underscores`);
    if (typeof role !== "string" || !ROLE_RE.test(role)) throw paramError(`roles[${n}].role_name must be 1-64 letters, digits, hyphens or periods`);
    if (!isBuiltinRole(db, role) && !call.ctx.store.get("ddsRoles", roleKey(inst.id, db, role))) {
      throw paramError(`roles[${n}]: role ${role} does not exist in database ${db}`);
    }
    return { role, db };
  });
}

function checkPassword(pwd: unknown): string {
  const ok =
    typeof pwd === "string" && PWD_RE.test(pwd) &&
    [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].every((re) => re.test(pwd));
  if (!ok) {
    throw new HwError(400, "DBS.200052", "Invalid password: 8-32 characters combining upper and lower case letters, digits and the symbols ~!@#%^*-_=+?()$");
  }
  return pwd as string;
}

function createUser(call: HwCall) {
  const inst = accountInstance(call);
  const body = call.json();
  const user = body.user_name;
  if (typeof user !== "string" || !USER_RE.test(user)) throw paramError(USER_RULE);
  if (RESERVED_USERS.includes(user)) throw paramError(`user_name ${user} is reserved`);
  const password = checkPassword(body.user_pwd);
  const db = body.db_name ?? "admin";
  if (typeof db !== "string" || !DB_RE.test(db)) throw paramError("db_name must be 1-64 letters, digits or underscores");
  const roles = parseRoles(call, inst, body.roles);
  requireNormal(inst);
  const key = userKey(inst.id, db, user);
  if (call.ctx.store.get("ddsUsers", key)) throw new HwError(400, "DBS.201016", "The database user already exists.");
  call.ctx.store.commit([putOp("ddsUsers", key, { instanceId: inst.id, db, user, roles, passwordHash: hashSecret(password) })]);
  return {};
}

function deleteUser(call: HwCall) {
  const inst = accountInstance(call);
  const body = call.json();
  const { user_name: user, db_name: db } = body;
  if (typeof user !== "string" || !USER_RE.test(user)) throw paramError(USER_RULE);
  if (typeof db !== "string" || !DB_RE.test(db)) throw paramError("db_name is required");
  if (RESERVED_USERS.includes(user)) throw paramError(`user ${user} is managed by the service and cannot be deleted`);
  requireNormal(inst);
  const key = userKey(inst.id, db, user);
  if (!call.ctx.store.get("ddsUsers", key)) throw new HwError(404, "DBS.201017", "The database user does not exist.");
  call.ctx.store.commit([delOp("ddsUsers", key)]);
  return {};
}

/** PUT reset-password: user_name defaults to rwuser (whose password is the one thing about it that may change), db_name to admin. */
function resetPassword(call: HwCall) {
  const inst = accountInstance(call);
  const body = call.json();
  const user = body.user_name ?? "rwuser";
  const db = body.db_name ?? "admin";
  if (typeof user !== "string" || !USER_RE.test(user)) throw paramError(USER_RULE);
  if (typeof db !== "string" || !DB_RE.test(db)) throw paramError("db_name must be 1-64 letters, digits or underscores");
  if (BUILTIN_USERS.includes(user)) throw paramError(`user ${user} is managed by the service and its password cannot be reset`);
  const password = checkPassword(body.user_pwd);
  requireNormal(inst);
  const key = userKey(inst.id, db, user);
  const existing = call.ctx.store.get("ddsUsers", key);
  if (!existing) throw new HwError(404, "DBS.201017", "The database user does not exist.");
  call.ctx.store.commit([putOp("ddsUsers", key, { ...existing, passwordHash: hashSecret(password) })]);
  return {};
}

const routes: HwRoute[] = [
  { method: "GET", pattern: new RegExp(`^/v3/${P}/instances$`), action: "ListInstances", run: listInstances },
  { method: "GET", pattern: new RegExp(`^/v3/${P}/instances/${I}/db-user/detail$`), action: "ListDatabaseUsers", run: listUsers },
  { method: "POST", pattern: new RegExp(`^/v3/${P}/instances/${I}/db-user$`), action: "CreateDatabaseUser", run: createUser },
  { method: "DELETE", pattern: new RegExp(`^/v3/${P}/instances/${I}/db-user$`), action: "DeleteDatabaseUser", run: deleteUser },
  { method: "GET", pattern: new RegExp(`^/v3/${P}/instances/${I}/db-roles$`), action: "ListDatabaseRoles", run: listRoles },
  { method: "PUT", pattern: new RegExp(`^/v3/${P}/instances/${I}/reset-password$`), action: "ResetPassword", run: resetPassword },
];

export function createDdsHandler(ctx: EmuContext): ServiceHandler {
  return createHuaweiHandler("dds", routes, ctx);
}
