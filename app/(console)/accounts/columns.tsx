"use client";

import { KeyRound, Trash2 } from "lucide-react";
import type { useTranslations } from "next-intl";
import type { DataTableColumn } from "@/components/data-table";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { DbVendor } from "@/lib/accounts/instances";
import { SORT_VALUES, type AccountRow } from "./rows";

export type RowAction = "reset" | "delete";
export type ColumnsT = ReturnType<typeof useTranslations<"Accounts.columns">>;

const READ_ONLY_VARIANT = ["secondary", "default", "default", "default"] as const;

/** What a Tencent read-only mode means, in a few words (the dialog explains each in full). */
export function modeWords(t: ColumnsT, mode: number | null) {
  return mode === 1 ? t("mode1") : mode === 2 ? t("mode2") : mode === 3 ? t("mode3") : t("mode0");
}

function IdentityCell({ row, t }: { row: AccountRow; t: ColumnsT }) {
  return (
    <span className="flex min-w-0 items-center gap-1.5">
      <span className="truncate font-mono text-sm font-medium" translate="no">
        {row.userName}
      </span>
      {row.system ? <Badge variant="outline">{t("system")}</Badge> : row.resetOnly ? <Badge variant="outline">{t("builtIn")}</Badge> : null}
      {row.pending ? <span className="text-[11px] text-muted-foreground">{t("pending")}</span> : null}
    </span>
  );
}

/** The table's columns for one vendor; built once per vendor and permission (row actions call through a stable callback). */
export function accountColumns(opts: { t: ColumnsT; vendor: DbVendor; canManage: boolean; onAction: (action: RowAction, row: AccountRow) => void }) {
  const { t } = opts;
  const columns: DataTableColumn<AccountRow>[] = [{ id: "user", header: t("user"), width: "minmax(10rem, 1.2fr)", sortValue: SORT_VALUES.user, cell: (r) => <IdentityCell row={r} t={t} /> }];
  if (opts.vendor === "tencent") {
    columns.push(
      {
        id: "host",
        header: t("host"),
        width: "minmax(7rem, 0.8fr)",
        sortValue: SORT_VALUES.host,
        cell: (r) => (
          <span className="truncate font-mono text-xs" translate="no" title={r.host === "%" ? t("anyHost") : undefined}>
            {r.host}
          </span>
        ),
      },
      {
        id: "mode",
        header: t("mode"),
        width: "minmax(9rem, 1fr)",
        sortValue: SORT_VALUES.mode,
        cell: (r) => (
          <span className="grid min-w-0 leading-tight">
            <Badge variant={READ_ONLY_VARIANT[r.readOnly ?? 0] ?? "secondary"} className="w-fit" data-read-only={r.readOnly ?? 0}>
              {modeWords(t, r.readOnly)}
            </Badge>
            {r.readOnly && (r.readOnly === 1 || r.readOnly === 2) && r.delayThresh ? <span className="truncate text-[11px] text-muted-foreground">{t("delay", { seconds: r.delayThresh })}</span> : null}
          </span>
        ),
      },
      {
        id: "maxConnections",
        header: t("maxConnections"),
        width: "6.5rem",
        align: "right",
        sortValue: SORT_VALUES.maxConnections,
        cell: (r) => <span className="text-xs tabular-nums">{r.maxConnections ? r.maxConnections : t("unlimited")}</span>,
      },
      { id: "description", header: t("description"), width: "minmax(8rem, 1fr)", sortValue: SORT_VALUES.description, cell: (r) => <span className="truncate text-xs">{r.description || "—"}</span> },
      { id: "created", header: t("created"), width: "minmax(8rem, 0.9fr)", sortValue: SORT_VALUES.created, cell: (r) => <RelativeTime value={r.createdAt} className="truncate text-xs" /> },
      { id: "updated", header: t("updated"), width: "minmax(6rem, 0.6fr)", sortValue: SORT_VALUES.updated, cell: (r) => <RelativeTime value={r.updatedAt} mode="relative" className="truncate text-xs" /> },
    );
  } else {
    columns.push(
      { id: "db", header: t("db"), width: "8rem", sortValue: SORT_VALUES.db, cell: (r) => <span className="truncate font-mono text-xs" translate="no">{r.dbName}</span> },
      {
        id: "roles",
        header: t("roles"),
        width: "minmax(12rem, 2fr)",
        sortValue: SORT_VALUES.roles,
        cell: (r) =>
          r.roles.length ? (
            <span className="truncate font-mono text-xs" translate="no" title={r.inheritedRoles.map((x) => `${x.db}.${x.role}`).join(", ")}>
              {r.roles.map((x) => `${x.role}@${x.db}`).join(", ")}
            </span>
          ) : (
            <span className="text-xs text-muted-foreground">{t("noRoles")}</span>
          ),
      },
    );
  }
  if (opts.canManage) {
    columns.push({
      id: "actions",
      header: t("actions"),
      width: "5.5rem",
      align: "right",
      pin: "end",
      cell: (r) => (
        <span className="flex gap-0.5" role="group" aria-label={t("actionsFor", { account: r.key })}>
          {!r.system ? (
            <Button variant="ghost" size="icon-xs" aria-label={t("resetPassword")} title={t("resetPassword")} onClick={() => opts.onAction("reset", r)} disabled={r.pending}>
              <KeyRound aria-hidden />
            </Button>
          ) : null}
          {!r.system && !r.resetOnly ? (
            <Button variant="ghost" size="icon-xs" aria-label={t("delete")} title={t("delete")} onClick={() => opts.onAction("delete", r)} disabled={r.pending}>
              <Trash2 aria-hidden />
            </Button>
          ) : null}
        </span>
      ),
    });
  }
  return columns;
}
