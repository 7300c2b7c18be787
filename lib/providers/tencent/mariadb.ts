import { invalidArgument, isProviderError, isTransient } from "@/lib/providers/errors";
import { createWithLookup, retryDelete, withRetry } from "@/lib/providers/resilience";
import { createTencentTransport, MARIADB_TRANSPORT } from "@/lib/providers/tencent/client";
import { createPasswordSender, type PasswordFields } from "@/lib/providers/tencent/mariadb-password";
import * as s from "@/lib/providers/tencent/mariadb-schemas";
import type { ClientOptions, TencentConnection } from "@/lib/providers/types";

export type { MariadbAccount, MariadbInstance } from "@/lib/providers/tencent/mariadb-schemas";
export type { PasswordSent } from "@/lib/providers/tencent/mariadb-password";
export { PUBLIC_KEY_TTL_MS } from "@/lib/providers/tencent/mariadb-password";

export interface CallOptions {
  signal?: AbortSignal;
}

export interface DescribeDbInstancesInput {
  instanceIds?: string[];
  searchName?: "instancename" | "vip" | "all";
  searchKey?: string;
  projectIds?: number[];
  orderBy?: "projectId" | "createtime" | "instancename";
  orderByType?: "desc" | "asc";
  /** Default 0. */
  offset?: number;
  /** 1-100, default 20. */
  limit?: number;
  status?: number[];
}

export interface AccountKey {
  instanceId: string;
  userName: string;
  /** MySQL host pattern, e.g. "%" or "10.20.%"; UserName + Host identify an account. */
  host: string;
}

export interface CreateAccountInput extends AccountKey {
  password: string;
  /** 0 normal; 1/2/3 read-only variants (see providers.md 3.3). */
  readOnly?: 0 | 1 | 2 | 3;
  description?: string;
  delayThresh?: number;
  slaveConst?: 0 | 1;
  maxUserConnections?: number;
}

const INSTANCE_ID = /^tdsql-[A-Za-z0-9]{1,32}$/;
const ACCOUNT_GONE = /^ResourceNotFound\.AccountDoesNotExist$/;

export type MariadbApi = ReturnType<typeof createMariadbApi>;

/**
 * TencentDB for MariaDB client (instances and accounts). Every method throws ProviderError; reads,
 * deletes and password resets retry transient failures, CreateAccount looks before it retries.
 * Passwords go as EncryptedPassword (RSA with the instance's GetPublicKey key, cached 10 minutes per
 * instance in this client) unless the vendor says GetPublicKey is not available to the caller.
 */
export function createMariadbApi(conn: TencentConnection, options: ClientOptions = {}) {
  const transport = createTencentTransport(conn, MARIADB_TRANSPORT, options);
  const policy = transport.policy;
  const clock = options.now ?? (() => new Date());
  const read = <T>(fn: (attempt: number) => Promise<T>, o?: CallOptions) => withRetry(fn, { policy, signal: o?.signal });
  const checkInstance = (action: string, instanceId: string) => {
    if (!INSTANCE_ID.test(instanceId)) {
      throw invalidArgument("tencent", "mariadb", action, "InstanceId must look like tdsql-xxxxxxxx");
    }
  };
  // POST GetPublicKey, at most once per instance and TTL (a read: retried like one).
  const passwords = createPasswordSender(async (instanceId, signal) => {
    const res = await read((attempt) => transport.call("GetPublicKey", { InstanceId: instanceId }, s.getPublicKeyResponse, { signal, attempt }), { signal });
    return { publicKey: res.data.PublicKey, requestId: res.requestId };
  }, () => clock().getTime());
  /** A refusal of a call that carried EncryptedPassword drops the cached key (it may have been rotated). */
  const forgetKeyOn = (instanceId: string, pw: PasswordFields) => (error: unknown) => {
    if (pw.sent === "encrypted" && isProviderError(error) && error.kind === "vendor" && !isTransient(error)) passwords.forget(instanceId);
    throw error;
  };

  const client = {
    // POST GetPublicKey (shape assumed, see emulator/README.md): the instance's RSA public key (PEM) for EncryptedPassword
    async getPublicKey(input: { instanceId: string }, o?: CallOptions): Promise<{ publicKey: string; requestId?: string }> {
      checkInstance("GetPublicKey", input.instanceId);
      return passwords.publicKey(input.instanceId, o?.signal);
    },

    // POST DescribeDBInstances
    async describeDBInstances(input: DescribeDbInstancesInput = {}, o?: CallOptions) {
      const limit = input.limit ?? 20;
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
        throw invalidArgument("tencent", "mariadb", "DescribeDBInstances", "Limit must be between 1 and 100");
      }
      const params = {
        InstanceIds: input.instanceIds,
        SearchName: input.searchName,
        SearchKey: input.searchKey,
        ProjectIds: input.projectIds,
        OrderBy: input.orderBy,
        OrderByType: input.orderByType,
        Offset: input.offset ?? 0,
        Limit: limit,
        Status: input.status,
      };
      const res = await read((attempt) => transport.call("DescribeDBInstances", params, s.describeDbInstancesResponse, { signal: o?.signal, attempt }), o);
      return { totalCount: res.data.TotalCount, instances: res.data.Instances, requestId: res.requestId };
    },

    // POST DescribeAccounts (no paging)
    async describeAccounts(input: { instanceId: string }, o?: CallOptions) {
      checkInstance("DescribeAccounts", input.instanceId);
      const params = { InstanceId: input.instanceId };
      const res = await read((attempt) => transport.call("DescribeAccounts", params, s.describeAccountsResponse, { signal: o?.signal, attempt }), o);
      return { accounts: res.data.Users, requestId: res.requestId };
    },

    // POST GetPublicKey (unless cached), then POST CreateAccount with EncryptedPassword or Password
    async createAccount(input: CreateAccountInput, o?: CallOptions) {
      checkInstance("CreateAccount", input.instanceId);
      const pw = await passwords.fields(input.instanceId, input.password, o?.signal);
      const params = {
        InstanceId: input.instanceId,
        UserName: input.userName,
        Host: input.host,
        ...pw.params,
        ReadOnly: input.readOnly ?? 0,
        Description: input.description,
        DelayThresh: input.delayThresh,
        SlaveConst: input.slaveConst,
        MaxUserConnections: input.maxUserConnections,
      };
      const outcome = await createWithLookup({
        policy,
        signal: o?.signal,
        attempt: async (attempt) => {
          const res = await transport
            .call("CreateAccount", params, s.createAccountResponse, { secrets: pw.secrets, signal: o?.signal, attempt })
            .catch(forgetKeyOn(input.instanceId, pw));
          return { instanceId: input.instanceId, userName: input.userName, host: input.host, readOnly: res.data.ReadOnly ?? params.ReadOnly, requestId: res.requestId };
        },
        lookup: async () => {
          const { accounts, requestId } = await client.describeAccounts({ instanceId: input.instanceId }, o);
          const match = accounts.find((a) => a.userName === input.userName && a.host === input.host);
          return match
            ? { instanceId: input.instanceId, userName: match.userName, host: match.host, readOnly: match.readOnly ?? params.ReadOnly, requestId }
            : undefined;
        },
      });
      return { ...outcome.value, foundAfterRetry: outcome.foundAfterRetry, passwordSent: pw.sent };
    },

    // POST DeleteAccount; ResourceNotFound.AccountDoesNotExist after a retried attempt counts as done
    async deleteAccount(input: AccountKey, o?: CallOptions) {
      checkInstance("DeleteAccount", input.instanceId);
      const params = { InstanceId: input.instanceId, UserName: input.userName, Host: input.host };
      const outcome = await retryDelete(
        (attempt) => transport.call("DeleteAccount", params, s.emptyResponse, { signal: o?.signal, attempt }),
        { policy, signal: o?.signal, isGone: (e) => isProviderError(e) && ACCOUNT_GONE.test(e.code) },
      );
      return { requestId: outcome.value?.requestId, alreadyGone: outcome.alreadyGone };
    },

    // POST GetPublicKey (unless cached), then POST ResetAccountPassword (setting the same password twice is harmless, so it retries)
    async resetAccountPassword(input: AccountKey & { password: string }, o?: CallOptions) {
      checkInstance("ResetAccountPassword", input.instanceId);
      const pw = await passwords.fields(input.instanceId, input.password, o?.signal);
      const params = { InstanceId: input.instanceId, UserName: input.userName, Host: input.host, ...pw.params };
      const res = await read(
        (attempt) => transport.call("ResetAccountPassword", params, s.emptyResponse, { secrets: pw.secrets, signal: o?.signal, attempt }),
        o,
      ).catch(forgetKeyOn(input.instanceId, pw));
      return { requestId: res.requestId, passwordSent: pw.sent };
    },
  };
  return client;
}
