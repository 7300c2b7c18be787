"use client";

import { useQueries } from "@tanstack/react-query";
import { ChevronRight } from "lucide-react";
import { useMemo, useState, type ReactNode } from "react";
import { DataTable, sortRows, type DataTableColumn, type SortState } from "@/components/data-table";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { ProxyDto } from "@/lib/dal/proxy-accesses";
import type { ProxySummaryDto } from "@/lib/dal/proxy-accesses-summary";
import { ApiError, proxySummaryQuery } from "./queries";

type ProxyRow = ProxyDto & { summary: ProxySummaryDto | undefined; failed: string | null };

function SummaryCell({ row, children }: { row: ProxyRow; children: (s: ProxySummaryDto) => ReactNode }) {
  if (row.summary) return <>{children(row.summary)}</>;
  if (row.failed) return <span className="text-xs text-destructive" title={row.failed}>unavailable</span>;
  return <Spinner className="size-3.5" label={`Counting accesses of proxy ${row.proxyId}`} />;
}

function columnsFor(onPick: (proxyId: string) => void): DataTableColumn<ProxyRow>[] {
  return [
    {
      id: "instance",
      header: "Instance",
      width: "minmax(12rem, 2fr)",
      sortValue: (r) => r.instanceName || r.instanceId,
      cell: (r) => (
        <div className="grid min-w-0 leading-tight">
          <span className="truncate font-medium">{r.instanceName || `Instance ${r.instanceId}`}</span>
          <span className="truncate font-mono text-[11px] text-muted-foreground">
            proxy {r.proxyId} · instance {r.instanceId}
          </span>
        </div>
      ),
    },
    { id: "engine", header: "Engine", width: "minmax(6rem, 1fr)", sortValue: (r) => r.engine, cell: (r) => r.engine || "—" },
    { id: "region", header: "Region", width: "minmax(7rem, 1fr)", sortValue: (r) => r.region, cell: (r) => <span className="font-mono text-xs">{r.region || "—"}</span> },
    {
      id: "accesses",
      header: "Accesses",
      width: "6.5rem",
      align: "right",
      sortValue: (r) => r.summary?.accessCount,
      cell: (r) => <SummaryCell row={r}>{(s) => <span className="tabular-nums">{s.accessCount.toLocaleString("en")}</span>}</SummaryCell>,
    },
    {
      id: "oldest",
      header: "Oldest access",
      width: "minmax(9rem, 1fr)",
      sortValue: (r) => r.summary?.oldestGrantedAt,
      cell: (r) => (
        <SummaryCell row={r}>
          {(s) => <RelativeTime value={s.oldestGrantedAt} mode="relative" fallback="none" className="text-xs" />}
        </SummaryCell>
      ),
    },
    {
      id: "open",
      header: "Open",
      headerLabel: "Open the list",
      width: "4.5rem",
      align: "right",
      pin: "end",
      cell: (r) => (
        <Button variant="ghost" size="sm" aria-label={`Open proxy ${r.proxyId}`} onClick={() => onPick(r.proxyId)}>
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
  const columns = useMemo(() => columnsFor(onPick), [onPick]);
  const rows = useMemo(
    () =>
      proxies.map((p, i): ProxyRow => {
        const q = summaries[i];
        const error = q?.error;
        return { ...p, summary: q?.data, failed: error ? (error instanceof ApiError && error.code ? `${error.message} (${error.code})` : error.message) : null };
      }),
    [proxies, summaries],
  );
  const sorted = useMemo(() => sortRows(rows, columns, sort), [rows, columns, sort]);
  const getRowId = useMemo(() => (r: ProxyRow) => r.proxyId, []);
  return (
    <DataTable
      rows={sorted}
      columns={columns}
      getRowId={getRowId}
      label="Proxies of this tenant"
      sort={sort}
      onSortChange={setSort}
      rowHeight={48}
      maxHeight="min(60vh, 36rem)"
    />
  );
}
