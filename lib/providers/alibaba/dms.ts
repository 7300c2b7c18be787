import { createDmsTransport, DMS_SERVICE } from "@/lib/providers/alibaba/client";
import * as s from "@/lib/providers/alibaba/dms-schemas";
import { invalidArgument, isProviderError } from "@/lib/providers/errors";
import type { ListCollector } from "@/lib/providers/http";
import { createWithLookup, retryDelete, withRetry } from "@/lib/providers/resilience";
import { toDecimalId } from "@/lib/providers/schema-helpers";
import type { AlibabaConnection, ClientOptions } from "@/lib/providers/types";

export type { DmsInstance, DmsProxy, DmsProxyAccess, DmsTenant, DmsUser } from "@/lib/providers/alibaba/dms-schemas";

/** 64-bit ids may be given as decimal strings (preferred), safe numbers or bigints. */
export type DmsId = string | number | bigint;
export interface CallOptions {
  signal?: AbortSignal;
}
interface TenantScoped {
  /** Tenant id; defaults to the caller's active tenant. */
  tid?: DmsId;
}

export type DmsRole = "USER" | "DBA" | "ADMIN" | "SECURITY_ADMIN" | "STRUCT_READ_ONLY";
export interface ListUsersInput extends TenantScoped {
  pageNumber?: number;
  /** 10, 20, 50 or 100 (DMS rejects anything else); default 10. */
  pageSize?: 10 | 20 | 50 | 100;
  role?: DmsRole;
  searchKey?: string;
  userState?: "NORMAL" | "DISABLE" | "DELETE";
}

export interface ListInstancesInput extends TenantScoped {
  pageNumber?: number;
  /** 1–100; default 10. */
  pageSize?: number;
  searchKey?: string;
  dbType?: string;
  envType?: "product" | "dev" | "pre" | "test" | "sit" | "uat" | "pet" | "stag";
  instanceState?: "NORMAL" | "DISABLE";
}

function collectArray<T>(): ListCollector<T, T[]> {
  const items: T[] = [];
  return { add: (item) => void items.push(item), done: () => items };
}

const NOT_FOUND_CODE = /(NotExist|NotFound|DoesNotExist)/i;

export type DmsApi = ReturnType<typeof createDmsApi>;

/**
 * Alibaba Cloud DMS Enterprise client (security protection proxy accesses, proxies, users,
 * tenants). Every method throws ProviderError; reads and deletes retry transient failures,
 * CreateProxyAccess looks before it retries.
 */
export function createDmsApi(conn: AlibabaConnection, options: ClientOptions = {}) {
  const transport = createDmsTransport(conn, options);
  const policy = transport.policy;

  const id = (action: string, name: string, value: DmsId): string => {
    const normalised = toDecimalId(value);
    if (normalised === undefined) throw invalidArgument("alibaba", DMS_SERVICE, action, `${name} must be a non-negative integer id`);
    return normalised;
  };
  const tid = (action: string, value: DmsId | undefined) => (value === undefined ? undefined : id(action, "Tid", value));
  const read = <T>(fn: (attempt: number) => Promise<T>, o?: CallOptions) => withRetry(fn, { policy, signal: o?.signal });

  const client = {
    /**
     * POST ListProxyAccesses (no paging: DMS returns the whole list, 20,000 rows and more), each
     * validated access handed to a fresh `collect()` per attempt as the body is read, so the list
     * never exists whole unless the collector keeps it (listProxyAccesses does).
     */
    async collectProxyAccesses<R>(input: { proxyId: DmsId } & TenantScoped, collect: () => ListCollector<s.DmsProxyAccess, R>, o?: CallOptions) {
      const params = { ProxyId: id("ListProxyAccesses", "ProxyId", input.proxyId), Tid: tid("ListProxyAccesses", input.tid) };
      const list = { field: "ProxyAccessList", item: s.proxyAccessSchema, collect };
      const res = await read((attempt) => transport.callList("ListProxyAccesses", params, s.listProxyAccessesResponse, list, { signal: o?.signal, attempt }), o);
      return { value: res.list, count: res.count, requestId: res.requestId };
    },

    // POST ListProxyAccesses, the whole list as an array
    async listProxyAccesses(input: { proxyId: DmsId } & TenantScoped, o?: CallOptions) {
      const { value, requestId } = await client.collectProxyAccesses(input, collectArray<s.DmsProxyAccess>, o);
      return { items: value, requestId };
    },

    // POST CreateProxyAccess
    async createProxyAccess(
      input: { userId: DmsId; proxyId: DmsId; indepAccount?: string; indepPassword?: string } & TenantScoped,
      o?: CallOptions,
    ) {
      const action = "CreateProxyAccess";
      const params = {
        UserId: id(action, "UserId", input.userId),
        ProxyId: id(action, "ProxyId", input.proxyId),
        IndepAccount: input.indepAccount,
        IndepPassword: input.indepPassword,
        Tid: tid(action, input.tid),
      };
      const secrets = input.indepPassword ? [input.indepPassword] : [];
      const outcome = await createWithLookup({
        policy,
        signal: o?.signal,
        attempt: async (attempt) => {
          const res = await transport.call(action, params, s.createProxyAccessResponse, { secrets, signal: o?.signal, attempt });
          return { proxyAccessId: res.data.ProxyAccessId, requestId: res.requestId };
        },
        lookup: async () => {
          const { items, requestId } = await client.listProxyAccesses({ proxyId: params.ProxyId, tid: params.Tid }, o);
          const match = items.find((item) => item.userId === params.UserId);
          return match ? { proxyAccessId: match.proxyAccessId, requestId } : undefined;
        },
      });
      return { ...outcome.value, foundAfterRetry: outcome.foundAfterRetry };
    },

    // POST GetProxyAccess
    async getProxyAccess(input: { proxyAccessId: DmsId } & TenantScoped, o?: CallOptions) {
      const params = { ProxyAccessId: id("GetProxyAccess", "ProxyAccessId", input.proxyAccessId), Tid: tid("GetProxyAccess", input.tid) };
      const res = await read((attempt) => transport.call("GetProxyAccess", params, s.getProxyAccessResponse, { signal: o?.signal, attempt }), o);
      return { item: res.data.ProxyAccess, requestId: res.requestId };
    },

    // POST DeleteProxyAccess (revoke); a "not found" after a retried attempt counts as done
    async deleteProxyAccess(input: { proxyAccessId: DmsId } & TenantScoped, o?: CallOptions) {
      const params = { ProxyAccessId: id("DeleteProxyAccess", "ProxyAccessId", input.proxyAccessId), Tid: tid("DeleteProxyAccess", input.tid) };
      const outcome = await retryDelete(
        (attempt) => transport.call("DeleteProxyAccess", params, s.emptyResponse, { signal: o?.signal, attempt }),
        {
          policy,
          signal: o?.signal,
          isGone: (e) => isProviderError(e) && e.kind === "vendor" && (NOT_FOUND_CODE.test(e.code) || e.httpStatus === 404),
        },
      );
      return { requestId: outcome.value?.requestId, alreadyGone: outcome.alreadyGone };
    },

    // POST InspectProxyAccessSecret: the result is a password; never log or persist it
    async inspectProxyAccessSecret(input: { proxyAccessId: DmsId } & TenantScoped, o?: CallOptions) {
      const action = "InspectProxyAccessSecret";
      const params = { ProxyAccessId: id(action, "ProxyAccessId", input.proxyAccessId), Tid: tid(action, input.tid) };
      const res = await read((attempt) => transport.call(action, params, s.inspectSecretResponse, { signal: o?.signal, attempt }), o);
      return { accessSecret: res.data.AccessSecret, requestId: res.requestId };
    },

    // POST ListProxies (no paging)
    async listProxies(input: TenantScoped = {}, o?: CallOptions) {
      const params = { Tid: tid("ListProxies", input.tid) };
      const res = await read((attempt) => transport.call("ListProxies", params, s.listProxiesResponse, { signal: o?.signal, attempt }), o);
      return { items: res.data.ProxyList, requestId: res.requestId };
    },

    // POST GetProxy
    async getProxy(input: { proxyId: DmsId } & TenantScoped, o?: CallOptions) {
      const params = { ProxyId: id("GetProxy", "ProxyId", input.proxyId), Tid: tid("GetProxy", input.tid) };
      const res = await read((attempt) => transport.call("GetProxy", params, s.getProxyResponse, { signal: o?.signal, attempt }), o);
      return { item: res.data, requestId: res.requestId };
    },

    // POST ListUsers (one page)
    async listUsers(input: ListUsersInput = {}, o?: CallOptions) {
      const pageSize = input.pageSize ?? 10;
      const pageNumber = input.pageNumber ?? 1;
      if (![10, 20, 50, 100].includes(pageSize) || !Number.isInteger(pageNumber) || pageNumber < 1) {
        throw invalidArgument("alibaba", DMS_SERVICE, "ListUsers", "pageSize must be 10, 20, 50 or 100 and pageNumber >= 1");
      }
      const params = {
        Tid: tid("ListUsers", input.tid),
        PageNumber: String(pageNumber),
        PageSize: String(pageSize),
        Role: input.role,
        SearchKey: input.searchKey,
        UserState: input.userState,
      };
      const res = await read((attempt) => transport.call("ListUsers", params, s.listUsersResponse, { signal: o?.signal, attempt }), o);
      const users = res.data.UserList?.User ?? [];
      return { users, totalCount: res.data.TotalCount ?? users.length, pageNumber, pageSize, requestId: res.requestId };
    },

    /** Walks every ListUsers page (100 per page) until TotalCount is reached or a page is short. */
    async listAllUsers(input: Omit<ListUsersInput, "pageNumber" | "pageSize"> = {}, o?: CallOptions & { maxPages?: number }) {
      const all: s.DmsUser[] = [];
      const maxPages = o?.maxPages ?? 1000;
      for (let pageNumber = 1; pageNumber <= maxPages; pageNumber += 1) {
        const page = await client.listUsers({ ...input, pageNumber, pageSize: 100 }, o);
        all.push(...page.users);
        if (page.users.length < page.pageSize || all.length >= page.totalCount) break;
      }
      return all;
    },

    // POST ListInstances (one page of DMS-registered instances)
    async listInstances(input: ListInstancesInput = {}, o?: CallOptions) {
      const pageSize = input.pageSize ?? 10;
      const pageNumber = input.pageNumber ?? 1;
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100 || !Number.isInteger(pageNumber) || pageNumber < 1) {
        throw invalidArgument("alibaba", DMS_SERVICE, "ListInstances", "pageSize must be 1–100 and pageNumber >= 1");
      }
      const params = {
        Tid: tid("ListInstances", input.tid),
        PageNumber: String(pageNumber),
        PageSize: String(pageSize),
        SearchKey: input.searchKey,
        DbType: input.dbType,
        EnvType: input.envType,
        InstanceState: input.instanceState,
      };
      const res = await read((attempt) => transport.call("ListInstances", params, s.listInstancesResponse, { signal: o?.signal, attempt }), o);
      const instances = res.data.InstanceList?.Instance ?? [];
      return { instances, totalCount: res.data.TotalCount ?? instances.length, pageNumber, pageSize, requestId: res.requestId };
    },

    /** Walks every ListInstances page (100 per page) until TotalCount is reached or a page is short. */
    async listAllInstances(input: Omit<ListInstancesInput, "pageNumber" | "pageSize"> = {}, o?: CallOptions & { maxPages?: number }) {
      const all: s.DmsInstance[] = [];
      const maxPages = o?.maxPages ?? 100;
      for (let pageNumber = 1; pageNumber <= maxPages; pageNumber += 1) {
        const page = await client.listInstances({ ...input, pageNumber, pageSize: 100 }, o);
        all.push(...page.instances);
        if (page.instances.length < page.pageSize || all.length >= page.totalCount) break;
      }
      return all;
    },

    // POST GetUser (by DMS UserId or Alibaba Cloud Uid)
    async getUser(input: ({ userId: DmsId; uid?: never } | { uid: string; userId?: never }) & TenantScoped, o?: CallOptions) {
      const params = {
        UserId: input.userId === undefined ? undefined : id("GetUser", "UserId", input.userId),
        Uid: input.uid,
        Tid: tid("GetUser", input.tid),
      };
      const res = await read((attempt) => transport.call("GetUser", params, s.getUserResponse, { signal: o?.signal, attempt }), o);
      return { user: res.data.User, requestId: res.requestId };
    },

    // POST GetUserActiveTenant
    async getUserActiveTenant(input: TenantScoped = {}, o?: CallOptions) {
      const params = { Tid: tid("GetUserActiveTenant", input.tid) };
      const res = await read((attempt) => transport.call("GetUserActiveTenant", params, s.activeTenantResponse, { signal: o?.signal, attempt }), o);
      return { tenant: res.data.Tenant, requestId: res.requestId };
    },

    // POST ListUserTenants
    async listUserTenants(input: TenantScoped = {}, o?: CallOptions) {
      const params = { Tid: tid("ListUserTenants", input.tid) };
      const res = await read((attempt) => transport.call("ListUserTenants", params, s.listTenantsResponse, { signal: o?.signal, attempt }), o);
      return { tenants: res.data.TenantList, requestId: res.requestId };
    },
  };
  return client;
}
