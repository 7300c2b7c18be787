import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { ApiError, getJson } from "@/components/api-json";
import type { BulkJobDto } from "@/lib/dal/bulk-grants-view";
import type { AccessListDto, DmsUserDto, ProxyAccessDto, ProxyDto, TenantDto } from "@/lib/dal/proxy-accesses";
import type { ProxySummaryDto } from "@/lib/dal/proxy-accesses-summary";

/*
 * The feature's queries, defined once: keys, fetchers and refresh policy. Secrets are never
 * queried here: the reveal goes through a server action and stays in component state.
 */

export { ApiError };

export const proxyAccessKeys = {
  all: ["proxy-accesses"] as const,
  tenants: (account: string) => [...proxyAccessKeys.all, "tenants", account] as const,
  proxies: (account: string, tenant: string) => [...proxyAccessKeys.all, "proxies", account, tenant] as const,
  list: (account: string, tenant: string, proxy: string) => [...proxyAccessKeys.all, "list", account, tenant, proxy] as const,
  summary: (account: string, tenant: string, proxy: string) => [...proxyAccessKeys.all, "summary", account, tenant, proxy] as const,
  users: (account: string, tenant: string) => [...proxyAccessKeys.all, "users", account, tenant] as const,
  job: (jobId: string) => [...proxyAccessKeys.all, "job", jobId] as const,
};

export const tenantsQuery = (account: string) =>
  queryOptions({
    queryKey: proxyAccessKeys.tenants(account),
    queryFn: ({ signal }) => getJson<{ tenants: TenantDto[]; defaultTenantId: string | null }>("/api/proxy-accesses/tenants", { account }, signal),
    enabled: Boolean(account),
    staleTime: 5 * 60_000,
  });

export const proxiesQuery = (account: string, tenant: string) =>
  queryOptions({
    queryKey: proxyAccessKeys.proxies(account, tenant),
    queryFn: ({ signal }) => getJson<{ proxies: ProxyDto[] }>("/api/proxy-accesses/proxies", { account, tenant }, signal).then((r) => r.proxies),
    enabled: Boolean(account && tenant),
    staleTime: 5 * 60_000,
  });

/** The authorization list stays live: refetched in the background every minute while the tab is visible. */
export const accessListQuery = (account: string, tenant: string, proxy: string) =>
  queryOptions({
    queryKey: proxyAccessKeys.list(account, tenant, proxy),
    queryFn: ({ signal }) => getJson<AccessListDto>("/api/proxy-accesses", { account, tenant, proxy }, signal),
    enabled: Boolean(account && tenant && proxy),
    staleTime: 15_000,
    refetchInterval: 60_000,
  });

/** A proxy's access count and oldest grant, for the table a proxy is picked from. */
export const proxySummaryQuery = (account: string, tenant: string, proxy: string) =>
  queryOptions({
    queryKey: proxyAccessKeys.summary(account, tenant, proxy),
    queryFn: ({ signal }) => getJson<ProxySummaryDto>("/api/proxy-accesses/summary", { account, tenant, proxy }, signal),
    staleTime: 60_000,
  });

export const dmsUsersQuery = (account: string, tenant: string, enabled = true) =>
  queryOptions({
    queryKey: proxyAccessKeys.users(account, tenant),
    queryFn: ({ signal }) => getJson<{ users: DmsUserDto[] }>("/api/proxy-accesses/users", { account, tenant }, signal).then((r) => r.users),
    enabled: enabled && Boolean(account && tenant),
    staleTime: 5 * 60_000,
  });

/** A bulk grant's progress: polled every second while it runs, then left alone. */
export const bulkJobQuery = (jobId: string) =>
  queryOptions({
    queryKey: proxyAccessKeys.job(jobId),
    queryFn: ({ signal }) => getJson<{ job: BulkJobDto }>(`/api/proxy-accesses/jobs/${jobId}`, {}, signal).then((r) => r.job),
    enabled: Boolean(jobId),
    refetchInterval: (query) => (query.state.data?.status === "completed" ? false : 1000),
    staleTime: 0,
  });

/** Puts a just-granted access into the cached list at once (the refetch that follows confirms it). */
export function addAccessToList(client: QueryClient, key: ReturnType<typeof proxyAccessKeys.list>, access: ProxyAccessDto) {
  client.setQueryData<AccessListDto>(key, (list) =>
    list && !list.accesses.some((a) => a.id === access.id) ? { ...list, accesses: [...list.accesses, access] } : list,
  );
}

export function removeAccessesFromList(client: QueryClient, key: ReturnType<typeof proxyAccessKeys.list>, ids: ReadonlySet<string>) {
  client.setQueryData<AccessListDto>(key, (list) => (list ? { ...list, accesses: list.accesses.filter((a) => !ids.has(a.id)) } : list));
}
