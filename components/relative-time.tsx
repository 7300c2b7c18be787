"use client";

import { useLocale } from "next-intl";
import { formatAbsolute, formatAge, formatLong, formatUtc, formatZone, toDate } from "./relative-time-format";
import { createSharedClock } from "./shared-clock";
import { cn } from "./ui/cn";

/* Every timestamp on the page reads one 30 s clock; before hydration it is null and the UTC text shows. */
const useClock = createSharedClock(30_000, 10_000);

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
  const clock = useClock();
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
