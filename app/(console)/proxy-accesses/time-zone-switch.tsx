"use client";

import { Globe } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { CHINA_TIME_ZONE, formatZone } from "@/components/relative-time-format";
import { Select } from "@/components/ui/select";
import type { TimeZoneChoice } from "./view-state";

/**
 * Which clock the list's times are read on. DMS prints China time, so a DBA comparing with the DMS
 * console or a ticket wants that; everyone else wants their own. Both options name their offset.
 */
export function TimeZoneSwitch({ value, onChange }: { value: TimeZoneChoice; onChange: (tz: TimeZoneChoice) => void }) {
  const t = useTranslations("ProxyAccesses.timeZone");
  const locale = useLocale();
  const labels = useMemo(() => {
    const now = new Date();
    // The zone's name in the viewer's language ("Central European Time", "中欧时间"), not its IANA id.
    const zone =
      new Intl.DateTimeFormat(locale, { timeZoneName: "longGeneric" }).formatToParts(now).find((p) => p.type === "timeZoneName")?.value ??
      Intl.DateTimeFormat().resolvedOptions().timeZone;
    return { viewer: t("viewer", { zone, offset: formatZone(now) }), china: t("china", { offset: formatZone(now, CHINA_TIME_ZONE) }) };
  }, [t, locale]);
  return (
    <span className="flex items-center gap-1.5">
      <Globe className="size-3.5" aria-hidden />
      <Select value={value} onChange={(e) => onChange(e.currentTarget.value as TimeZoneChoice)} className="h-7 w-auto py-0 text-xs" aria-label={t("label")}>
        <option value="viewer">{labels.viewer}</option>
        <option value="china">{labels.china}</option>
      </Select>
    </span>
  );
}
