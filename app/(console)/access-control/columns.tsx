"use client";

import { History, ListChecks, Power, PowerOff } from "lucide-react";
import type { useTranslations } from "next-intl";
import type { DataTableColumn } from "@/components/data-table";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SORT_VALUES, type AcRow } from "./rows";

export type RowAction = "switch" | "rules" | "history";
export type ColumnsT = ReturnType<typeof useTranslations<"AccessControl.columns">>;

function driftWords(t: ColumnsT, fields: readonly string[]) {
  const sw = fields.includes("switch");
  const rules = fields.includes("rules") || fields.includes("type");
  return sw && rules ? t("driftSwitchRules") : sw ? t("driftSwitch") : t("driftRules");
}

function AccessCell({ row, t }: { row: AcRow; t: ColumnsT }) {
  if (!row.state) {
    return (
      <Badge variant="outline" title={row.readError ? t("readErrorTitle", { message: `${row.readError.code}${row.readError.requestId ? ` · ${row.readError.requestId}` : ""}` }) : undefined}>
        {t("unreadable")}
      </Badge>
    );
  }
  return (
    <span className="flex min-w-0 items-center gap-1.5">
      <Badge variant={row.state.open ? "success" : "destructive"} data-access={row.state.open ? "on" : "off"}>
        {row.state.open ? t("on") : t("off")}
      </Badge>
      {row.exposure ? (
        <span className="truncate text-xs text-destructive" data-exposed="true">
          {row.exposure === "off" ? t("exposedOff") : t("exposedEmpty")}
        </span>
      ) : null}
    </span>
  );
}

function ChangedCell({ row, t }: { row: AcRow; t: ColumnsT }) {
  return (
    <div className="grid min-w-0 leading-tight">
      {row.changedAt ? <RelativeTime value={row.changedAt} mode="relative" className="truncate text-xs" /> : <span className="text-xs text-muted-foreground">{t("neverChanged")}</span>}
      {row.drift ? (
        <span className="truncate text-[11px] font-medium text-warning-foreground dark:text-warning" data-drift="true" title={driftWords(t, row.drift.fields)}>
          {t("driftWhat", { what: driftWords(t, row.drift.fields) })}
        </span>
      ) : row.pending ? (
        <span className="truncate text-[11px] text-muted-foreground">{t("pending")}</span>
      ) : null}
    </div>
  );
}

/** The table's columns; built once per permission set (row actions call through a stable callback). */
export function acColumns(opts: { t: ColumnsT; showAccount: boolean; onAction: (action: RowAction, row: AcRow) => void }) {
  const { t } = opts;
  const columns: DataTableColumn<AcRow>[] = [
    {
      id: "instance",
      header: t("instance"),
      width: "minmax(10rem, 1.3fr)",
      sortValue: SORT_VALUES.instance,
      cell: (r) => (
        <div className="grid min-w-0 leading-tight" translate="no">
          <span className="truncate font-medium">{r.instanceName || "—"}</span>
          <span className="truncate font-mono text-[11px] text-muted-foreground">{r.instanceId}</span>
        </div>
      ),
    },
    {
      id: "proxy",
      header: t("proxy"),
      width: "minmax(10rem, 1.3fr)",
      sortValue: SORT_VALUES.proxy,
      cell: (r) => (
        <div className="grid min-w-0 leading-tight" translate="no">
          <span className="truncate font-medium">{r.proxyName || "—"}</span>
          <span className="truncate font-mono text-[11px] text-muted-foreground">{r.proxyId}</span>
        </div>
      ),
    },
    {
      id: "address",
      header: t("address"),
      width: "minmax(8rem, 0.9fr)",
      sortValue: SORT_VALUES.address,
      cell: (r) => (
        <span className="truncate font-mono text-xs" translate="no">
          {r.address ? `${r.address}${r.port ? `:${r.port}` : ""}` : "—"}
        </span>
      ),
    },
    {
      id: "mode",
      header: t("mode"),
      width: "7.5rem",
      sortValue: SORT_VALUES.mode,
      cell: (r) => (
        <Badge variant={r.loadBalanced ? "warning" : "secondary"} title={r.loadBalanced ? t("loadBalancedHint") : t("directHint")}>
          {r.loadBalanced ? t("loadBalanced") : t("direct")}
        </Badge>
      ),
    },
    {
      id: "status",
      header: t("status"),
      width: "6.5rem",
      sortValue: SORT_VALUES.status,
      cell: (r) => (
        <span className="truncate font-mono text-xs" translate="no">
          {r.gone ? t("gone") : r.proxyStatus || "—"}
        </span>
      ),
    },
    { id: "access", header: t("access"), width: "minmax(9rem, 1fr)", sortValue: SORT_VALUES.access, cell: (r) => <AccessCell row={r} t={t} /> },
    {
      id: "type",
      header: t("type"),
      width: "6.5rem",
      sortValue: SORT_VALUES.type,
      cell: (r) => (r.state ? <span className="text-xs">{r.state.type === "white" ? t("white") : t("black")}</span> : <span className="text-muted-foreground">—</span>),
    },
    {
      id: "rules",
      header: t("rules"),
      width: "5.5rem",
      align: "right",
      sortValue: SORT_VALUES.rules,
      cell: (r) => (r.state ? <span className="text-xs tabular-nums">{t("ruleCount", { count: r.state.ipList.length })}</span> : <span className="text-muted-foreground">—</span>),
    },
    { id: "changed", header: t("changed"), width: "minmax(9rem, 1fr)", sortValue: SORT_VALUES.changed, cell: (r) => <ChangedCell row={r} t={t} /> },
  ];
  if (opts.showAccount) {
    columns.push({
      id: "account",
      header: t("account"),
      width: "minmax(8rem, 0.8fr)",
      sortValue: SORT_VALUES.account,
      cell: (r) => (
        <div className="grid min-w-0 leading-tight" translate="no">
          <span className="truncate text-xs">{r.accountName}</span>
          <span className="truncate font-mono text-[11px] text-muted-foreground">{r.region}</span>
        </div>
      ),
    });
  }
  columns.push({
    id: "actions",
    header: t("actions"),
    width: "6.5rem",
    align: "right",
    pin: "end",
    cell: (r) => (
      <span className="flex gap-0.5" role="group" aria-label={t("actionsFor", { proxy: r.proxyName || r.proxyId })}>
        {r.canSwitch && r.state && !r.gone ? (
          <Button variant="ghost" size="icon-xs" aria-label={r.state.open ? t("switchOff") : t("switchOn")} title={r.state.open ? t("switchOff") : t("switchOn")} onClick={() => opts.onAction("switch", r)}>
            {r.state.open ? <PowerOff aria-hidden /> : <Power aria-hidden />}
          </Button>
        ) : null}
        {r.canEditRules && r.state && !r.gone ? (
          <Button variant="ghost" size="icon-xs" aria-label={t("editRules")} title={t("editRules")} onClick={() => opts.onAction("rules", r)}>
            <ListChecks aria-hidden />
          </Button>
        ) : null}
        <Button variant="ghost" size="icon-xs" aria-label={t("history")} title={t("history")} onClick={() => opts.onAction("history", r)}>
          <History aria-hidden />
        </Button>
      </span>
    ),
  });
  return columns;
}
