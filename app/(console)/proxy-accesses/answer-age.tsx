"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatLong, toDate } from "@/components/relative-time-format";
import { createSharedClock } from "@/components/shared-clock";

export type AnswerAgeParts = { unit: "justNow" } | { unit: "seconds" | "minutes" | "hours"; count: number };

/** "3 s ago", "2 min ago": the list's answer is shared for a few seconds, so seconds matter here. */
export function answerAgeParts(fetchedAt: Date, now: number): AnswerAgeParts {
  const seconds = Math.max(0, Math.floor((now - fetchedAt.getTime()) / 1000));
  if (seconds < 1) return { unit: "justNow" };
  if (seconds < 60) return { unit: "seconds", count: seconds };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { unit: "minutes", count: minutes };
  return { unit: "hours", count: Math.floor(minutes / 60) };
}

// Seconds matter for an answer shared for a few seconds: a one-second clock, only while shown.
const useClock = createSharedClock(1000, 1000);

/**
 * How old DMS's answer is. Views of one list within a few seconds share one answer, so it may be
 * older than the page load; the tooltip gives the exact time. Ticks once a second while shown.
 */
export function AnswerAge({ fetchedAt }: { fetchedAt: string }) {
  const t = useTranslations("ProxyAccesses.answerAge");
  const locale = useLocale();
  const date = toDate(fetchedAt);
  // null on the server and while hydrating, so both render the same text.
  const now = useClock();
  if (!date) return null;
  const parts = now === null ? null : answerAgeParts(date, now);
  const age = parts === null ? "…" : parts.unit === "justNow" ? t("justNow") : t(parts.unit, { count: parts.count });
  return (
    <span className="text-xs text-muted-foreground" data-testid="list-age" title={t("title", { at: formatLong(date, locale) })}>
      {t.rich("asOf", { time: () => <time dateTime={date.toISOString()}>{age}</time> })}
    </span>
  );
}
