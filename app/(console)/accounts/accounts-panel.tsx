"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, Plus, RotateCw, Search, Trash2, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { lazy, Suspense, useCallback, useDeferredValue, useMemo, useState } from "react";
import { DataTable } from "@/components/data-table";
import { createLazyMessages } from "@/components/lazy-messages";
import { ListEmptyState } from "@/components/empty-state";
import { QueryError } from "@/components/query-error";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import type { DbInstanceDto } from "@/lib/accounts/instances";
import { accountColumns, type RowAction } from "./columns";
import { listQuery, type InstanceRef } from "./queries";
import { DDS_MODE_FILTERS, filterRows, indexRows, isFiltered, orderRows, TENCENT_MODE_FILTERS, TEXT_MAX, type AccountRow, type ModeFilter, type ViewState } from "./rows";
import { useNotReadyText } from "./accounts-view";

const loadDialogs = () => import("./dialogs");
const CreateDialog = lazy(() => loadDialogs().then((m) => ({ default: m.CreateDialog })));
const ResetDialog = lazy(() => loadDialogs().then((m) => ({ default: m.ResetDialog })));
const DeleteDialog = lazy(() => loadDialogs().then((m) => ({ default: m.DeleteDialog })));

type Dialog = { kind: "create" } | { kind: "reset"; row: AccountRow } | { kind: "delete"; rows: AccountRow[] } | null;

/** The panel's words (toolbar, columns, CSV) come with its chunk; the page's first load carries only the pickers'. */
const panelMessages = createLazyMessages({
  en: () => import("./messages/en.json").then((m) => ({ Accounts: m.default })),
  "zh-CN": () => import("./messages/zh-CN.json").then((m) => ({ Accounts: m.default })),
});
export const preloadPanelMessages = panelMessages.preload;

function Panel(props: { instance: DbInstanceDto; accountName: string; view: ViewState; setView: (patch: Partial<ViewState>, mode?: "push" | "replace") => void }) {
  const { instance, view, setView } = props;
  const t = useTranslations("Accounts");
  const tColumns = useTranslations("Accounts.columns");
  const notReadyText = useNotReadyText();
  const client = useQueryClient();
  const ref: InstanceRef = { account: instance.accountId, vendor: instance.vendor, scope: instance.scopeId, instance: instance.instanceId };
  const list = useQuery(listQuery(ref));
  const rows = useMemo(() => indexRows(list.data?.rows ?? []), [list.data]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [announce, setAnnounce] = useState("");
  const [exporting, setExporting] = useState(false);
  const q = useDeferredValue(view.q);
  const manage = instance.canManage && !instance.notReady;

  const onAction = useCallback((kind: RowAction, row: AccountRow) => {
    void loadDialogs();
    setDialog(kind === "reset" ? { kind, row } : { kind, rows: [row] });
  }, []);
  const columns = useMemo(() => accountColumns({ t: tColumns, vendor: instance.vendor, canManage: manage, onAction }), [tColumns, instance.vendor, manage, onAction]);
  const filtered = useMemo(() => orderRows(filterRows(rows, { q, mode: view.mode }), view.sort, columns), [rows, q, view.mode, view.sort, columns]);
  const getRowId = useCallback((r: AccountRow) => r.key, []);
  const getRowLabel = useCallback((r: AccountRow) => r.key, []);
  const deletable = rows.filter((r) => selected.has(r.key) && !r.system && !r.resetOnly);
  const clearFilters = () => setView({ q: "", mode: "any" });
  const refetch = () => client.invalidateQueries({ queryKey: listQuery(ref).queryKey });
  const modes = instance.vendor === "tencent" ? TENCENT_MODE_FILTERS : DDS_MODE_FILTERS;

  async function exportCsv() {
    setExporting(true);
    try {
      const [{ downloadCsv, toCsv }, { csvRows, DDS_CSV_FIELDS, TENCENT_CSV_FIELDS }] = await Promise.all([import("@/components/csv"), import("./rows")]);
      const fields = instance.vendor === "tencent" ? TENCENT_CSV_FIELDS : DDS_CSV_FIELDS;
      downloadCsv(toCsv(fields, (f) => t(`csv.${f}`), csvRows(instance.instanceId, filtered)), `${t("csv.fileName")}-${instance.instanceId}`);
      setAnnounce(t("csv.exported", { count: filtered.length }));
    } finally {
      setExporting(false);
    }
  }

  const title = instance.name || instance.instanceId;
  return (
    <section aria-labelledby="acc-list-title" className="grid min-w-0 gap-3" data-testid="accounts-list" data-loaded={list.isSuccess && !list.isFetching ? "true" : "false"} data-row-count={rows.length}>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div className="grid">
          <h2 id="acc-list-title" className="text-base font-semibold">
            {t.rich("list.title", { name: title, n: (chunks) => <span translate="no">{chunks}</span> })}
          </h2>
          <p className="text-xs text-muted-foreground" translate="no">
            {props.accountName} · {instance.region}
            {instance.projectId ? ` · ${instance.projectId}` : ""} · {instance.instanceId}
          </p>
        </div>
        {instance.canManage ? (
          <Button onClick={() => (void loadDialogs(), setDialog({ kind: "create" }))} disabled={Boolean(instance.notReady)}>
            <Plus aria-hidden /> {instance.vendor === "tencent" ? t("list.createTencent") : t("list.createDds")}
          </Button>
        ) : null}
      </div>
      {instance.notReady ? <Alert variant="warning">{notReadyText(instance.notReady)}</Alert> : null}
      {instance.vendor === "tencent" && !instance.maxConnectionsSupported ? <p className="text-xs text-muted-foreground">{t("list.kernel101", { version: instance.version })}</p> : null}
      <div role="search" aria-label={t("toolbar.filterLabel")} className="grid gap-3 sm:grid-cols-[minmax(14rem,2fr)_minmax(10rem,1fr)_auto] sm:items-end lg:max-w-4xl">
        <div className="grid gap-1.5">
          <Label htmlFor="acc-search">{t("toolbar.search")}</Label>
          <div className="relative">
            <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
            <Input id="acc-search" type="search" value={view.q} onChange={(e) => setView({ q: e.currentTarget.value })} placeholder={instance.vendor === "tencent" ? t("toolbar.searchTencent") : t("toolbar.searchDds")} className="pl-8" maxLength={TEXT_MAX} autoComplete="off" spellCheck={false} />
          </div>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="acc-mode">{instance.vendor === "tencent" ? t("toolbar.mode") : t("toolbar.roles")}</Label>
          <Select id="acc-mode" value={modes.includes(view.mode) ? view.mode : "any"} onChange={(e) => setView({ mode: e.currentTarget.value as ModeFilter })}>
            {modes.map((m) => (
              <option key={m} value={m}>
                {t(`modeFilter.${m}`)}
              </option>
            ))}
          </Select>
        </div>
        <Button variant="ghost" onClick={clearFilters} disabled={!isFiltered(view)}>
          <X aria-hidden /> {t("toolbar.clearFilters")}
        </Button>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
          <span data-testid="acc-count">{t("toolbar.count", { shown: filtered.length, total: rows.length })}</span>
          {list.data ? (
            <span className="flex gap-1">
              {t("toolbar.readAt")}
              <RelativeTime value={list.data.readAt} mode="relative" />
            </span>
          ) : null}
        </span>
        <span className="flex flex-wrap gap-2">
          {manage && selected.size ? (
            <Button variant="destructive" size="sm" onClick={() => (void loadDialogs(), setDialog({ kind: "delete", rows: deletable }))} disabled={!deletable.length}>
              <Trash2 aria-hidden /> {t("toolbar.deleteSelected", { count: deletable.length })}
            </Button>
          ) : null}
          <Button variant="outline" size="sm" onClick={() => void refetch()} disabled={list.isFetching}>
            <RotateCw aria-hidden className={list.isFetching ? "animate-spin" : undefined} /> {list.isFetching ? t("toolbar.refreshing") : t("toolbar.refresh")}
          </Button>
          <Button variant="outline" size="sm" onClick={() => void exportCsv()} disabled={exporting || !rows.length}>
            <Download aria-hidden /> {exporting ? t("toolbar.exporting") : t("toolbar.exportCsv")}
          </Button>
        </span>
      </div>
      {list.isError ? (
        <QueryError error={list.error} title={t("loadError.list")} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Skeleton className="h-60" />
      ) : (
        <DataTable
          rows={filtered}
          columns={columns}
          getRowId={getRowId}
          getRowLabel={getRowLabel}
          label={t("list.tableLabel", { name: title })}
          sort={view.sort}
          onSortChange={(sort) => setView({ sort })}
          selected={manage ? selected : undefined}
          onSelectedChange={manage ? setSelected : undefined}
          rowHeight={44}
          empty={
            <ListEmptyState
              none={rows.length === 0}
              noneTitle={t("empty.none")}
              noneDescription={t("empty.noneDescription")}
              filteredTitle={t("empty.filtered")}
              filteredDescription={t("empty.filteredDescription")}
              clearLabel={t("toolbar.clearFilters")}
              onClear={clearFilters}
            />
          }
        />
      )}
      <p aria-live="polite" className="sr-only" data-testid="announce">
        {announce}
      </p>
      <Suspense fallback={null}>
        {dialog?.kind === "create" ? <CreateDialog instance={instance} existing={rows} onClose={() => setDialog(null)} onDone={(words) => (setAnnounce(words), void refetch())} /> : null}
        {dialog?.kind === "reset" ? <ResetDialog instance={instance} row={dialog.row} onClose={() => setDialog(null)} onDone={(words) => (setAnnounce(words), void refetch())} /> : null}
        {dialog?.kind === "delete" ? (
          <DeleteDialog
            instance={instance}
            rows={dialog.rows}
            onClose={() => setDialog(null)}
            onDone={(words, deleted) => {
              setAnnounce(words);
              setSelected((s) => new Set([...s].filter((k) => !deleted.includes(k))));
              void refetch();
            }}
          />
        ) : null}
      </Suspense>
    </section>
  );
}

export const AccountsPanel = panelMessages.withMessages(Panel);
