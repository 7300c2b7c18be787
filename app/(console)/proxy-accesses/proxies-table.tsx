"use client";

import { useQueries } from "@tanstack/react-query";
import { ChevronRight } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo, useState, type ReactNode } from "react";
import { DataTable, sortRows, type DataTableColumn, type SortState } from "@/components/data-table";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { ProxyDto } from "@/lib/dal/proxy-accesses";
import type { ProxySummaryDto } from "@/lib/dal/proxy-accesses-summary";
import { ApiError, proxySummaryQuery } from "./queries";
import { useApiErrorText } from "@/components/query-error";

type ProxyRow = ProxyDto & { summary: ProxySummaryDto | undefined; failed: string | null };
type T = ReturnType<typeof useTranslations<"ProxyAccesses.proxies">>;
type Format = ReturnType<typeof useFormatter>;

function SummaryCell({ row, children }: { row: ProxyRow; children: (s: ProxySummaryDto) => ReactNode }) {
  const t = useTranslations("ProxyAccesses.proxies");
  if (row.summary) return <>{children(row.summary)}</>;
  if (row.failed) return <span className="text-xs text-destructive" title={row.failed}>{t("unavailable")}</span>;
  return <Spinner className="size-3.5" label={t("counting", { proxyId: row.proxyId })} />;
}

function columnsFor(onPick: (proxyId: string) => void, t: T, format: Format): DataTableColumn<ProxyRow>[] {
  return [
    {
      id: "instance",
      header: t("instance"),
      width: "minmax(12rem, 2fr)",
      sortValue: (r) => r.instanceName || r.instanceId,
      cell: (r) => (
        <div className="grid min-w-0 leading-tight">
          <span className="truncate font-medium" translate={r.instanceName ? "no" : undefined}>
            {r.instanceName || t("instanceName", { id: r.instanceId })}
          </span>
          <span className="truncate font-mono text-[11px] text-muted-foreground">{t("ids", { proxyId: r.proxyId, instanceId: r.instanceId })}</span>
        </div>
      ),
    },
    { id: "engine", header: t("engine"), width: "minmax(6rem, 1fr)", sortValue: (r) => r.engine, cell: (r) => r.engine || "—" },
    { id: "region", header: t("region"), width: "minmax(7rem, 1fr)", sortValue: (r) => r.region, cell: (r) => <span className="font-mono text-xs" translate="no">{r.region || "—"}</span> },
    {
      id: "accesses",
      header: t("accesses"),
      width: "6.5rem",
      align: "right",
      sortValue: (r) => r.summary?.accessCount,
      cell: (r) => <SummaryCell row={r}>{(s) => <span className="tabular-nums">{format.number(s.accessCount)}</span>}</SummaryCell>,
    },
    {
      id: "oldest",
      header: t("oldest"),
      width: "minmax(9rem, 1fr)",
      sortValue: (r) => r.summary?.oldestGrantedAt,
      cell: (r) => (
        <SummaryCell row={r}>
          {(s) => <RelativeTime value={s.oldestGrantedAt} mode="relative" fallback={t("none")} className="text-xs" />}
        </SummaryCell>
      ),
    },
    {
      id: "open",
      header: t("open"),
      headerLabel: t("openLabel"),
      width: "4.5rem",
      align: "right",
      pin: "end",
      cell: (r) => (
        <Button variant="ghost" size="sm" aria-label={t("openProxy", { proxyId: r.proxyId })} onClick={() => onPick(r.proxyId)}>
          <ChevronRight aria-hidden />
        </Button>
      ),
    },
  ];
}

/**
 * The tenant's proxies to pick from, each with how many accesses it carries and the oldest one,
 * so a reviewer sees where to look first. Counts load per proxy and fill in as they arrive.
 */
export function ProxiesTable({ account, tenant, proxies, onPick }: { account: string; tenant: string; proxies: ProxyDto[]; onPick: (proxyId: string) => void }) {
  // combine keeps the answer referentially stable until a count or an error really changes.
  const summaries = useQueries({
    queries: proxies.map((p) => proxySummaryQuery(account, tenant, p.proxyId)),
    combine: (results) => results.map((r) => ({ data: r.data, error: r.error })),
  });
  const [sort, setSort] = useState<SortState>(null);
  const t = useTranslations("ProxyAccesses.proxies");
  const format = useFormatter();
  const errorText = useApiErrorText();
  const columns = useMemo(() => columnsFor(onPick, t, format), [onPick, t, format]);
  const rows = useMemo(
    () =>
      proxies.map((p, i): ProxyRow => {
        const q = summaries[i];
        const error = q?.error;
        return { ...p, summary: q?.data, failed: error ? (error instanceof ApiError && error.code ? t("failed", { message: errorText(error), code: error.code }) : errorText(error)) : null };
      }),
    [proxies, summaries, t, errorText],
  );
  const sorted = useMemo(() => sortRows(rows, columns, sort), [rows, columns, sort]);
  const getRowId = useMemo(() => (r: ProxyRow) => r.proxyId, []);
  return (
    <DataTable
      rows={sorted}
      columns={columns}
      getRowId={getRowId}
      label={t("label")}
      sort={sort}
      onSortChange={setSort}
      rowHeight={48}
      maxHeight="min(60vh, 36rem)"
    />
  );
}
