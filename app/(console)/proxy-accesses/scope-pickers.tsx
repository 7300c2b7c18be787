"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ErrorState } from "@/components/error-state";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import type { ProxyDto, TenantDto } from "@/lib/dal/proxy-accesses";
import type { AccountOption } from "./proxy-accesses-view";
import { ApiError } from "./queries";

type Patch = { account?: string; tenant?: string; proxy?: string };

export function proxyLabel(p: ProxyDto): string {
  const name = p.instanceName || `instance ${p.instanceId}`;
  const details = [p.engine, p.region].filter(Boolean).join(", ");
  return `${p.proxyId} · ${name}${details ? ` (${details})` : ""}`;
}

export function QueryError({ error, what, onRetry }: { error: unknown; what: string; onRetry: () => void }) {
  const e = error instanceof ApiError ? error : null;
  return (
    <ErrorState
      title={`Could not load ${what}`}
      message={e?.message ?? "The console could not be reached. Check your connection and try again."}
      code={e?.code}
      requestId={e?.requestId}
      onRetry={onRetry}
    />
  );
}

function Picker({ id, label, busy, children }: { id: string; label: string; busy?: boolean; children: ReactNode }) {
  return (
    <div className="grid min-w-0 gap-1.5" aria-busy={busy || undefined}>
      <Label htmlFor={id} className="flex items-center gap-2">
        {label}
        {busy ? <Spinner className="size-3.5" label={`Loading ${label.toLowerCase()}s`} /> : null}
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
  const selected = proxies.data?.find((p) => p.proxyId === proxy);
  return (
    <section aria-label="Choose the proxy" className="grid min-w-0 grid-cols-1 gap-3 rounded-lg border p-3">
      <div className="grid grid-cols-1 gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,2fr)]">
        <Picker id="pa-account" label="Cloud account">
          <Select id="pa-account" value={account} onChange={(e) => onChange({ account: e.currentTarget.value, tenant: "", proxy: "" })}>
            {account ? null : <option value="">Choose an account…</option>}
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.region})
              </option>
            ))}
          </Select>
        </Picker>
        <Picker id="pa-tenant" label="Tenant" busy={tenants.isFetching && !tenants.data}>
          <Select
            id="pa-tenant"
            value={tenant}
            disabled={!tenants.data}
            onChange={(e) => onChange({ tenant: e.currentTarget.value, proxy: "" })}
          >
            {!tenants.data ? <option value={tenant}>{tenants.isError ? "Tenants unavailable" : "Loading tenants…"}</option> : null}
            {tenants.data && tenants.data.tenants.length === 0 ? <option value="">No DMS tenant for this key</option> : null}
            {tenants.data && !tenant && tenants.data.tenants.length ? <option value="">Choose a tenant…</option> : null}
            {tenants.data?.tenants.map((t) => (
              <option key={t.tid} value={t.tid}>
                {t.name || "Tenant"} ({t.tid})
              </option>
            ))}
          </Select>
        </Picker>
        <Picker id="pa-proxy" label="Proxy" busy={proxies.isFetching && !proxies.data}>
          <Select id="pa-proxy" value={proxy} disabled={!proxies.data?.length} onChange={(e) => onChange({ proxy: e.currentTarget.value })}>
            {!proxies.data ? <option value={proxy}>{proxies.isError ? "Proxies unavailable" : tenant ? "Loading proxies…" : "Choose a tenant first"}</option> : null}
            {proxies.data && proxies.data.length === 0 ? <option value="">No proxies you may see</option> : null}
            {proxies.data?.length && !selected ? <option value="">Choose a proxy…</option> : null}
            {proxies.data?.map((p) => (
              <option key={p.proxyId} value={p.proxyId}>
                {proxyLabel(p)}
              </option>
            ))}
          </Select>
        </Picker>
      </div>
      {selected ? (
        <dl className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-muted-foreground" data-testid="proxy-details">
          <div className="flex gap-1">
            <dt>Instance</dt>
            <dd className="font-medium text-foreground">
              {selected.instanceName || "—"} <span className="font-mono">({selected.instanceId})</span>
            </dd>
          </div>
          <div className="flex gap-1">
            <dt>Engine</dt>
            <dd className="text-foreground">{selected.engine || "—"}</dd>
          </div>
          <div className="flex gap-1">
            <dt>Region</dt>
            <dd className="text-foreground">{selected.region || "—"}</dd>
          </div>
          {selected.envType ? (
            <div className="flex gap-1">
              <dt>Environment</dt>
              <dd className="text-foreground">{selected.envType}</dd>
            </div>
          ) : null}
          <div className="flex min-w-0 gap-1">
            <dt>Endpoint</dt>
            <dd className="truncate font-mono text-foreground">
              {selected.privateHost}
              {selected.port ? `:${selected.port}` : ""}
            </dd>
          </div>
        </dl>
      ) : null}
      {tenants.isError ? <QueryError error={tenants.error} what="the tenants" onRetry={() => void tenants.refetch()} /> : null}
      {proxies.isError ? <QueryError error={proxies.error} what="the proxies" onRetry={() => void proxies.refetch()} /> : null}
      {proxies.data?.length === 0 ? (
        <p className="text-sm text-muted-foreground">No proxies in this tenant that you may see. Owners see only the proxies of instances they own.</p>
      ) : null}
    </section>
  );
}
