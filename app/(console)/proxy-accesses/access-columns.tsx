"use client";

import { KeyRound, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import type { DataTableColumn } from "@/components/data-table";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SORT_VALUES, type AccessRow } from "./access-filters";

export type RowAction = "revoke" | "reveal";
export type ColumnsT = ReturnType<typeof useTranslations<"ProxyAccesses.columns">>;

const ORIGIN_BADGE = { owner: "secondary", ticket: "outline", other: "warning" } as const;

// DMS's own origin text (责任人授权(…), 工单授权(…)) is vendor data: shown as it came, in the tooltip.
function OriginCell({ row }: { row: AccessRow }) {
  const t = useTranslations("ProxyAccesses.columns");
  if (row.origin === "other") {
    return (
      // DMS's own origin text (in the tooltip and beside the badge) is shown as DMS wrote it.
      <span className="flex min-w-0 items-center gap-1.5" title={row.originInfo} translate="no">
        <Badge variant={ORIGIN_BADGE.other} translate="yes">
          {t("originOther")}
        </Badge>
        <span className="truncate text-xs text-muted-foreground">{row.originInfo || "—"}</span>
      </span>
    );
  }
  return (
    <span className="flex min-w-0 items-center gap-1.5" title={row.originInfo} translate="no">
      <Badge variant={ORIGIN_BADGE[row.origin]} translate="yes">
        {row.origin === "owner" ? t("originOwner") : t("originTicket")}
      </Badge>
      <span className="truncate font-mono text-xs" translate="yes">{row.origin === "owner" ? t("ownerRef", { ref: row.originRef }) : t("ticketRef", { ref: row.originRef })}</span>
    </span>
  );
}

function GrantedCell({ row, timeZone }: { row: AccessRow; timeZone?: string }) {
  const t = useTranslations("ProxyAccesses.columns");
  if (!row.grantedAt) {
    return (
      <span className="text-xs text-muted-foreground" title={t("unreadableTime")}>
        {row.gmtCreate || "—"}
      </span>
    );
  }
  return (
    <div className="grid min-w-0 leading-tight">
      <RelativeTime value={row.grantedAt} mode="absolute" timeZone={timeZone} showZone={false} className="truncate text-xs" />
      <RelativeTime value={row.grantedAt} mode="relative" className="truncate text-[11px] text-muted-foreground" />
    </div>
  );
}

export interface ColumnOptions {
  canRevoke: boolean;
  canReveal: boolean;
  onAction: (action: RowAction, row: AccessRow) => void;
  /** Narrow screens: the independent account moves under the access id, the instance column goes
   *  (every row of one proxy has the same instance, named above the table). */
  compact: boolean;
  /** IANA zone the Granted times are shown in (the viewer's when undefined) and its label. */
  timeZone?: string;
  zoneLabel: string;
  t: ColumnsT;
}

/**
 * The authorization list's columns. Built once per permission set, layout and zone (the row actions
 * call through a stable callback), because a new columns array re-renders every visible row.
 */
export function accessColumns(opts: ColumnOptions) {
  const { t } = opts;
  const columns: DataTableColumn<AccessRow>[] = [
    {
      id: "user",
      header: t("user"),
      width: "minmax(11rem, 1.6fr)",
      sortValue: SORT_VALUES.user,
      cell: (r) => (
        <div className="grid min-w-0 leading-tight" title={t("userTitle", { name: r.userName, uid: r.userUid, userId: r.userId })}>
          <span className="truncate">
            <span className="font-medium" translate="no">
              {r.userName || "—"}
            </span>{" "}
            <span className="font-mono text-[11px] text-muted-foreground">{t("userId", { userId: r.userId })}</span>
          </span>
          <span className="truncate font-mono text-[11px] text-muted-foreground">{t("uid", { uid: r.userUid || "—" })}</span>
        </div>
      ),
    },
  ];
  if (opts.compact) {
    columns.push({
      id: "accessId",
      header: t("accessId"),
      width: "minmax(8rem, 1.2fr)",
      sortValue: SORT_VALUES.accessId,
      cell: (r) => (
        <div className="grid min-w-0 leading-tight">
          <span className="truncate font-mono text-xs">{r.accessId}</span>
          <span className="truncate font-mono text-[11px] text-muted-foreground">{r.indepAccount ? t("account", { account: r.indepAccount }) : t("noAccount")}</span>
        </div>
      ),
    });
  } else {
    columns.push(
      { id: "accessId", header: t("accessId"), width: "minmax(8rem, 1.2fr)", sortValue: SORT_VALUES.accessId, cell: (r) => <span className="font-mono text-xs">{r.accessId}</span> },
      {
        id: "indepAccount",
        header: t("indepAccount"),
        headerLabel: t("indepAccountLabel"),
        width: "minmax(7rem, 0.8fr)",
        sortValue: SORT_VALUES.indepAccount,
        cell: (r) =>
          r.indepAccount ? (
            <span className="font-mono text-xs" translate="no">
              {r.indepAccount}
            </span>
          ) : (
            <span className="text-muted-foreground">—</span>
          ),
      },
      { id: "instance", header: t("instance"), width: "5.5rem", sortValue: SORT_VALUES.instance, cell: (r) => <span className="font-mono text-xs">{r.instanceId}</span> },
    );
  }
  columns.push(
    { id: "origin", header: t("origin"), width: "minmax(11rem, 1.2fr)", sortValue: SORT_VALUES.origin, cell: (r) => <OriginCell row={r} /> },
    {
      id: "granted",
      header: <>{t.rich("granted", { zone: opts.zoneLabel, muted: (chunks) => <span className="font-normal">{chunks}</span> })}</>,
      headerLabel: t("grantedLabel", { zone: opts.zoneLabel }),
      width: "minmax(9rem, 1fr)",
      sortValue: SORT_VALUES.granted,
      cell: (r) => <GrantedCell row={r} timeZone={opts.timeZone} />,
    },
  );
  if (opts.canRevoke || opts.canReveal) {
    columns.push({
      id: "actions",
      header: t("actions"),
      headerLabel: t("actionsLabel"),
      width: "5rem",
      align: "right",
      pin: "end",
      cell: (r) => (
        <span className="flex gap-0.5">
          {opts.canReveal ? (
            <Button variant="ghost" size="icon-xs" aria-label={t("reveal", { name: r.userName || r.userId })} onClick={() => opts.onAction("reveal", r)}>
              <KeyRound aria-hidden />
            </Button>
          ) : null}
          {opts.canRevoke ? (
            <Button variant="ghost" size="icon-xs" aria-label={t("revoke", { name: r.userName || r.userId })} onClick={() => opts.onAction("revoke", r)}>
              <Trash2 aria-hidden />
            </Button>
          ) : null}
        </span>
      ),
    });
  }
  return columns;
}
