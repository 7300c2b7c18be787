"use client";

import { useLocale } from "next-intl";
import { useSyncExternalStore } from "react";
import { formatAbsolute, formatAge, formatLong, formatUtc, formatZone, toDate } from "./relative-time-format";
import { cn } from "./ui/cn";

/*
 * One shared clock for every timestamp on the page: a 30 s interval that runs only while at least one
 * <RelativeTime> is mounted. The server snapshot is null, so the server and the hydrating client both
 * render the UTC text, and the viewer's zone and the age appear right after hydration without a
 * mismatch warning.
 */
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function tick() {
  now = Date.now();
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(tick, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function getSnapshot() {
  // With no clock running the value may be old; refresh it once (stable for the following calls).
  if (!timer && Date.now() - now > 10_000) now = Date.now();
  return now;
}

function getServerSnapshot(): number | null {
  return null;
}

export type RelativeTimeProps = {
  value: Date | string | number | null | undefined;
  /** "both" (default): "2025-01-03 14:22 · 412 days ago"; or only one of the two. */
  mode?: "both" | "absolute" | "relative";
  /** Force an IANA zone instead of the viewer's (e.g. DMS's China time, exports or tests). */
  timeZone?: string;
  /** Print the zone after the absolute time ("14:22 UTC+1"). Off where a column header names it. */
  showZone?: boolean;
  /** Rendered when value is empty or invalid. */
  fallback?: string;
  className?: string;
};

export function RelativeTime({ value, mode = "both", timeZone, showZone = true, fallback = "—", className }: RelativeTimeProps) {
  const clock = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  const locale = useLocale();
  const date = toDate(value);
  if (!date) return <span className={cn("text-muted-foreground", className)}>{fallback}</span>;

  const iso = date.toISOString();
  if (clock === null) {
    return (
      <time dateTime={iso} title={iso} className={cn("tabular-nums", className)}>
        {formatUtc(date)}
      </time>
    );
  }

  const absolute = formatAbsolute(date, timeZone);
  const age = formatAge(date, clock, locale);
  const title = `${formatLong(date, locale)} (${age})`;

  if (mode === "relative") {
    return (
      <time dateTime={iso} title={title} className={className}>
        {age}
      </time>
    );
  }
  return (
    <span className={cn("whitespace-nowrap", className)}>
      <time dateTime={iso} title={title} className="tabular-nums">
        {absolute}
        {showZone ? <span className="text-muted-foreground"> {formatZone(date, timeZone)}</span> : null}
      </time>
      {mode === "both" ? <span className="text-muted-foreground"> · {age}</span> : null}
    </span>
  );
}
