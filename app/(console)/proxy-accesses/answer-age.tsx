"use client";

import { formatLong, toDate } from "@/components/relative-time-format";
import { createSharedClock } from "@/components/shared-clock";

/** "3 s ago", "2 min ago": the list's answer is shared for a few seconds, so seconds matter here. */
export function formatAnswerAge(fetchedAt: Date, now: number): string {
  const seconds = Math.max(0, Math.floor((now - fetchedAt.getTime()) / 1000));
  if (seconds < 1) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}

// Seconds matter for an answer shared for a few seconds: a one-second clock, only while shown.
const useClock = createSharedClock(1000, 1000);

/**
 * How old DMS's answer is. Views of one list within a few seconds share one answer, so it may be
 * older than the page load; the tooltip gives the exact time. Ticks once a second while shown.
 */
export function AnswerAge({ fetchedAt }: { fetchedAt: string }) {
  const date = toDate(fetchedAt);
  // null on the server and while hydrating, so both render the same text.
  const now = useClock();
  if (!date) return null;
  return (
    <span className="text-xs text-muted-foreground" data-testid="list-age" title={`DMS answered at ${formatLong(date)}`}>
      as of <time dateTime={date.toISOString()}>{now === null ? "…" : formatAnswerAge(date, now)}</time>
    </span>
  );
}
