import { defaultDdsEndpoint } from "@/lib/providers/endpoints";
import { invalidArgument, isProviderError } from "@/lib/providers/errors";
import { createHuaweiTransport } from "@/lib/providers/huawei/client";
import * as s from "@/lib/providers/huawei/dds-schemas";
import { assertId, DDS_INSTANCE_ID } from "@/lib/providers/huawei/ids";
import { createWithLookup, retryDelete, withRetry } from "@/lib/providers/resilience";
import type { ClientOptions, HuaweiConnection } from "@/lib/providers/types";

import type { DdsInstance } from "@/lib/providers/huawei/dds-schemas";

export type { DdsInstance, DdsRole, DdsUser } from "@/lib/providers/huawei/dds-schemas";

export interface CallOptions {
  signal?: AbortSignal;
}
export interface DdsRoleGrant {
  roleDbName: string;
  roleName: string;
}

const SERVICE = "dds";
/** The English create-db-user page of 2026-01-08 (seed 004): letters, digits, "-" and "." only, no "_". */
const USER_NAME = /^[A-Za-z0-9.-]{1,64}$/;
const DB_NAME = /^[A-Za-z0-9_]{1,64}$/;
/** Internal replication users and built-in accounts whose password nobody may reset. */
export const DDS_BUILTIN_USERS = ["drsFull", "drsIncremental", "root", "monitor", "backup"];
/** What DDS does not let anyone create or drop: the built-in accounts and the default admin rwuser (whose password can be reset). */
export const DDS_RESERVED_USERS = [...DDS_BUILTIN_USERS, "rwuser"];

/**
 * Whether the db-user and db-role APIs accept calls for this instance: Community Edition, status
 * normal and no operation in progress (changing class or port and restarting keep the status
 * "normal" and show in actions[]). Otherwise they are refused (DBS.200019, or a parameter error for
 * DDS-Enhanced).
 */
export function ddsUserApisAvailable(instance: Pick<DdsInstance, "status" | "actions" | "datastoreType">): boolean {
  return instance.status === "normal" && instance.actions.length === 0 && (instance.datastoreType ?? "DDS-Community") === "DDS-Community";
}

export type DdsApi = ReturnType<typeof createDdsApi>;

/**
 * Huawei DDS (Community Edition) client for instances, database users and roles. Every method throws
 * ProviderError; reads, deletes and password resets retry transient failures, db-user creation looks
 * before it retries.
 */
export function createDdsApi(conn: HuaweiConnection, options: ClientOptions = {}) {
  const transport = createHuaweiTransport(conn, SERVICE, conn.endpoints?.dds ?? defaultDdsEndpoint(conn.region), options);
  const policy = transport.policy;
  const read = <T>(fn: (attempt: number) => Promise<T>, o?: CallOptions) => withRetry(fn, { policy, signal: o?.signal });
  const instancePath = (action: string, instanceId: string) =>
    `/instances/${assertId(SERVICE, action, "instance_id", instanceId, DDS_INSTANCE_ID)}`;
  const page = (action: string, offset = 0, limit = 100) => {
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw invalidArgument("huawei", SERVICE, action, "offset must be >= 0 and limit between 1 and 100");
    }
    return { offset, limit };
  };
  const checkUser = (action: string, userName: string, dbName: string, reserved = DDS_RESERVED_USERS) => {
    if (!USER_NAME.test(userName)) throw invalidArgument("huawei", SERVICE, action, "user_name must be 1-64 letters, digits, '.' or '-'");
    if (!DB_NAME.test(dbName)) throw invalidArgument("huawei", SERVICE, action, "db_name must be 1-64 letters, digits or '_'");
    if (reserved.includes(userName)) throw invalidArgument("huawei", SERVICE, action, `${userName} is a reserved DDS account`);
  };

  const client = {
    authenticate: () => transport.authenticate(),

    // GET /v3/{project_id}/instances (ListInstances)
    async listInstances(
      input: { offset?: number; limit?: number; id?: string; name?: string; mode?: "Sharding" | "ReplicaSet" | "Single"; datastoreType?: "DDS-Community" | "DDS-Enhanced" } = {},
      o?: CallOptions,
    ) {
      const action = "ListInstances";
      const query = { ...page(action, input.offset, input.limit), id: input.id, name: input.name, mode: input.mode, datastore_type: input.datastoreType };
      const res = await read(
        (attempt) => transport.call({ action, method: "GET", path: "/instances", query }, s.listInstancesResponse, { signal: o?.signal, attempt }),
        o,
      );
      return { totalCount: res.data.total_count ?? res.data.instances.length, instances: res.data.instances, requestId: res.requestId };
    },

    // GET /v3/{project_id}/instances/{instance_id}/db-user/detail (ListDatabaseUsers); users is a JSON string
    async listDbUsers(input: { instanceId: string; userName?: string; dbName?: string; offset?: number; limit?: number }, o?: CallOptions) {
      const action = "ListDatabaseUsers";
      const path = `${instancePath(action, input.instanceId)}/db-user/detail`;
      const query = { ...page(action, input.offset, input.limit), user_name: input.userName, db_name: input.dbName };
      const res = await read(
        (attempt) => transport.call({ action, method: "GET", path, query }, s.listUsersResponse, { signal: o?.signal, attempt }),
        o,
      );
      return { totalCount: res.data.total_count ?? res.data.users.length, users: res.data.users, requestId: res.requestId };
    },

    // POST /v3/{project_id}/instances/{instance_id}/db-user (CreateDatabaseUser)
    async createDbUser(
      input: { instanceId: string; userName: string; password: string; roles: DdsRoleGrant[]; dbName?: string },
      o?: CallOptions,
    ) {
      const action = "CreateDatabaseUser";
      const dbName = input.dbName ?? "admin";
      checkUser(action, input.userName, dbName);
      const path = `${instancePath(action, input.instanceId)}/db-user`;
      const body = {
        user_name: input.userName,
        user_pwd: input.password,
        roles: input.roles.map((r) => ({ role_db_name: r.roleDbName, role_name: r.roleName })),
        db_name: dbName,
      };
      const outcome = await createWithLookup({
        policy,
        signal: o?.signal,
        attempt: async (attempt) => {
          const res = await transport.call({ action, method: "POST", path, body, emptyBodyOk: true }, s.emptyResponse, {
            secrets: [input.password],
            signal: o?.signal,
            attempt,
          });
          return { userName: input.userName, dbName, requestId: res.requestId };
        },
        lookup: async () => {
          const { users, requestId } = await client.listDbUsers({ instanceId: input.instanceId, userName: input.userName, dbName }, o);
          const found = users.some((u) => u.userName === input.userName && u.dbName === dbName);
          return found ? { userName: input.userName, dbName, requestId } : undefined;
        },
      });
      return { ...outcome.value, foundAfterRetry: outcome.foundAfterRetry };
    },

    // DELETE /v3/{project_id}/instances/{instance_id}/db-user (DeleteDatabaseUser). DDS documents no
    // "user not found" code, so after a retried attempt fails the user list decides.
    async deleteDbUser(input: { instanceId: string; userName: string; dbName: string }, o?: CallOptions) {
      const action = "DeleteDatabaseUser";
      checkUser(action, input.userName, input.dbName);
      const path = `${instancePath(action, input.instanceId)}/db-user`;
      const body = { db_name: input.dbName, user_name: input.userName };
      const outcome = await retryDelete(
        (attempt) => transport.call({ action, method: "DELETE", path, body, emptyBodyOk: true }, s.emptyResponse, { signal: o?.signal, attempt }),
        {
          policy,
          signal: o?.signal,
          isGone: async (error) => {
            if (!isProviderError(error) || error.kind !== "vendor") return false;
            const { users } = await client.listDbUsers({ instanceId: input.instanceId, userName: input.userName, dbName: input.dbName }, o);
            return !users.some((u) => u.userName === input.userName && u.dbName === input.dbName);
          },
        },
      );
      return { requestId: outcome.value?.requestId, alreadyGone: outcome.alreadyGone };
    },

    // PUT /v3/{project_id}/instances/{instance_id}/reset-password (ResetPassword). Setting the same password
    // twice is harmless, so it retries like a read. rwuser may be reset; the built-in accounts may not.
    async resetPassword(input: { instanceId: string; password: string; userName?: string; dbName?: string }, o?: CallOptions) {
      const action = "ResetPassword";
      const userName = input.userName ?? "rwuser";
      const dbName = input.dbName ?? "admin";
      checkUser(action, userName, dbName, DDS_BUILTIN_USERS);
      const path = `${instancePath(action, input.instanceId)}/reset-password`;
      const body = { user_name: userName, db_name: dbName, user_pwd: input.password };
      const res = await read(
        (attempt) =>
          transport.call({ action, method: "PUT", path, body, emptyBodyOk: true }, s.emptyResponse, { secrets: [input.password], signal: o?.signal, attempt }),
        o,
      );
      return { requestId: res.requestId };
    },

    // GET /v3/{project_id}/instances/{instance_id}/db-roles (ListDatabaseRoles); roles is a JSON string
    async listRoles(input: { instanceId: string; roleName?: string; dbName?: string; offset?: number; limit?: number }, o?: CallOptions) {
      const action = "ListDatabaseRoles";
      const path = `${instancePath(action, input.instanceId)}/db-roles`;
      const query = { ...page(action, input.offset, input.limit), role_name: input.roleName, db_name: input.dbName };
      const res = await read(
        (attempt) => transport.call({ action, method: "GET", path, query }, s.listRolesResponse, { signal: o?.signal, attempt }),
        o,
      );
      return { totalCount: res.data.total_count ?? res.data.roles.length, roles: res.data.roles, requestId: res.requestId };
    },
  };
  return client;
}
