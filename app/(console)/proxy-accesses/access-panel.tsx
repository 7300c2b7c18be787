"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useMemo, useState } from "react";
import { DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { CHINA_TIME_ZONE, formatZone } from "@/components/relative-time-format";
import { useElementWidth } from "@/components/use-element-width";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { ProxyAccessDto, ProxyDto } from "@/lib/dal/proxy-accesses";
import { accessColumns, type RowAction } from "./access-columns";
import { filterRows, indexRows, sortAccessRows, summarize, type AccessRow } from "./access-filters";
import { ProxyNotices, SummaryBar } from "./access-notices";
import { AccessToolbar } from "./access-toolbar";
import { mayOn, type AllowedActions } from "./allowed";
import { accessListQuery, addAccessToList, proxyAccessKeys, removeAccessesFromList } from "./queries";
import { QueryError } from "@/components/query-error";
import { TimeZoneSwitch } from "./time-zone-switch";
import type { ViewState } from "./view-state";

// Dialogs, the form library and the CSV writer load on demand: none is needed to review a list.
const loadGrant = () => import("./grant-dialog");
const loadBulk = () => import("./bulk-grant-dialog");
const GrantDialog = lazy(() => loadGrant().then((m) => ({ default: m.GrantDialog })));
const BulkGrantDialog = lazy(() => loadBulk().then((m) => ({ default: m.BulkGrantDialog })));
const RevokeDialog = lazy(() => import("./revoke-dialog").then((m) => ({ default: m.RevokeDialog })));
const SecretDialog = lazy(() => import("./secret-dialog").then((m) => ({ default: m.SecretDialog })));
const BulkJobPanel = lazy(() => import("./bulk-job-panel").then((m) => ({ default: m.BulkJobPanel })));

type Dialog = { kind: "grant" } | { kind: "bulk" } | { kind: "revoke"; rows: AccessRow[] } | { kind: "secret"; row: AccessRow } | null;
const NO_ACCESSES: ProxyAccessDto[] = [];
/** Below this width the full column set would need a sideways scroll (minTableWidth of it). */
const FULL_LAYOUT_MIN_PX = 960;

export interface PanelProps {
  account: string;
  tenant: string;
  proxy: string;
  proxyInfo: ProxyDto | null;
  proxies: ProxyDto[];
  allowed: AllowedActions;
  view: ViewState;
  setView: (patch: Partial<ViewState>, mode?: "push" | "replace") => void;
}

/** One proxy's authorization list: summary, search and filters, the virtualised table and every change. */
export function AccessPanel({ account, tenant, proxy, proxyInfo, proxies, allowed, view, setView }: PanelProps) {
  const client = useQueryClient();
  const listKey = useMemo(() => proxyAccessKeys.list(account, tenant, proxy), [account, tenant, proxy]);
  const list = useQuery(accessListQuery(account, tenant, proxy));
  const t = useTranslations("ProxyAccesses");
  const format = useFormatter();
  const tColumns = useTranslations("ProxyAccesses.columns");
  const tOrigin = useTranslations("ProxyAccesses.originFilter");
  const originLabels = useMemo(() => ({ owner: tOrigin("owner"), ticket: tOrigin("ticket"), other: tOrigin("other") }), [tOrigin]);

  // The inputs answer at once; the filtering follows on the deferred values, and the URL a moment later.
  const [q, setQ] = useState(view.q);
  const [user, setUser] = useState(view.user);
  const deferredQ = useDeferredValue(q);
  const deferredUser = useDeferredValue(user);
  useEffect(() => {
    const timer = setTimeout(() => setView({ q, user }), 300);
    return () => clearTimeout(timer);
  }, [q, user, setView]);

  const now = list.dataUpdatedAt;
  const rows = useMemo(() => indexRows(list.data?.accesses ?? NO_ACCESSES, originLabels), [list.data?.accesses, originLabels]);
  const sorted = useMemo(() => sortAccessRows(rows, view.sort), [rows, view.sort]);
  const filtered = useMemo(
    () => filterRows(sorted, { q: deferredQ, origin: view.origin, age: view.age, user: deferredUser }, now),
    [sorted, deferredQ, deferredUser, view.origin, view.age, now],
  );
  const summary = useMemo(() => summarize(rows, now), [rows, now]);

  const instanceId = list.data?.instanceId ?? proxyInfo?.instanceId ?? "";
  const canGrant = mayOn(allowed.grant, instanceId);
  const canRevoke = mayOn(allowed.revoke, instanceId);
  const canReveal = mayOn(allowed.revealSecret, instanceId);

  const [dialog, setDialog] = useState<Dialog>(null);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [highlight, setHighlight] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const [exporting, setExporting] = useState(false);

  const onRowAction = useCallback(
    (action: RowAction, row: AccessRow) => setDialog(action === "revoke" ? { kind: "revoke", rows: [row] } : { kind: "secret", row }),
    [],
  );
  const [frame, width] = useElementWidth();
  const compact = width !== null && width < FULL_LAYOUT_MIN_PX;
  const timeZone = view.tz === "china" ? CHINA_TIME_ZONE : undefined;
  const zoneLabel = useMemo(() => formatZone(new Date(), timeZone), [timeZone]);
  const columns = useMemo(
    () => accessColumns({ canRevoke, canReveal, onAction: onRowAction, compact, timeZone, zoneLabel, t: tColumns }),
    [canRevoke, canReveal, onRowAction, compact, timeZone, zoneLabel, tColumns],
  );
  const getRowId = useCallback((r: AccessRow) => r.id, []);
  const getRowLabel = useCallback((r: AccessRow) => r.userName || t("panel.rowLabel", { userId: r.userId }), [t]);

  const filtersOn = Boolean(q.trim() || user.trim() || view.origin !== "all" || view.age !== "any");
  const clearFilters = () => {
    setQ("");
    setUser("");
    setView({ q: "", user: "", origin: "all", age: "any" });
  };

  async function exportCsv() {
    setExporting(true);
    try {
      const { downloadAccessesCsv } = await import("./export-csv");
      downloadAccessesCsv(filtered, t("panel.fileName", { proxyId: proxy }), { labels: (column) => t(`csv.${column}`), origins: originLabels });
      setAnnounce(t("panel.exported", { count: filtered.length }));
    } finally {
      setExporting(false);
    }
  }

  const onGranted = (access: ProxyAccessDto | null, proxyAccessId: string, userName: string, grantedOn: string) => {
    if (grantedOn !== proxy) {
      setAnnounce(t("panel.grantedElsewhere", { name: userName, proxyId: grantedOn }));
      void client.invalidateQueries({ queryKey: proxyAccessKeys.list(account, tenant, grantedOn) });
      return;
    }
    if (access) addAccessToList(client, listKey, access);
    setHighlight(proxyAccessId);
    setAnnounce(t("panel.granted", { name: userName }));
    void client.invalidateQueries({ queryKey: listKey });
  };
  const onRevoked = (ids: Set<string>, names: string[]) => {
    removeAccessesFromList(client, listKey, ids);
    setSelected((current) => new Set([...current].filter((id) => !ids.has(id))));
    if (ids.size) setAnnounce(t("panel.revoked", { names: format.list(names) }));
    void client.invalidateQueries({ queryKey: listKey });
  };
  const selectedRows = useMemo(() => rows.filter((r) => selected.has(r.id)), [rows, selected]);
  const closeDialog = () => setDialog(null);

  if (list.isPending) {
    return (
      <div ref={frame} aria-busy="true" className="grid gap-3">
        <p className="text-sm text-muted-foreground">{t("panel.loading")}</p>
        <Skeleton className="h-16" />
        <Skeleton className="h-72" />
      </div>
    );
  }
  if (list.isError) return <QueryError error={list.error} title={t("loadError.list")} onRetry={() => void list.refetch()} />;

  return (
    <div ref={frame} className="grid min-w-0 gap-4">
      <SummaryBar summary={summary} visible={filtered.length} />
      <ProxyNotices
        unsettled={list.data.unsettled}
        reconciled={list.data.reconciled}
        jobs={list.data.jobs}
        openJob={view.job}
        onOpenJob={(job) => setView({ job })}
      />
      {view.job ? (
        <Suspense fallback={<Skeleton className="h-24" />}>
          <BulkJobPanel jobId={view.job} canRetry={canGrant} onClose={() => setView({ job: "" })} onChanged={() => void client.invalidateQueries({ queryKey: listKey })} />
        </Suspense>
      ) : null}
      <AccessToolbar
        q={q}
        onQ={setQ}
        user={user}
        onUser={setUser}
        origin={view.origin}
        onOrigin={(origin) => setView({ origin })}
        age={view.age}
        onAge={(age) => setView({ age })}
        filtered={filtersOn}
        onClear={clearFilters}
        onExport={() => void exportCsv()}
        exporting={exporting}
        onRefresh={() => void list.refetch()}
        refreshing={list.isFetching}
        fetchedAt={list.data.fetchedAt}
        canGrant={canGrant}
        onGrant={() => setDialog({ kind: "grant" })}
        onBulk={() => setDialog({ kind: "bulk" })}
        onIntent={(d) => void (d === "grant" ? loadGrant() : loadBulk())}
      />
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
        <span>
          {list.data.requestId ? <span className="font-mono">{t("panel.requestId", { requestId: list.data.requestId })}</span> : null}
        </span>
        <TimeZoneSwitch value={view.tz} onChange={(tz) => setView({ tz })} />
        {canRevoke && selected.size ? (
          <Button variant="destructive" size="sm" onClick={() => setDialog({ kind: "revoke", rows: selectedRows })}>
            <Trash2 aria-hidden /> {t("panel.revokeSelected", { count: selectedRows.length })}
          </Button>
        ) : null}
      </div>
      <DataTable
        rows={filtered}
        columns={columns}
        getRowId={getRowId}
        getRowLabel={getRowLabel}
        label={t("panel.tableLabel", { proxyId: proxy })}
        sort={view.sort}
        onSortChange={(sort) => setView({ sort })}
        selected={canRevoke ? selected : undefined}
        onSelectedChange={canRevoke ? setSelected : undefined}
        highlightRowId={highlight}
        rowHeight={48}
        empty={
          rows.length === 0 ? (
            <EmptyState title={t("panel.empty")} description={canGrant ? t("panel.emptyGrant") : undefined} />
          ) : (
            <EmptyState
              title={t("panel.noMatch")}
              action={
                <Button variant="outline" size="sm" onClick={clearFilters}>
                  {t("toolbar.clearFilters")}
                </Button>
              }
            />
          )
        }
      />
      <p aria-live="polite" className="sr-only" data-testid="announce">
        {announce}
      </p>

      <Suspense fallback={null}>
        {dialog?.kind === "grant" ? (
          <GrantDialog account={account} tenant={tenant} proxy={proxy} proxies={proxies.filter((p) => mayOn(allowed.grant, p.instanceId))} accesses={rows} onClose={closeDialog} onGranted={onGranted} />
        ) : null}
        {dialog?.kind === "bulk" ? (
          <BulkGrantDialog
            account={account}
            tenant={tenant}
            proxy={proxyInfo}
            proxyId={proxy}
            accesses={rows}
            onClose={closeDialog}
            onStarted={(job) => {
              closeDialog();
              setView({ job });
            }}
          />
        ) : null}
        {dialog?.kind === "revoke" ? (
          <RevokeDialog account={account} tenant={tenant} proxy={proxyInfo} proxyId={proxy} rows={dialog.rows} onClose={closeDialog} onRevoked={onRevoked} />
        ) : null}
        {dialog?.kind === "secret" ? <SecretDialog account={account} tenant={tenant} proxyId={proxy} row={dialog.row} onClose={closeDialog} /> : null}
      </Suspense>
    </div>
  );
}
