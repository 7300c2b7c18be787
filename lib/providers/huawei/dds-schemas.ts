import { z } from "zod";
import { list, looseId, opt } from "@/lib/providers/schema-helpers";

/** Response schemas for Huawei DDS (MongoDB) instances, users and roles. */

/** Several DDS APIs return a JSON array encoded as a string; parse it, then validate the items. */
function jsonStringOf<T extends z.ZodType>(item: T) {
  return z
    .union([z.string(), z.array(z.unknown()), z.null(), z.undefined()])
    .transform((value, ctx) => {
      if (value === null || value === undefined || value === "") return [];
      if (Array.isArray(value)) return value;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "expected a JSON-encoded array" });
        return z.NEVER;
      }
    })
    .pipe(z.array(item));
}

const roleRef = z.object({ role: z.string(), db: z.string() });

export const ddsUserSchema = z
  .object({
    _id: opt(z.string()),
    user: z.string(),
    db: z.string(),
    roles: list(roleRef),
    inheritedRoles: list(roleRef),
  })
  .transform((u) => ({ id: u._id ?? `${u.db}.${u.user}`, userName: u.user, dbName: u.db, roles: u.roles, inheritedRoles: u.inheritedRoles }));
export type DdsUser = z.output<typeof ddsUserSchema>;

export const ddsRoleSchema = z
  .object({
    role: z.string(),
    db: z.string(),
    isBuiltin: opt(z.boolean()),
    roles: list(roleRef),
    inheritedRoles: list(roleRef),
  })
  .transform((r) => ({ roleName: r.role, dbName: r.db, isBuiltin: r.isBuiltin ?? false, roles: r.roles, inheritedRoles: r.inheritedRoles }));
export type DdsRole = z.output<typeof ddsRoleSchema>;

const node = z
  .object({ id: z.string(), name: opt(z.string()), role: opt(z.string()), status: opt(z.string()), private_ip: opt(z.string()), public_ip: opt(z.string()) })
  .transform((n) => ({ id: n.id, name: n.name, role: n.role, status: n.status, privateIp: n.private_ip, publicIp: n.public_ip }));

export const ddsInstanceSchema = z
  .object({
    id: z.string(),
    name: opt(z.string()),
    status: opt(z.string()),
    port: opt(looseId),
    mode: opt(z.string()),
    region: opt(z.string()),
    datastore: opt(z.object({ type: opt(z.string()), version: opt(z.string()) })),
    engine: opt(z.string()),
    ssl: opt(z.number()),
    vpc_id: opt(z.string()),
    subnet_id: opt(z.string()),
    db_user_name: opt(z.string()),
    actions: list(z.string()),
    created: opt(z.string()),
    updated: opt(z.string()),
    groups: list(z.object({ type: opt(z.string()), id: opt(z.string()), name: opt(z.string()), status: opt(z.string()), nodes: list(node) })),
  })
  .transform((r) => ({
    id: r.id,
    name: r.name,
    /** normal | abnormal | creating | frozen | data_disk_full | createfail | enlargefail */
    status: r.status,
    port: r.port,
    mode: r.mode,
    region: r.region,
    /** DDS-Community | DDS-Enhanced; the db-user and db-role APIs are Community Edition only. */
    datastoreType: r.datastore?.type,
    datastoreVersion: r.datastore?.version,
    engine: r.engine,
    ssl: r.ssl === 1,
    vpcId: r.vpc_id,
    subnetId: r.subnet_id,
    dbUserName: r.db_user_name,
    /** Operations in progress (e.g. RESIZE_FLAVOR); while any runs the status stays "normal" and db-user calls are refused. */
    actions: r.actions,
    created: r.created,
    updated: r.updated,
    groups: r.groups,
  }));
export type DdsInstance = z.output<typeof ddsInstanceSchema>;

export const listInstancesResponse = z.object({ total_count: opt(z.number()), instances: list(ddsInstanceSchema) });
export const listUsersResponse = z.object({ total_count: opt(z.number()), users: jsonStringOf(ddsUserSchema) });
export const listRolesResponse = z.object({ total_count: opt(z.number()), roles: jsonStringOf(ddsRoleSchema) });
export const emptyResponse = z.record(z.string(), z.unknown());
