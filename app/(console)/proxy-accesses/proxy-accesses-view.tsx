"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { lazy, Suspense, useCallback, useEffect } from "react";
import { EmptyState } from "@/components/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { AllowedActions } from "./allowed";
import { proxiesQuery, tenantsQuery } from "./queries";
import { ScopePickers } from "./scope-pickers";
import { useViewState } from "./use-view-state";
import { preloadFullMessages, withFullMessages } from "./full-messages";

// The list (virtualised table, filters, row actions) is its own chunk, fetched right after
// hydration in parallel with the tenant and proxy lookups that must finish before it can show.
// The panel (and the dialogs inside it) come with the whole ProxyAccesses catalog, fetched alongside.
const loadPanel = () => Promise.all([import("./access-panel"), preloadFullMessages()]).then(([m]) => m);
const AccessPanel = lazy(() => loadPanel().then((m) => ({ default: withFullMessages(m.AccessPanel) })));
// The proxies table shares the virtualised table with the list, so it is not in the first load either.
const loadProxies = () => import("./proxies-table");
const ProxiesTable = lazy(() => loadProxies().then((m) => ({ default: withFullMessages(m.ProxiesTable) })));

export interface AccountOption {
  id: string;
  name: string;
  region: string;
}

/**
 * Account → tenant → proxy, then the proxy's authorization list. Every choice sits in the URL,
 * and a sensible default is filled in when there is exactly one way to go.
 */
export function ProxyAccessesView({ accounts, allowed }: { accounts: AccountOption[]; allowed: AllowedActions }) {
  const t = useTranslations("ProxyAccesses");
  const [view, setView] = useViewState();
  const account = view.account || (accounts.length === 1 ? accounts[0]!.id : "");
  const tenants = useQuery(tenantsQuery(account));
  const tenant = view.tenant || tenants.data?.defaultTenantId || "";
  const proxies = useQuery(proxiesQuery(account, tenant));
  const onlyProxy = proxies.data?.length === 1 ? proxies.data[0]!.proxyId : "";
  const proxy = view.proxy || onlyProxy;

  useEffect(() => {
    void loadPanel();
    void loadProxies();
  }, []);
  const pickProxy = useCallback((next: string) => setView({ proxy: next, job: "" }, "push"), [setView]);

  // Write the defaults into the URL so the view can be shared exactly as seen.
  useEffect(() => {
    const patch: Partial<typeof view> = {};
    if (!view.account && account) patch.account = account;
    if (!view.tenant && tenant) patch.tenant = tenant;
    if (!view.proxy && proxy) patch.proxy = proxy;
    if (Object.keys(patch).length) setView(patch);
  }, [view.account, view.tenant, view.proxy, account, tenant, proxy, setView]);

  // With no account at all the page shows its empty state on the server and never renders this.
  const selected = proxies.data?.find((p) => p.proxyId === proxy);
  return (
    <div className="grid min-w-0 gap-4">
      <ScopePickers
        accounts={accounts}
        account={account}
        tenant={tenant}
        proxy={proxy}
        tenants={tenants}
        proxies={proxies}
        onChange={(patch) => setView({ ...patch, job: "" }, "push")}
      />
      {account && tenant && proxy && (selected || proxies.isError) ? (
        <Suspense fallback={<Skeleton className="h-72" />}>
          <AccessPanel
            key={`${account}/${tenant}/${proxy}`}
            account={account}
            tenant={tenant}
            proxy={proxy}
            proxyInfo={selected ?? null}
            proxies={proxies.data ?? []}
            allowed={allowed}
            view={view}
            setView={setView}
          />
        </Suspense>
      ) : account && tenant && proxies.isSuccess && proxy && !selected ? (
        <EmptyState title={t("proxyMissing.title")} description={t("proxyMissing.description")} />
      ) : account && tenant && !proxy && proxies.data?.length ? (
        <Suspense fallback={<Skeleton className="h-72" />}>
          <ProxiesTable account={account} tenant={tenant} proxies={proxies.data} onPick={pickProxy} />
        </Suspense>
      ) : null}
    </div>
  );
}
