import type { DdsInstance, DdsRole, DdsUser, RoleRef } from "../state-types";
import { formatHuaweiTime } from "../util";

/** MongoDB built-in roles that exist in every database. */
export const PER_DB_ROLES = ["read", "readWrite", "dbAdmin", "dbOwner", "userAdmin"];
/** Built-in roles that exist only in the admin database. */
export const ADMIN_ONLY_ROLES = [
  "readAnyDatabase", "readWriteAnyDatabase", "userAdminAnyDatabase", "dbAdminAnyDatabase",
  "clusterAdmin", "clusterManager", "clusterMonitor", "hostManager", "backup", "restore", "root",
];
/** Internal and built-in accounts whose password nobody may reset through the API. */
export const BUILTIN_USERS = ["drsFull", "drsIncremental", "root", "monitor", "backup"];
/** Accounts the service manages itself: never created or deleted through the API (rwuser's password can be reset). */
export const RESERVED_USERS = [...BUILTIN_USERS, "rwuser"];

/**
 * Operations in progress as ListInstances' `actions` names them (assumed values, see README): while
 * one runs the status stays "normal", and the db-user and db-role APIs are refused.
 */
export const DDS_ACTIONS = { creating: "CREATE", resizing: "RESIZE_FLAVOR", changingPort: "MODIFY_PORT", restarting: "RESTARTING" } as const;

export function isBuiltinRole(db: string, role: string): boolean {
  return PER_DB_ROLES.includes(role) || (db === "admin" && ADMIN_ONLY_ROLES.includes(role));
}

export function userKey(instanceId: string, db: string, user: string): string {
  return `${instanceId}|${db}|${user}`;
}

export function roleKey(instanceId: string, db: string, role: string): string {
  return `${instanceId}|${db}|${role}`;
}

/** The shape of MongoDB's usersInfo output, which DDS returns as a JSON string. */
export function userDoc(u: DdsUser, customRoles: DdsRole[]): Record<string, unknown> {
  const inherited = new Map<string, RoleRef>();
  const visit = (r: RoleRef) => {
    const k = `${r.db}.${r.role}`;
    if (inherited.has(k)) return;
    inherited.set(k, r);
    customRoles.find((c) => c.db === r.db && c.role === r.role)?.roles.forEach(visit);
  };
  u.roles.forEach(visit);
  return {
    _id: `${u.db}.${u.user}`,
    user: u.user,
    db: u.db,
    roles: u.roles.map((r) => ({ role: r.role, db: r.db })),
    inheritedRoles: [...inherited.values()].map((r) => ({ role: r.role, db: r.db })),
    inheritedPrivileges: [],
    inheritedAuthenticationRestrictions: [],
    authenticationRestrictions: [],
  };
}

export function roleDoc(db: string, role: string, custom?: DdsRole): Record<string, unknown> {
  return {
    _id: `${db}.${role}`,
    role,
    db,
    isBuiltin: !custom,
    roles: custom?.roles.map((r) => ({ role: r.role, db: r.db })) ?? [],
    privileges: custom?.privileges ?? [],
    inheritedRoles: custom?.roles.map((r) => ({ role: r.role, db: r.db })) ?? [],
    inheritedPrivileges: custom?.privileges ?? [],
  };
}

export function ddsInstanceView(i: DdsInstance, region: string): Record<string, unknown> {
  const groupType = i.mode === "Sharding" ? "mongos" : i.mode === "ReplicaSet" ? "replica" : "single";
  const roles = i.mode === "ReplicaSet" ? ["Primary", "Secondary", "Hidden"] : ["Primary"];
  return {
    id: i.id, name: i.name, status: i.status, port: String(i.port), mode: i.mode, region,
    datastore: { type: i.datastoreType ?? "DDS-Community", version: i.version, storage_engine: i.engine },
    engine: i.engine, ssl: i.ssl, vpc_id: i.vpcId, subnet_id: i.subnetId, security_group_id: i.securityGroupId,
    db_user_name: "rwuser", pay_mode: "0", actions: i.actions ?? [], enterprise_project_id: "0",
    backup_strategy: { start_time: "01:00-02:00", keep_days: 7 }, time_zone: "", tags: [],
    created: formatHuaweiTime(i.created), updated: formatHuaweiTime(i.updated),
    groups: [{
      type: groupType, id: `${i.id.slice(0, 32)}gr01`, name: `${i.name}_${groupType}`, status: i.status,
      volume: { size: "100", used: "3.2" },
      nodes: i.nodeIps.map((ip, n) => ({
        id: `${i.id.slice(0, 28)}no${String(n + 1).padStart(2, "0")}`, name: `${i.name}_${groupType}_node_${n + 1}`,
        role: roles[n] ?? "Secondary", status: i.status, private_ip: ip, public_ip: "",
        availability_zone: "cn-north-4a", spec_code: "dds.mongodb.s6.large.2.repset",
      })),
    }],
  };
}
