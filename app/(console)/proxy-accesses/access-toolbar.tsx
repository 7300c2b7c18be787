"use client";

import { Download, RotateCw, Search, UserPlus, Users, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { AnswerAge } from "./answer-age";
import { AGE_FILTERS, ORIGIN_FILTERS, type AgeFilter, type OriginFilter } from "./access-filters";
import { TEXT_MAX } from "./view-state";

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
  const t = useTranslations("ProxyAccesses");
  return (
    <div className="grid gap-3">
      <div role="search" aria-label={t("toolbar.filterLabel")} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(14rem,2fr)_minmax(10rem,1fr)_minmax(10rem,1fr)_minmax(10rem,1fr)_auto] lg:items-end">
        <div className="grid gap-1.5">
          <Label htmlFor="pa-search">{t("toolbar.search")}</Label>
          <div className="relative">
            <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
            <Input
              id="pa-search"
              type="search"
              value={p.q}
              onChange={(e) => p.onQ(e.currentTarget.value)}
              placeholder={t("toolbar.searchPlaceholder")}
              className="pl-8"
              maxLength={TEXT_MAX}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="pa-origin">{t("toolbar.origin")}</Label>
          <Select id="pa-origin" value={p.origin} onChange={(e) => p.onOrigin(e.currentTarget.value as OriginFilter)}>
            {ORIGIN_FILTERS.map((o) => (
              <option key={o} value={o}>
                {t(`originFilter.${o}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="pa-age">{t("toolbar.age")}</Label>
          <Select id="pa-age" value={p.age} onChange={(e) => p.onAge(e.currentTarget.value as AgeFilter)}>
            {AGE_FILTERS.map((a) => (
              <option key={a} value={a}>
                {t(`ageFilter.${a}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="pa-user">{t("toolbar.user")}</Label>
          <Input id="pa-user" value={p.user} onChange={(e) => p.onUser(e.currentTarget.value)} placeholder={t("toolbar.userPlaceholder")} maxLength={TEXT_MAX} autoComplete="off" spellCheck={false} />
        </div>
        <Button variant="ghost" onClick={p.onClear} disabled={!p.filtered}>
          <X aria-hidden /> {t("toolbar.clearFilters")}
        </Button>
      </div>
      <div className="flex flex-wrap items-center justify-end gap-2">
        {p.fetchedAt ? <AnswerAge fetchedAt={p.fetchedAt} /> : null}
        <Button variant="outline" size="sm" onClick={p.onRefresh} disabled={p.refreshing}>
          <RotateCw aria-hidden className={p.refreshing ? "animate-spin" : undefined} /> {p.refreshing ? t("toolbar.refreshing") : t("toolbar.refresh")}
        </Button>
        <Button variant="outline" size="sm" onClick={p.onExport} disabled={p.exporting}>
          <Download aria-hidden /> {p.exporting ? t("toolbar.exporting") : t("toolbar.exportCsv")}
        </Button>
        {p.canGrant ? (
          <>
            <Button variant="outline" size="sm" onClick={p.onBulk} onPointerEnter={() => p.onIntent("bulk")} onFocus={() => p.onIntent("bulk")}>
              <Users aria-hidden /> {t("toolbar.bulkGrant")}
            </Button>
            <Button size="sm" onClick={p.onGrant} onPointerEnter={() => p.onIntent("grant")} onFocus={() => p.onIntent("grant")}>
              <UserPlus aria-hidden /> {t("toolbar.grantAccess")}
            </Button>
          </>
        ) : null}
      </div>
    </div>
  );
}
