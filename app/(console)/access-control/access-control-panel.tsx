"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Download, RotateCw, Search, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { lazy, Suspense, useCallback, useDeferredValue, useMemo, useState } from "react";
import { DataTable } from "@/components/data-table";
import { createLazyMessages } from "@/components/lazy-messages";
import { ListEmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { ProxyRowDto } from "@/lib/access-control/read";
import { patchRow, type AccountOption } from "./access-control-view";
import { acColumns, type RowAction } from "./columns";
import { EXPOSURE_FILTERS, filterRows, isFiltered, orderRows, TEXT_MAX, TYPE_FILTERS, type AcRow, type ExposureFilter, type TypeFilter, type ViewState } from "./rows";
import { SwitchDialog } from "./switch-dialog";

const loadRules = () => import("./rules-dialog");
const RulesDialog = lazy(() => loadRules().then((m) => ({ default: m.RulesDialog })));
const loadHistory = () => import("./history-dialog");
const HistoryDialog = lazy(() => loadHistory().then((m) => ({ default: m.HistoryDialog })));

type Dialog = { kind: RowAction; row: AcRow } | null;

/** The panel's words (toolbar, columns, dialogs) come with its chunk; the page's first load carries only the summary's. */
const panelMessages = createLazyMessages({
  en: () => import("./messages/en.json").then((m) => ({ AccessControl: m.default })),
  "zh-CN": () => import("./messages/zh-CN.json").then((m) => ({ AccessControl: m.default })),
});
export const preloadPanelMessages = panelMessages.preload;

function Panel(props: {
  accounts: AccountOption[];
  rows: AcRow[];
  view: ViewState;
  setView: (patch: Partial<ViewState>, mode?: "push" | "replace") => void;
  refreshing: boolean;
  onRefresh: () => void;
  refetchSource: (account: string, project: string) => Promise<void>;
}) {
  const { rows, view, setView } = props;
  const t = useTranslations("AccessControl");
  const tColumns = useTranslations("AccessControl.columns");
  const client = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [exporting, setExporting] = useState(false);
  const [announce, setAnnounce] = useState("");
  const q = useDeferredValue(view.q);

  const onAction = useCallback((kind: RowAction, row: AcRow) => {
    if (kind === "rules") void loadRules();
    if (kind === "history") void loadHistory();
    setDialog({ kind, row });
  }, []);
  const showAccount = props.accounts.length > 1;
  const columns = useMemo(() => acColumns({ t: tColumns, showAccount, onAction }), [tColumns, showAccount, onAction]);
  const filtered = useMemo(() => orderRows(filterRows(rows, { account: view.account, q, exposure: view.exposure, type: view.type }), view.sort, columns), [rows, view.account, q, view.exposure, view.type, view.sort, columns]);
  const filtersOn = isFiltered(view);
  const clearFilters = () => setView({ account: "", q: "", exposure: "all", type: "any" });
  const getRowId = useCallback((r: AcRow) => r.key, []);
  const getRowLabel = useCallback((r: AcRow) => r.proxyName || r.proxyId, []);
  const current = dialog ? (rows.find((r) => r.key === dialog.row.key) ?? dialog.row) : null;

  async function exportCsv() {
    setExporting(true);
    try {
      const [{ downloadCsv, toCsv }, { CSV_FIELDS, csvRows }] = await Promise.all([import("@/components/csv"), import("./rows")]);
      downloadCsv(toCsv(CSV_FIELDS, (f) => t(`csv.${f}`), csvRows(filtered)), t("csv.fileName"));
      setAnnounce(t("csv.exported", { count: filtered.length }));
    } finally {
      setExporting(false);
    }
  }

  /** A change answered: its row as read back, else its source read again. */
  const onChanged = (row: AcRow, answer: ProxyRowDto | null, words: string) => {
    if (answer) patchRow(client, answer);
    setAnnounce(words);
    void props.refetchSource(row.accountId, row.projectId);
  };

  return (
    <div className="grid min-w-0 gap-3">
      <div role="search" aria-label={t("toolbar.filterLabel")} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(14rem,2fr)_repeat(3,minmax(10rem,1fr))_auto] lg:items-end">
        <div className="grid gap-1.5">
          <Label htmlFor="ac-search">{t("toolbar.search")}</Label>
          <div className="relative">
            <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
            <Input id="ac-search" type="search" value={view.q} onChange={(e) => setView({ q: e.currentTarget.value })} placeholder={t("toolbar.searchPlaceholder")} className="pl-8" maxLength={TEXT_MAX} autoComplete="off" spellCheck={false} />
          </div>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="ac-account">{t("toolbar.account")}</Label>
          <Select id="ac-account" value={view.account} onChange={(e) => setView({ account: e.currentTarget.value })}>
            <option value="">{t("toolbar.allAccounts")}</option>
            {props.accounts.map((a) => (
              <option key={a.id} value={a.id} translate="no">
                {a.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="ac-exposure">{t("toolbar.exposure")}</Label>
          <Select id="ac-exposure" value={view.exposure} onChange={(e) => setView({ exposure: e.currentTarget.value as ExposureFilter })}>
            {EXPOSURE_FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`exposureFilter.${f}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="ac-type">{t("toolbar.type")}</Label>
          <Select id="ac-type" value={view.type} onChange={(e) => setView({ type: e.currentTarget.value as TypeFilter })}>
            {TYPE_FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`typeFilter.${f}`)}
              </option>
            ))}
          </Select>
        </div>
        <Button variant="ghost" onClick={clearFilters} disabled={!filtersOn}>
          <X aria-hidden /> {t("toolbar.clearFilters")}
        </Button>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-xs text-muted-foreground" data-testid="ac-count">
          {t("toolbar.count", { shown: filtered.length, total: rows.length })}
        </span>
        <span className="flex flex-wrap gap-2">
          <Button variant="outline" size="sm" onClick={props.onRefresh} disabled={props.refreshing}>
            <RotateCw aria-hidden className={props.refreshing ? "animate-spin" : undefined} /> {props.refreshing ? t("toolbar.refreshing") : t("toolbar.refresh")}
          </Button>
          <Button variant="outline" size="sm" onClick={() => void exportCsv()} disabled={exporting}>
            <Download aria-hidden /> {exporting ? t("toolbar.exporting") : t("toolbar.exportCsv")}
          </Button>
        </span>
      </div>
      <DataTable
        rows={filtered}
        columns={columns}
        getRowId={getRowId}
        getRowLabel={getRowLabel}
        label={tColumns("tableLabel")}
        sort={view.sort}
        onSortChange={(sort) => setView({ sort })}
        rowHeight={48}
        rowClassName={(r) => (r.exposure ? "bg-destructive/5" : undefined)}
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
      <p aria-live="polite" className="sr-only" data-testid="announce">
        {announce}
      </p>
      {dialog?.kind === "switch" && current ? (
        <SwitchDialog row={current} onClose={() => setDialog(null)} onChanged={(answer, words) => onChanged(current, answer, words)} onFailed={() => void props.refetchSource(current.accountId, current.projectId)} />
      ) : null}
      <Suspense fallback={null}>
        {dialog?.kind === "rules" && current ? <RulesDialog row={current} onClose={() => setDialog(null)} onChanged={(answer, words) => onChanged(current, answer, words)} /> : null}
        {dialog?.kind === "history" && current ? <HistoryDialog row={current} onClose={() => setDialog(null)} onChanged={(answer, words) => onChanged(current, answer, words)} /> : null}
      </Suspense>
    </div>
  );
}

export const AccessControlPanel = panelMessages.withMessages(Panel);
