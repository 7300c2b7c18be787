"use client";

import { useFormatter, useTranslations } from "next-intl";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { BulkJobSummaryDto } from "@/lib/dal/bulk-grants";
import type { UnsettledOperationDto } from "@/lib/dal/proxy-accesses-reconcile";
import type { AccessSummary } from "./access-filters";

export function SummaryBar({ summary, visible }: { summary: AccessSummary; visible: number }) {
  const t = useTranslations("ProxyAccesses.summary");
  const format = useFormatter();
  const item = (label: string, value: number, testId: string) => (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums" data-testid={testId}>
        {format.number(value)}
      </dd>
    </div>
  );
  return (
    <dl aria-label={t("label")} className="grid grid-cols-2 gap-3 rounded-lg border p-3 sm:grid-cols-6">
      {item(t("total"), summary.total, "summary-total")}
      {item(t("owner"), summary.byOrigin.owner, "summary-owner")}
      {item(t("ticket"), summary.byOrigin.ticket, "summary-ticket")}
      {item(t("other"), summary.byOrigin.other, "summary-other")}
      {item(t("old"), summary.olderThan90, "summary-old")}
      <div className="grid gap-0.5">
        <dt className="text-xs text-muted-foreground">{t("shown")}</dt>
        <dd className="text-lg font-semibold tabular-nums" aria-live="polite">
          <span data-testid="visible-count">{format.number(visible)}</span>
        </dd>
      </div>
    </dl>
  );
}

/** Changes of this proxy the console has not settled yet, and bulk grants that ran on it recently. */
export function ProxyNotices({
  unsettled,
  reconciled,
  jobs,
  openJob,
  onOpenJob,
}: {
  unsettled: UnsettledOperationDto[];
  reconciled: number;
  jobs: BulkJobSummaryDto[];
  openJob: string;
  onOpenJob: (id: string) => void;
}) {
  const t = useTranslations("ProxyAccesses.notices");
  const others = jobs.filter((j) => j.id !== openJob);
  return (
    <>
      {unsettled.length ? (
        <Alert variant="warning" title={t("unsettled", { count: unsettled.length })} data-testid="unsettled-notice">
          <p>{t("unsettledBody")}</p>
          <ul className="mt-1 grid gap-0.5 text-xs">
            {unsettled.slice(0, 8).map((op) => (
              <li key={op.id}>
                {op.kind === "grant" ? t("grantTo", { name: op.userName }) : t("revokeOf", { name: op.userName })}{" "}
                {op.status === "unknown" ? t("unconfirmed") : t("inProgress")} · <RelativeTime value={op.createdAt} mode="relative" />
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {reconciled > 0 ? (
        <Alert variant="info" title={t("reconciled", { count: reconciled })}>
          {t("reconciledBody")}
        </Alert>
      ) : null}
      {others.length ? (
        <div className="flex flex-wrap items-center gap-2 text-sm" aria-label={t("recentJobs")}>
          <span className="text-muted-foreground">{t("jobsOnProxy")}</span>
          {others.map((j) => (
            <Button key={j.id} variant="outline" size="xs" onClick={() => onOpenJob(j.id)}>
              {j.status === "running" ? t("jobRunning") : t("jobFinished")} · {t("jobUsers", { count: j.total })} · <RelativeTime value={j.createdAt} mode="relative" />
            </Button>
          ))}
        </div>
      ) : null}
    </>
  );
}
