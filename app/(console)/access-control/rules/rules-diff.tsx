"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { diffRules, isNoChange, type RuleEntry, type RulesState } from "@/lib/access-control/rules";

/** Lists taller than this scroll inside themselves, and take focus so the keyboard can scroll them. */
const SCROLL_AFTER = 8;

/**
 * What saving `after` over `before` does to a proxy's rules: added, removed and re-described
 * entries under their own headings (never told by colour alone), and a warning when the list type
 * changes, because TaurusDB then discards the old list whole.
 */
export function RulesDiff({ before, after }: { before: RulesState; after: RulesState }) {
  const t = useTranslations("AccessControlRules.diff");
  const inline = useTranslations("AccessControlRules.typesInline");
  const change = useMemo(() => diffRules(before, after), [before, after]);
  const labelId = useId();

  if (isNoChange(change)) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="rules-diff">
        {t("noChange")}
      </p>
    );
  }
  const from = inline(before.type);
  const to = inline(after.type);
  return (
    <section aria-labelledby={labelId} className="grid gap-3" data-testid="rules-diff">
      <h3 id={labelId} className="sr-only">
        {t("label")}
      </h3>
      {change.typeChanged ? (
        <Alert variant="warning" title={t("typeChanged", { from, to })}>
          <p>{t("typeDiscards", { from, to, count: change.removed.length })}</p>
        </Alert>
      ) : null}
      <DiffList title={t("added", { count: change.added.length })} count={change.added.length} marker="+" tone="text-success">
        {change.added.map((entry, i) => (
          <EntryItem key={`${entry.ip}-${i}`} entry={entry} noDescription={t("noDescription")} />
        ))}
      </DiffList>
      <DiffList title={t("removed", { count: change.removed.length })} count={change.removed.length} marker="−" tone="text-destructive">
        {change.removed.map((entry, i) => (
          <EntryItem key={`${entry.ip}-${i}`} entry={entry} noDescription={t("noDescription")} removed />
        ))}
      </DiffList>
      <DiffList title={t("changed", { count: change.changed.length })} count={change.changed.length} marker="~" tone="text-info">
        {change.changed.map((c, i) => (
          <li key={`${c.ip}-${i}`} className="grid min-w-0 gap-x-2 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
            <Address ip={c.ip} />
            <span className="text-muted-foreground break-words">
              {t("descriptionChange", { before: c.before || t("noDescription"), after: c.after || t("noDescription") })}
            </span>
          </li>
        ))}
      </DiffList>
      {change.unchanged > 0 ? <p className="text-xs text-muted-foreground">{t("unchanged", { count: change.unchanged })}</p> : null}
    </section>
  );
}

function DiffList({ title, count, marker, tone, children }: { title: string; count: number; marker: string; tone: string; children: ReactNode }) {
  const headingId = useId();
  if (count === 0) return null;
  const scrolls = count > SCROLL_AFTER;
  return (
    <div className="grid gap-1">
      <h4 id={headingId} className="flex items-center gap-1.5 text-sm font-medium">
        <span aria-hidden className={cn("font-mono", tone)}>
          {marker}
        </span>
        {title}
      </h4>
      <ul
        aria-labelledby={headingId}
        tabIndex={scrolls ? 0 : undefined}
        className={cn("grid gap-1 rounded-md border px-3 py-2 text-sm", scrolls && "max-h-48 overflow-y-auto")}
      >
        {children}
      </ul>
    </div>
  );
}

function EntryItem({ entry, noDescription, removed = false }: { entry: RuleEntry; noDescription: string; removed?: boolean }) {
  return (
    <li className="grid min-w-0 gap-x-2 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
      <Address ip={entry.ip} removed={removed} />
      <span className={cn("break-words", entry.description ? "text-foreground" : "text-muted-foreground italic")}>{entry.description || noDescription}</span>
    </li>
  );
}

function Address({ ip, removed = false }: { ip: string; removed?: boolean }) {
  return (
    <span translate="no" className={cn("font-mono text-[13px] break-all", removed && "line-through decoration-destructive/60")}>
      {ip}
    </span>
  );
}
