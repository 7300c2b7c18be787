"use client";

import { useSyncExternalStore } from "react";
import { formatLong, toDate } from "@/components/relative-time-format";

/** "3 s ago", "2 min ago": the list's answer is shared for a few seconds, so seconds matter here. */
export function formatAnswerAge(fetchedAt: Date, now: number): string {
  const seconds = Math.max(0, Math.floor((now - fetchedAt.getTime()) / 1000));
  if (seconds < 1) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}

// A one-second clock that runs only while an age is shown.
let clockNow = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    clockNow = Date.now();
    for (const l of listeners) l();
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function getSnapshot() {
  // Stable between calls (React compares them); refreshed when no clock has run for a while.
  if (!timer && Date.now() - clockNow > 1000) clockNow = Date.now();
  return clockNow;
}

/**
 * How old DMS's answer is. Views of one list within a few seconds share one answer, so it may be
 * older than the page load; the tooltip gives the exact time. Ticks once a second while shown.
 */
export function AnswerAge({ fetchedAt }: { fetchedAt: string }) {
  const date = toDate(fetchedAt);
  // null on the server and while hydrating, so both render the same text.
  const now = useSyncExternalStore(subscribe, getSnapshot, () => null);
  if (!date) return null;
  return (
    <span className="text-xs text-muted-foreground" data-testid="list-age" title={`DMS answered at ${formatLong(date)}`}>
      as of <time dateTime={date.toISOString()}>{now === null ? "…" : formatAnswerAge(date, now)}</time>
    </span>
  );
}
