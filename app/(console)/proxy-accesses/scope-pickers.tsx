"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, type ReactNode } from "react";
import { QueryError } from "@/components/query-error";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import type { ProxyDto, TenantDto } from "@/lib/dal/proxy-accesses";
import type { AccountOption } from "./proxy-accesses-view";

type Patch = { account?: string; tenant?: string; proxy?: string };

/** DMS's instance environment types, named as DMS's own console names them; anything else is shown as sent. */
const ENV_TYPES = ["product", "dev", "test", "pre", "sit", "uat", "pet", "stag", "normal"] as const;
const isEnvType = (value: string): value is (typeof ENV_TYPES)[number] => (ENV_TYPES as readonly string[]).includes(value);

/** "47 · orders-db (MySQL, cn-hangzhou)": how a proxy is named in every picker. */
export function useProxyLabel(): (p: ProxyDto) => string {
  const t = useTranslations("ProxyAccesses.scope");
  return useCallback(
    (p: ProxyDto) => {
      const name = p.instanceName || t("instanceFallback", { id: p.instanceId });
      const details = [p.engine, p.region].filter(Boolean).join(", ");
      return details ? t("proxyOptionDetails", { proxyId: p.proxyId, name, details }) : t("proxyOption", { proxyId: p.proxyId, name });
    },
    [t],
  );
}

function Picker({ id, label, busyLabel, busy, children }: { id: string; label: string; busyLabel?: string; busy?: boolean; children: ReactNode }) {
  return (
    <div className="grid min-w-0 gap-1.5" aria-busy={busy || undefined}>
      <Label htmlFor={id} className="flex items-center gap-2">
        {label}
        {busy ? <Spinner className="size-3.5" label={busyLabel} /> : null}
      </Label>
      {children}
    </div>
  );
}

/** The three choices that select an authorization list, each with its loading, empty and error state. */
export function ScopePickers(props: {
  accounts: AccountOption[];
  account: string;
  tenant: string;
  proxy: string;
  tenants: UseQueryResult<{ tenants: TenantDto[]; defaultTenantId: string | null }>;
  proxies: UseQueryResult<ProxyDto[]>;
  onChange: (patch: Patch) => void;
}) {
  const { accounts, account, tenant, proxy, tenants, proxies, onChange } = props;
  const t = useTranslations("ProxyAccesses");
  const proxyLabel = useProxyLabel();
  const selected = proxies.data?.find((p) => p.proxyId === proxy);
  return (
    <section aria-label={t("scope.label")} className="grid min-w-0 grid-cols-1 gap-3 rounded-lg border p-3">
      <div className="grid grid-cols-1 gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,2fr)]">
        <Picker id="pa-account" label={t("scope.account")}>
          <Select id="pa-account" value={account} onChange={(e) => onChange({ account: e.currentTarget.value, tenant: "", proxy: "" })}>
            {account ? null : <option value="">{t("scope.chooseAccount")}</option>}
            {accounts.map((a) => (
              // Names and ids are data: translate="no" tells translation tools (and the zh-CN check) so.
              <option key={a.id} value={a.id} translate="no">
                {t("scope.accountOption", { name: a.name, region: a.region })}
              </option>
            ))}
          </Select>
        </Picker>
        <Picker id="pa-tenant" label={t("scope.tenant")} busyLabel={t("scope.loadingTenants")} busy={tenants.isFetching && !tenants.data}>
          <Select
            id="pa-tenant"
            value={tenant}
            disabled={!tenants.data}
            onChange={(e) => onChange({ tenant: e.currentTarget.value, proxy: "" })}
          >
            {!tenants.data ? <option value={tenant}>{tenants.isError ? t("scope.tenantsUnavailable") : t("scope.tenantsLoading")}</option> : null}
            {tenants.data && tenants.data.tenants.length === 0 ? <option value="">{t("scope.noTenant")}</option> : null}
            {tenants.data && !tenant && tenants.data.tenants.length ? <option value="">{t("scope.chooseTenant")}</option> : null}
            {tenants.data?.tenants.map((tn) => (
              <option key={tn.tid} value={tn.tid} translate={tn.name ? "no" : undefined}>
                {t("scope.tenantOption", { name: tn.name || t("scope.tenantFallback"), tid: tn.tid })}
              </option>
            ))}
          </Select>
        </Picker>
        <Picker id="pa-proxy" label={t("scope.proxy")} busyLabel={t("scope.loadingProxies")} busy={proxies.isFetching && !proxies.data}>
          <Select id="pa-proxy" value={proxy} disabled={!proxies.data?.length} onChange={(e) => onChange({ proxy: e.currentTarget.value })}>
            {!proxies.data ? (
              <option value={proxy}>{proxies.isError ? t("scope.proxiesUnavailable") : tenant ? t("scope.proxiesLoading") : t("scope.tenantFirst")}</option>
            ) : null}
            {proxies.data && proxies.data.length === 0 ? <option value="">{t("scope.noProxyOption")}</option> : null}
            {proxies.data?.length && !selected ? <option value="">{t("scope.chooseProxy")}</option> : null}
            {proxies.data?.map((p) => (
              <option key={p.proxyId} value={p.proxyId} translate={p.instanceName ? "no" : undefined}>
                {proxyLabel(p)}
              </option>
            ))}
          </Select>
        </Picker>
      </div>
      {selected ? (
        <dl className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-muted-foreground" data-testid="proxy-details">
          <div className="flex gap-1">
            <dt>{t("scope.details.instance")}</dt>
            <dd className="font-medium text-foreground" translate="no">
              {selected.instanceName || "—"} <span className="font-mono">({selected.instanceId})</span>
            </dd>
          </div>
          <div className="flex gap-1">
            <dt>{t("scope.details.engine")}</dt>
            <dd className="text-foreground">{selected.engine || "—"}</dd>
          </div>
          <div className="flex gap-1">
            <dt>{t("scope.details.region")}</dt>
            <dd className="text-foreground" translate="no">
              {selected.region || "—"}
            </dd>
          </div>
          {selected.envType ? (
            <div className="flex gap-1">
              <dt>{t("scope.details.environment")}</dt>
              <dd className="text-foreground">{isEnvType(selected.envType) ? t(`scope.envTypes.${selected.envType}`) : selected.envType}</dd>
            </div>
          ) : null}
          <div className="flex min-w-0 gap-1">
            <dt>{t("scope.details.endpoint")}</dt>
            <dd className="truncate font-mono text-foreground">
              {selected.privateHost}
              {selected.port ? `:${selected.port}` : ""}
            </dd>
          </div>
        </dl>
      ) : null}
      {tenants.isError ? <QueryError error={tenants.error} title={t("loadError.tenants")} onRetry={() => void tenants.refetch()} /> : null}
      {proxies.isError ? <QueryError error={proxies.error} title={t("loadError.proxies")} onRetry={() => void proxies.refetch()} /> : null}
      {proxies.data?.length === 0 ? <p className="text-sm text-muted-foreground">{t("scope.noProxies")}</p> : null}
    </section>
  );
}
