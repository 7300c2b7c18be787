"use client";

import { useQuery } from "@tanstack/react-query";
import { RotateCw, Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from "react";
import { EmptyState } from "@/components/empty-state";
import { QueryError } from "@/components/query-error";
import { RelativeTime } from "@/components/relative-time";
import { normalise } from "@/components/search-text";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useUrlState } from "@/components/use-url-state";
import type { CloudAccountScopesDto, DbInstanceDto, NotReadyReason } from "@/lib/accounts/instances";
import { instancesQuery, scopesQuery } from "./queries";
import { parseViewState, serializeViewState, type ViewState } from "./view-state";

// The accounts table, its toolbar and dialogs are their own chunk, fetched right after hydration.
const loadPanel = () => import("./accounts-panel");
const AccountsPanel = lazy(() => loadPanel().then((m) => ({ default: m.AccountsPanel })));


const TENCENT_STATES: Record<number, string> = { [-2]: "deleted", [-1]: "isolated", 0: "creating", 1: "inFlow", 3: "notInitialised", 4: "initialising", 5: "deleting", 6: "restarting", 7: "migrating" };
const DDS_STATES: Record<string, string> = {
  abnormal: "abnormal", creating: "creating", frozen: "frozen", data_disk_full: "diskFull", createfail: "createFailed", enlargefail: "enlargeFailed",
  CREATE: "creating", RESIZE_FLAVOR: "resizing", MODIFY_PORT: "changingPort", RESTARTING: "restarting",
};
const code = (chunks: ReactNode) => <code className="font-mono">{chunks}</code>;

/** Why an instance cannot be picked, in plain words, with the vendor's own state code beside them. */
export function useNotReadyText() {
  const t = useTranslations("Accounts.instances");
  return (r: NotReadyReason): ReactNode => {
    if (r.key === "ddsEnhanced") return t("ddsEnhanced");
    const raw = r.key === "tencentStatus" ? String(r.status ?? "") : r.key === "ddsStatus" ? r.status : r.action;
    const key = (r.key === "tencentStatus" ? TENCENT_STATES[r.status ?? Number.NaN] : DDS_STATES[raw]) ?? "other";
    const state = t(`state.${key}` as "state.other");
    return r.key === "tencentStatus" ? t.rich("reasonTencent", { state, code: raw || "—", c: code }) : t.rich("reasonDds", { state, code: raw || "—", c: code });
  };
}

/**
 * Where database accounts live: pick a Tencent or Huawei cloud account, one of its regions or
 * projects and an instance; the instance's accounts follow. The choice is kept in the URL.
 */
export function AccountsView() {
  const t = useTranslations("Accounts");
  const [view, setView] = useUrlState<ViewState>(parseViewState, serializeViewState);
  const scopes = useQuery(scopesQuery());
  const accounts = useMemo(() => scopes.data ?? [], [scopes.data]);
  const account: CloudAccountScopesDto | undefined = accounts.find((a) => a.accountId === view.account) ?? accounts[0];
  const scope = account?.scopes.find((s) => s.id === view.scope) ?? account?.scopes.find((s) => s.home) ?? account?.scopes[0];
  const scopeRef = account && scope ? { account: account.accountId, vendor: account.vendor, scope: scope.id } : null;
  const instances = useQuery({ ...instancesQuery(scopeRef ?? { account: "", vendor: "tencent", scope: "" }), enabled: Boolean(scopeRef) });
  const list = useMemo(() => instances.data?.instances ?? [], [instances.data]);
  const instance = list.find((i) => i.instanceId === view.instance) ?? null;

  useEffect(() => {
    void loadPanel().then((m) => m.preloadPanelMessages());
  }, []);

  if (scopes.isError) return <QueryError error={scopes.error} title={t("loadError.accounts")} onRetry={() => void scopes.refetch()} />;
  if (scopes.isPending) return <Skeleton className="h-40" />;
  if (!account) return <EmptyState title={t("noAccount.title")} description={t("noAccount.description")} />;

  const loaded = !instances.isFetching && (instances.isSuccess || instances.isError);
  return (
    <div className="grid min-w-0 gap-4" data-testid="accounts-page" data-instances-loaded={loaded ? "true" : "false"}>
      <section aria-label={t("pickers.label")} className="grid gap-3 sm:grid-cols-2 lg:max-w-3xl">
        <div className="grid gap-1.5">
          <Label htmlFor="acc-cloud-account">{t("pickers.account")}</Label>
          <Select id="acc-cloud-account" value={account.accountId} onChange={(e) => setView({ account: e.currentTarget.value, scope: "", instance: "", q: "", mode: "any", sort: null }, "push")}>
            {(["tencent", "huawei"] as const).map((vendor) => {
              const of = accounts.filter((a) => a.vendor === vendor);
              return of.length ? (
                <optgroup key={vendor} label={t(`pickers.vendor.${vendor}`)}>
                  {of.map((a) => (
                    <option key={a.accountId} value={a.accountId} translate="no">
                      {a.accountName}
                    </option>
                  ))}
                </optgroup>
              ) : null;
            })}
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="acc-scope">{account.vendor === "tencent" ? t("pickers.region") : t("pickers.project")}</Label>
          <Select id="acc-scope" value={scope?.id ?? ""} onChange={(e) => setView({ account: account.accountId, scope: e.currentTarget.value, instance: "", q: "", mode: "any", sort: null }, "push")}>
            {account.scopes.map((s) => (
              <option key={s.id} value={s.id} translate="no">
                {s.projectId ? `${s.region} · ${s.projectId}` : s.region}
                {s.home ? ` ${t("pickers.home")}` : ""}
              </option>
            ))}
          </Select>
          {account.scopesError ? <p className="text-xs text-muted-foreground">{t("pickers.projectsFailed", { code: account.scopesError.code })}</p> : null}
        </div>
      </section>
      <InstancePicker
        instances={list}
        query={instances}
        selected={instance?.instanceId ?? ""}
        onSelect={(id) => setView({ account: account.accountId, scope: scope?.id ?? "", instance: id, q: "", mode: "any", sort: null }, "push")}
      />
      {instance ? (
        <Suspense fallback={<Skeleton className="h-72" />}>
          <AccountsPanel instance={instance} accountName={account.accountName} view={view} setView={setView} />
        </Suspense>
      ) : view.instance && loaded ? (
        <EmptyState title={t("instances.gone")} description={t("instances.goneDescription")} />
      ) : null}
    </div>
  );
}

function InstancePicker(props: {
  instances: DbInstanceDto[];
  query: { isFetching: boolean; isError: boolean; error: unknown; refetch: () => unknown; data?: { readAt: string } };
  selected: string;
  onSelect: (id: string) => void;
}) {
  const t = useTranslations("Accounts.instances");
  const notReadyText = useNotReadyText();
  const [filter, setFilter] = useState("");
  const q = normalise(filter.trim());
  const shown = q ? props.instances.filter((i) => normalise(`${i.name} ${i.instanceId} ${i.address}`).includes(q)) : props.instances;
  const { query } = props;
  return (
    <section aria-labelledby="acc-instances-title" className="grid gap-2 rounded-lg border bg-card p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="acc-instances-title" className="text-sm font-semibold">
          {t("title")}
        </h2>
        <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
          {query.data ? (
            <span className="flex gap-1">
              {t("readAt")}
              <RelativeTime value={query.data.readAt} mode="relative" />
            </span>
          ) : null}
          <Button variant="ghost" size="sm" className="h-7" onClick={() => void query.refetch()} disabled={query.isFetching}>
            <RotateCw aria-hidden className={query.isFetching ? "animate-spin" : undefined} /> {t("refresh")}
          </Button>
        </div>
      </div>
      {props.instances.length > 8 ? (
        <div className="relative max-w-sm">
          <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <Input type="search" aria-label={t("filter")} placeholder={t("filter")} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} className="h-8 pl-8" maxLength={100} />
        </div>
      ) : null}
      {query.isError ? (
        <QueryError error={query.error} title={t("loadError")} onRetry={() => void query.refetch()} />
      ) : query.isFetching && !props.instances.length ? (
        <Skeleton className="h-24" />
      ) : props.instances.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("none")}</p>
      ) : (
        <ul className="grid max-h-72 gap-1 overflow-y-auto pr-1 sm:grid-cols-2 xl:grid-cols-3" data-testid="acc-instances">
          {shown.map((i) => {
            const reason = i.notReady ? notReadyText(i.notReady) : null;
            const current = i.instanceId === props.selected;
            return (
              <li key={i.instanceId}>
                <button
                  type="button"
                  disabled={Boolean(reason)}
                  aria-current={current ? "true" : undefined}
                  onClick={() => props.onSelect(i.instanceId)}
                  data-instance={i.instanceId}
                  data-ready={reason ? "false" : "true"}
                  className={cn(
                    "grid w-full min-w-0 gap-0.5 rounded-md border px-2.5 py-1.5 text-left text-sm transition-colors focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
                    current ? "border-primary bg-primary/5" : "hover:bg-accent",
                    reason && "cursor-not-allowed opacity-70 hover:bg-transparent",
                  )}
                >
                  <span className="flex min-w-0 items-center gap-2">
                    <span className="truncate font-medium" translate="no">
                      {i.name || i.instanceId}
                    </span>
                    {i.version ? (
                      <Badge variant="secondary" className="shrink-0 font-mono text-[10px]" translate="no">
                        {i.version}
                      </Badge>
                    ) : null}
                  </span>
                  <span className="truncate font-mono text-[11px] text-muted-foreground" translate="no">
                    {i.instanceId}
                    {i.address ? ` · ${i.address}` : ""}
                  </span>
                  {reason ? <span className="text-[11px] font-medium text-warning-foreground dark:text-warning">{reason}</span> : null}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

