import { isIP } from "node:net";
import { defaultTaurusEndpoint } from "@/lib/providers/endpoints";
import { invalidArgument } from "@/lib/providers/errors";
import { createHuaweiTransport } from "@/lib/providers/huawei/client";
import { assertId, TAURUS_INSTANCE_ID, TAURUS_PROXY_ID } from "@/lib/providers/huawei/ids";
import * as s from "@/lib/providers/huawei/taurus-schemas";
import { withRetry } from "@/lib/providers/resilience";
import type { ClientOptions, HuaweiConnection } from "@/lib/providers/types";

export type { TaurusInstance, TaurusIpGroup, TaurusProxy } from "@/lib/providers/huawei/taurus-schemas";

export interface CallOptions {
  signal?: AbortSignal;
}
export interface ProxyRef {
  instanceId: string;
  proxyId: string;
}
export interface AccessControlEntry {
  /** An IP address or CIDR block. */
  ip: string;
  /** 0-50 characters, no < or >. */
  description?: string;
}

const SERVICE = "taurusdb";
export const MAX_ACCESS_CONTROL_ENTRIES = 300;

function isIpOrCidr(value: string): boolean {
  const [address = "", prefix, ...rest] = value.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

export function validateAccessControlEntries(entries: readonly AccessControlEntry[]): string | undefined {
  if (entries.length > MAX_ACCESS_CONTROL_ENTRIES) return `At most ${MAX_ACCESS_CONTROL_ENTRIES} entries are allowed`;
  for (const entry of entries) {
    if (!isIpOrCidr(entry.ip)) return `Not an IP address or CIDR block: ${entry.ip}`;
    const d = entry.description ?? "";
    if (d.length > 50 || /[<>]/.test(d)) return "Descriptions are at most 50 characters and must not contain < or >";
  }
  return undefined;
}

export type TaurusApi = ReturnType<typeof createTaurusApi>;

/**
 * Huawei TaurusDB client for instances and database-proxy access control. Every method throws
 * ProviderError; all calls here are reads or idempotent writes (switch and set-rules replace
 * state), so all of them retry transient failures.
 */
export function createTaurusApi(conn: HuaweiConnection, options: ClientOptions = {}) {
  const transport = createHuaweiTransport(conn, SERVICE, conn.endpoints?.taurus ?? defaultTaurusEndpoint(conn.region), options);
  const retry = <T>(fn: (attempt: number) => Promise<T>, o?: CallOptions) => withRetry(fn, { policy: transport.policy, signal: o?.signal });
  const proxyPath = (action: string, ref: ProxyRef) =>
    `/instances/${assertId(SERVICE, action, "instance_id", ref.instanceId, TAURUS_INSTANCE_ID)}` +
    `/proxy/${assertId(SERVICE, action, "proxy_id", ref.proxyId, TAURUS_PROXY_ID)}`;
  const page = (action: string, offset = 0, limit = 100) => {
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw invalidArgument("huawei", SERVICE, action, "offset must be >= 0 and limit between 1 and 100");
    }
    return { offset, limit };
  };

  const client = {
    authenticate: () => transport.authenticate(),

    // GET /v3.1/{project_id}/instances (ListGaussMySqlInstancesUnifyStatus)
    async listInstances(input: { offset?: number; limit?: number; name?: string; id?: string } = {}, o?: CallOptions) {
      const query = { ...page("ListGaussMySqlInstancesUnifyStatus", input.offset, input.limit), name: input.name, id: input.id };
      const res = await retry(
        (attempt) =>
          transport.call(
            { action: "ListGaussMySqlInstancesUnifyStatus", method: "GET", version: "v3.1", path: "/instances", query },
            s.listInstancesResponse,
            { signal: o?.signal, attempt },
          ),
        o,
      );
      return { totalCount: res.data.total_count ?? res.data.instances.length, instances: res.data.instances, requestId: res.requestId };
    },

    /** Walks every instance page (100 per page). */
    async listAllInstances(o?: CallOptions) {
      const all: s.TaurusInstance[] = [];
      for (let offset = 0; ; offset += 100) {
        const res = await client.listInstances({ offset, limit: 100 }, o);
        all.push(...res.instances);
        if (res.instances.length < 100 || all.length >= res.totalCount) return all;
      }
    },

    // GET /v3/{project_id}/instances/{instance_id}/proxies (ShowGaussMySqlProxyList)
    async listProxies(input: { instanceId: string; offset?: number; limit?: number }, o?: CallOptions) {
      const action = "ShowGaussMySqlProxyList";
      const instanceId = assertId(SERVICE, action, "instance_id", input.instanceId, TAURUS_INSTANCE_ID);
      const query = page(action, input.offset, input.limit);
      const res = await retry(
        (attempt) =>
          transport.call({ action, method: "GET", path: `/instances/${instanceId}/proxies`, query }, s.listProxiesResponse, { signal: o?.signal, attempt }),
        o,
      );
      return { proxies: res.data.proxy_list, totalCount: res.data.total_count, requestId: res.requestId };
    },

    // POST .../proxy/{proxy_id}/access-control-switch (SwitchAccessControl); idempotent
    async switchAccessControl(input: ProxyRef & { open: boolean }, o?: CallOptions) {
      const action = "SwitchAccessControl";
      const path = `${proxyPath(action, input)}/access-control-switch`;
      const res = await retry(
        (attempt) =>
          transport.call({ action, method: "POST", path, body: { open_access_control: input.open } }, s.switchResponse, { signal: o?.signal, attempt }),
        o,
      );
      return { open: res.data.open_access_control ?? input.open, requestId: res.requestId };
    },

    // GET .../proxy/{proxy_id}/ipgroup (ShowProxyIpgroup)
    async getAccessControl(input: ProxyRef, o?: CallOptions) {
      const action = "ShowProxyIpgroup";
      const path = `${proxyPath(action, input)}/ipgroup`;
      const res = await retry(
        (attempt) => transport.call({ action, method: "GET", path }, s.ipGroupResponse, { signal: o?.signal, attempt }),
        o,
      );
      return { ...res.data, requestId: res.requestId };
    },

    // POST .../proxy/{proxy_id}/access-control (CreateAccessControl); replaces the list, and switching
    // between white and black discards the old list, so callers should keep the previous rules
    async setAccessControl(input: ProxyRef & { type: "white" | "black"; ipList: AccessControlEntry[] }, o?: CallOptions) {
      const action = "CreateAccessControl";
      const problem = validateAccessControlEntries(input.ipList);
      if (problem) throw invalidArgument("huawei", SERVICE, action, problem);
      const path = `${proxyPath(action, input)}/access-control`;
      const body = {
        type: input.type,
        ip_list: input.ipList.map((e) => (e.description === undefined ? { ip: e.ip } : { ip: e.ip, description: e.description })),
      };
      const res = await retry(
        (attempt) =>
          transport.call({ action, method: "POST", path, body, emptyBodyOk: true }, s.setAccessControlResponse, { signal: o?.signal, attempt }),
        o,
      );
      return { requestId: res.requestId };
    },
  };
  return client;
}
