"use client";

import { Download, RotateCw, Search, UserPlus, Users, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { AnswerAge } from "./answer-age";
import { AGE_FILTERS, AGE_LABELS, ORIGIN_FILTERS, type AgeFilter, type OriginFilter } from "./access-filters";
import { TEXT_MAX } from "./view-state";

const ORIGIN_OPTION_LABELS: Record<OriginFilter, string> = { all: "Any origin", owner: "Owner authorization", ticket: "Ticket", other: "Other" };

export interface ToolbarProps {
  q: string;
  onQ: (q: string) => void;
  user: string;
  onUser: (user: string) => void;
  origin: OriginFilter;
  onOrigin: (origin: OriginFilter) => void;
  age: AgeFilter;
  onAge: (age: AgeFilter) => void;
  filtered: boolean;
  onClear: () => void;
  onExport: () => void;
  exporting: boolean;
  onRefresh: () => void;
  refreshing: boolean;
  /** When DMS gave the list shown (ISO); answers are shared for a few seconds. */
  fetchedAt?: string;
  canGrant: boolean;
  onGrant: () => void;
  onBulk: () => void;
  /** Preloads a dialog's code when the pointer nears its button. */
  onIntent: (dialog: "grant" | "bulk") => void;
}

/** Search and filters (applied as you type) and the list's buttons. */
export function AccessToolbar(p: ToolbarProps) {
  return (
    <div className="grid gap-3">
      <div role="search" aria-label="Filter the authorization list" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(14rem,2fr)_minmax(10rem,1fr)_minmax(10rem,1fr)_minmax(10rem,1fr)_auto] lg:items-end">
        <div className="grid gap-1.5">
          <Label htmlFor="pa-search">Search</Label>
          <div className="relative">
            <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
            <Input
              id="pa-search"
              type="search"
              value={p.q}
              onChange={(e) => p.onQ(e.currentTarget.value)}
              placeholder="Name, UID, access id, account, ticket…"
              className="pl-8"
              maxLength={TEXT_MAX}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="pa-origin">Origin</Label>
          <Select id="pa-origin" value={p.origin} onChange={(e) => p.onOrigin(e.currentTarget.value as OriginFilter)}>
            {ORIGIN_FILTERS.map((o) => (
              <option key={o} value={o}>
                {ORIGIN_OPTION_LABELS[o]}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="pa-age">Age</Label>
          <Select id="pa-age" value={p.age} onChange={(e) => p.onAge(e.currentTarget.value as AgeFilter)}>
            {AGE_FILTERS.map((a) => (
              <option key={a} value={a}>
                {AGE_LABELS[a]}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="pa-user">User</Label>
          <Input id="pa-user" value={p.user} onChange={(e) => p.onUser(e.currentTarget.value)} placeholder="Name, UID or id" maxLength={TEXT_MAX} autoComplete="off" spellCheck={false} />
        </div>
        <Button variant="ghost" onClick={p.onClear} disabled={!p.filtered}>
          <X aria-hidden /> Clear filters
        </Button>
      </div>
      <div className="flex flex-wrap items-center justify-end gap-2">
        {p.fetchedAt ? <AnswerAge fetchedAt={p.fetchedAt} /> : null}
        <Button variant="outline" size="sm" onClick={p.onRefresh} disabled={p.refreshing}>
          <RotateCw aria-hidden className={p.refreshing ? "animate-spin" : undefined} /> {p.refreshing ? "Refreshing…" : "Refresh"}
        </Button>
        <Button variant="outline" size="sm" onClick={p.onExport} disabled={p.exporting}>
          <Download aria-hidden /> {p.exporting ? "Exporting…" : "Export CSV"}
        </Button>
        {p.canGrant ? (
          <>
            <Button variant="outline" size="sm" onClick={p.onBulk} onPointerEnter={() => p.onIntent("bulk")} onFocus={() => p.onIntent("bulk")}>
              <Users aria-hidden /> Bulk grant
            </Button>
            <Button size="sm" onClick={p.onGrant} onPointerEnter={() => p.onIntent("grant")} onFocus={() => p.onIntent("grant")}>
              <UserPlus aria-hidden /> Grant access
            </Button>
          </>
        ) : null}
      </div>
    </div>
  );
}
