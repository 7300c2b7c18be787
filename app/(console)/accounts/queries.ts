import { queryOptions } from "@tanstack/react-query";
import { getJson } from "@/components/api-json";
import type { CloudAccountScopesDto, DbInstanceDto, DbVendor } from "@/lib/accounts/instances";
import type { AccountListDto } from "@/lib/accounts/list";

/*
 * The page's queries: the cloud accounts with their regions or projects (from the database and
 * IAM's cached project list), a scope's instances and an instance's accounts (from the vendor,
 * shared with concurrent reads on the server), and a DDS database's roles for the roles editor.
 */

export interface ScopeRef {
  account: string;
  vendor: DbVendor;
  scope: string;
}
export interface InstanceRef extends ScopeRef {
  instance: string;
}

export const accountKeys = {
  all: ["db-accounts"] as const,
  scopes: () => [...accountKeys.all, "scopes"] as const,
  instances: (r: ScopeRef) => [...accountKeys.all, "instances", r.account, r.scope] as const,
  list: (r: InstanceRef) => [...accountKeys.all, "list", r.account, r.scope, r.instance] as const,
  roles: (r: InstanceRef, db: string) => [...accountKeys.all, "roles", r.account, r.scope, r.instance, db] as const,
};

export const scopesQuery = () =>
  queryOptions({
    queryKey: accountKeys.scopes(),
    queryFn: ({ signal }) => getJson<{ accounts: CloudAccountScopesDto[] }>("/api/accounts", {}, signal).then((r) => r.accounts),
    staleTime: 5 * 60_000,
  });

export const instancesQuery = (r: ScopeRef) =>
  queryOptions({
    queryKey: accountKeys.instances(r),
    queryFn: ({ signal }) => getJson<{ instances: DbInstanceDto[]; readAt: string }>("/api/accounts/instances", { ...r }, signal),
    staleTime: 60_000,
    retry: 1,
  });

export const listQuery = (r: InstanceRef) =>
  queryOptions({
    queryKey: accountKeys.list(r),
    queryFn: ({ signal }) => getJson<AccountListDto>("/api/accounts/list", { ...r }, signal),
    staleTime: 30_000,
    refetchInterval: 5 * 60_000,
    retry: 1,
  });

export const rolesQuery = (r: InstanceRef, db: string) =>
  queryOptions({
    queryKey: accountKeys.roles(r, db),
    queryFn: ({ signal }) => getJson<{ roles: { db: string; role: string; builtIn: boolean }[] }>("/api/accounts/roles", { ...r, db }, signal).then((x) => x.roles),
    staleTime: 5 * 60_000,
    retry: 1,
  });
