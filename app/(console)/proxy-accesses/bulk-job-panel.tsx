"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { RotateCw, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useDescribeFailure } from "@/lib/actions/form-errors";
import type { BulkJobDto } from "@/lib/dal/bulk-grants-view";
import { retryBulkGrantAction } from "./actions";
import { bulkJobQuery, proxyAccessKeys } from "./queries";
import { QueryError } from "@/components/query-error";

const STATE_BADGE = { waiting: "outline", running: "outline", granted: "success", already: "secondary", failed: "destructive", unknown: "warning" } as const;

function Progress({ job }: { job: BulkJobDto }) {
  const t = useTranslations("ProxyAccesses.job");
  const total = job.items.length;
  const done = total - job.counts.waiting - job.counts.running;
  const pct = total ? Math.round((done / total) * 100) : 100;
  return (
    <div className="grid gap-1.5">
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <span data-testid="bulk-progress">{t("progress", { done, total })}</span>
        <span className="text-muted-foreground" data-testid="bulk-counts">
          {t(job.counts.unknown ? "countsUnknown" : "counts", { ...job.counts })}
        </span>
      </div>
      <div role="progressbar" aria-label={t("progressLabel")} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} className="h-2 overflow-hidden rounded-full bg-muted">
        <div className="h-full bg-primary transition-[width]" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** A bulk grant followed from the server: progress, per-user results, and a retry of what failed. */
export function BulkJobPanel({ jobId, canRetry, onClose, onChanged }: { jobId: string; canRetry: boolean; onClose: () => void; onChanged: () => void }) {
  const client = useQueryClient();
  const t = useTranslations("ProxyAccesses");
  const describeFailure = useDescribeFailure();
  const query = useQuery(bulkJobQuery(jobId));
  const [retryError, setRetryError] = useState<string | null>(null);
  const [retrying, setRetrying] = useState(false);
  const job = query.data;

  // Refresh the authorization list as grants land, and once more when the job ends.
  const seen = useRef<string | null>(null);
  const progress = job ? `${job.counts.granted + job.counts.already}/${job.status}/${job.round}` : null;
  const changed = useRef(onChanged);
  useEffect(() => {
    changed.current = onChanged;
  });
  useEffect(() => {
    if (progress === null) return;
    if (seen.current !== null && seen.current !== progress) changed.current();
    seen.current = progress;
  }, [progress]);

  async function retry() {
    setRetrying(true);
    setRetryError(null);
    const result = await retryBulkGrantAction({ jobId });
    setRetrying(false);
    if (!result.ok) return setRetryError(describeFailure(result));
    void client.invalidateQueries({ queryKey: proxyAccessKeys.job(jobId) });
  }

  return (
    <section aria-label={t("job.label")} className="grid gap-3 rounded-lg border p-3" data-testid="bulk-job" data-status={job?.status ?? "loading"}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="grid gap-0.5">
          <h2 className="text-sm font-semibold">
            {t("job.heading", { status: job ? (job.status === "completed" ? "finished" : job.stalled ? "resuming" : "running") : "none" })}
          </h2>
          {job ? (
            <p className="text-xs text-muted-foreground">
              {t.rich("job.startedBy", {
                email: job.createdByEmail ?? t("job.unknownUser"),
                reason: job.reason,
                age: () => <RelativeTime value={job.createdAt} mode="relative" />,
              })}
              {job.round > 1 ? " " : null}
              {job.round > 1
                ? job.retriedByEmail
                  ? t("job.retryRoundBy", { round: job.round - 1, email: job.retriedByEmail })
                  : t("job.retryRound", { round: job.round - 1 })
                : null}
            </p>
          ) : null}
        </div>
        <div className="flex gap-1">
          {job?.status === "completed" && canRetry && job.counts.failed + job.counts.unknown > 0 ? (
            <Button size="sm" variant="outline" onClick={() => void retry()} disabled={retrying}>
              <RotateCw aria-hidden /> {retrying ? t("job.retrying") : t("job.retryFailed", { count: job.counts.failed + job.counts.unknown })}
            </Button>
          ) : null}
          <Button size="icon-sm" variant="ghost" aria-label={t("job.close")} onClick={onClose}>
            <X aria-hidden />
          </Button>
        </div>
      </div>
      {query.isError ? <QueryError error={query.error} title={t("loadError.job")} onRetry={() => void query.refetch()} /> : null}
      {job ? <Progress job={job} /> : query.isPending ? <p className="text-sm text-muted-foreground">{t("job.loading")}</p> : null}
      <FormError error={retryError} />
      {job ? (
        <div className="max-h-72 overflow-y-auto rounded-md border">
          <table className="w-full text-sm" aria-label={t("job.results")}>
            <thead className="sticky top-0 bg-muted text-left text-xs text-muted-foreground">
              <tr>
                <th className="px-3 py-2 font-medium">{t("job.user")}</th>
                <th className="px-3 py-2 font-medium">{t("job.result")}</th>
                <th className="px-3 py-2 font-medium">{t("job.details")}</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {job.items.map((item) => (
                <tr key={item.userId} data-testid={`bulk-item-${item.userId}`} data-state={item.state}>
                  <td className="px-3 py-1.5">
                    <div className="font-medium">{item.name || t("job.userFallback", { userId: item.userId })}</div>
                    <div className="font-mono text-[11px] text-muted-foreground">{t("job.ids", { uid: item.uid || "—", userId: item.userId })}</div>
                  </td>
                  <td className="px-3 py-1.5">
                    <Badge variant={STATE_BADGE[item.state]}>{t(`job.states.${item.state}`)}</Badge>
                  </td>
                  <td className="px-3 py-1.5 text-xs">
                    {item.message ? <div>{item.message}</div> : null}
                    {item.code ? (
                      <div className="font-mono">
                        {item.requestId ? t("job.codeRequest", { code: item.code, requestId: item.requestId }) : t("job.code", { code: item.code })}
                      </div>
                    ) : null}
                    {item.proxyAccessId && !item.message ? <div className="font-mono text-muted-foreground">{t("job.access", { proxyAccessId: item.proxyAccessId })}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
