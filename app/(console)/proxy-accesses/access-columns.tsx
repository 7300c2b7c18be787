"use client";

import { KeyRound, Trash2 } from "lucide-react";
import type { DataTableColumn } from "@/components/data-table";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SORT_VALUES, type AccessRow } from "./access-filters";

export type RowAction = "revoke" | "reveal";

const ORIGIN_BADGE = { owner: "secondary", ticket: "outline", other: "warning" } as const;

function OriginCell({ row }: { row: AccessRow }) {
  if (row.origin === "other") {
    return (
      <span className="flex min-w-0 items-center gap-1.5" title={row.originInfo}>
        <Badge variant={ORIGIN_BADGE.other}>Other</Badge>
        <span className="truncate text-xs text-muted-foreground">{row.originInfo || "—"}</span>
      </span>
    );
  }
  return (
    <span className="flex min-w-0 items-center gap-1.5" title={row.originInfo}>
      <Badge variant={ORIGIN_BADGE[row.origin]}>{row.origin === "owner" ? "Owner" : "Ticket"}</Badge>
      <span className="truncate font-mono text-xs">{row.origin === "owner" ? `UID ${row.originRef}` : `#${row.originRef}`}</span>
    </span>
  );
}

function GrantedCell({ row, timeZone }: { row: AccessRow; timeZone?: string }) {
  if (!row.grantedAt) {
    return (
      <span className="text-xs text-muted-foreground" title="DMS sent an unreadable time">
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
}

/**
 * The authorization list's columns. Built once per permission set, layout and zone (the row actions
 * call through a stable callback), because a new columns array re-renders every visible row.
 */
export function accessColumns(opts: ColumnOptions) {
  const columns: DataTableColumn<AccessRow>[] = [
    {
      id: "user",
      header: "User",
      width: "minmax(11rem, 1.6fr)",
      sortValue: SORT_VALUES.user,
      cell: (r) => (
        <div className="grid min-w-0 leading-tight" title={`${r.userName} · UID ${r.userUid} · user id ${r.userId}`}>
          <span className="truncate">
            <span className="font-medium">{r.userName || "—"}</span> <span className="font-mono text-[11px] text-muted-foreground">id {r.userId}</span>
          </span>
          <span className="truncate font-mono text-[11px] text-muted-foreground">UID {r.userUid || "—"}</span>
        </div>
      ),
    },
  ];
  if (opts.compact) {
    columns.push({
      id: "accessId",
      header: "Access ID",
      width: "minmax(8rem, 1.2fr)",
      sortValue: SORT_VALUES.accessId,
      cell: (r) => (
        <div className="grid min-w-0 leading-tight">
          <span className="truncate font-mono text-xs">{r.accessId}</span>
          <span className="truncate font-mono text-[11px] text-muted-foreground">{r.indepAccount ? `account ${r.indepAccount}` : "no independent account"}</span>
        </div>
      ),
    });
  } else {
    columns.push(
      { id: "accessId", header: "Access ID", width: "minmax(8rem, 1.2fr)", sortValue: SORT_VALUES.accessId, cell: (r) => <span className="font-mono text-xs">{r.accessId}</span> },
      {
        id: "indepAccount",
        header: "Indep. account",
        headerLabel: "Independent account",
        width: "minmax(7rem, 0.8fr)",
        sortValue: SORT_VALUES.indepAccount,
        cell: (r) => (r.indepAccount ? <span className="font-mono text-xs">{r.indepAccount}</span> : <span className="text-muted-foreground">—</span>),
      },
      { id: "instance", header: "Instance", width: "5.5rem", sortValue: SORT_VALUES.instance, cell: (r) => <span className="font-mono text-xs">{r.instanceId}</span> },
    );
  }
  columns.push(
    { id: "origin", header: "Origin", width: "minmax(11rem, 1.2fr)", sortValue: SORT_VALUES.origin, cell: (r) => <OriginCell row={r} /> },
    {
      id: "granted",
      header: (
        <>
          Granted <span className="font-normal">({opts.zoneLabel})</span>
        </>
      ),
      headerLabel: `Granted, ${opts.zoneLabel}`,
      width: "minmax(9rem, 1fr)",
      sortValue: SORT_VALUES.granted,
      cell: (r) => <GrantedCell row={r} timeZone={opts.timeZone} />,
    },
  );
  if (opts.canRevoke || opts.canReveal) {
    columns.push({
      id: "actions",
      header: "Actions",
      headerLabel: "Row actions",
      width: "5rem",
      align: "right",
      pin: "end",
      cell: (r) => (
        <span className="flex gap-0.5">
          {opts.canReveal ? (
            <Button variant="ghost" size="icon-xs" aria-label={`Reveal secret of ${r.userName || r.userId}`} onClick={() => opts.onAction("reveal", r)}>
              <KeyRound aria-hidden />
            </Button>
          ) : null}
          {opts.canRevoke ? (
            <Button variant="ghost" size="icon-xs" aria-label={`Revoke access of ${r.userName || r.userId}`} onClick={() => opts.onAction("revoke", r)}>
              <Trash2 aria-hidden />
            </Button>
          ) : null}
        </span>
      ),
    });
  }
  return columns;
}
