import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { JobDto, JobState, QueueSummaryDto } from "@/lib/dal/jobs";
import { wordsText } from "@/lib/i18n/stored-words";
import { vendorErrorText } from "@/lib/i18n/vendor-errors";
import { RetryJobButton } from "./retry-job-button";

const STATE_VARIANT: Record<JobState, "success" | "destructive" | "outline" | "warning" | "secondary" | "default"> = {
  created: "outline",
  retry: "warning",
  active: "default",
  completed: "success",
  failed: "destructive",
  cancelled: "secondary",
};

const COUNT_COLUMNS = ["created", "retry", "active", "completed", "failed", "deadLetter"] as const;

export async function QueuesTable({ queues }: { queues: QueueSummaryDto[] }) {
  const [t, format] = await Promise.all([getTranslations("Jobs"), getFormatter()]);
  if (queues.length === 0) return <EmptyState title={t("noQueues.title")} description={t("noQueues.description")} />;
  return (
    <div className="overflow-x-auto rounded-lg border">
      <Table aria-label={t("queues")}>
        <TableHeader>
          <TableRow>
            <TableHead>{t("columns.queue")}</TableHead>
            {COUNT_COLUMNS.map((key) => (
              <TableHead key={key} className="text-right">
                {t(`counts.${key}`)}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {queues.map((queue) => (
            <TableRow key={queue.name} data-testid={`queue-row-${queue.name}`}>
              <TableCell>
                <code className="font-mono text-xs">{queue.name}</code>
                <div className="text-xs text-muted-foreground">
                  {queue.cron ? t("schedule", { cron: queue.cron }) : t("queue")} · {t("retries", { limit: queue.retryLimit })}
                </div>
              </TableCell>
              {COUNT_COLUMNS.map((key) => (
                <TableCell key={key} className="text-right tabular-nums" data-testid={`count-${key}`}>
                  {queue.counts[key] ? format.number(queue.counts[key]) : <span className="text-muted-foreground">{format.number(0)}</span>}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** A vendor's error in the reader's language from its code (older rows: as stored); the code and request id verbatim. */
async function LastError({ error }: { error: NonNullable<JobDto["lastError"]> }) {
  const [shell, locale] = await Promise.all([getTranslations("Shell"), getLocale()]);
  const vendor = error.vendor;
  return (
    <>
      <div className="font-mono">{error.code}</div>
      <div>{vendor ? vendorErrorText({ vendor, code: error.code, httpStatus: error.httpStatus }, locale) : error.words ? wordsText(error.words, locale) : error.message}</div>
      {vendor && error.requestId ? (
        <div className="text-muted-foreground">
          {shell("common.requestId")} <span className="font-mono">{error.requestId}</span>
        </div>
      ) : null}
    </>
  );
}

export async function JobsTable({ jobs, label, canRetry, empty }: { jobs: JobDto[]; label: string; canRetry: boolean; empty: string }) {
  const [t, format] = await Promise.all([getTranslations("Jobs"), getFormatter()]);
  if (jobs.length === 0) return <EmptyState title={empty} />;
  return (
    <div className="overflow-x-auto rounded-lg border">
      <Table aria-label={label}>
        <TableHeader>
          <TableRow>
            <TableHead>{t("columns.job")}</TableHead>
            <TableHead>{t("columns.state")}</TableHead>
            <TableHead className="text-right">{t("columns.attempts")}</TableHead>
            <TableHead>{t("columns.created")}</TableHead>
            <TableHead>{t("columns.ended")}</TableHead>
            <TableHead>{t("columns.lastError")}</TableHead>
            {canRetry ? <TableHead className="text-right">{t("columns.actions")}</TableHead> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {jobs.map((job) => (
            <TableRow key={job.id} data-testid="job-row" data-queue={job.queue} data-state={job.state}>
              <TableCell>
                <code className="font-mono text-xs">{job.queue}</code>
                <div className="font-mono text-[11px] text-muted-foreground">{job.id}</div>
              </TableCell>
              <TableCell>
                <Badge variant={STATE_VARIANT[job.state]}>
                  {t(`states.${job.state}`)}
                </Badge>
                {job.deadLettered ? <div className="mt-1 text-xs text-muted-foreground">{t("deadLettered")}</div> : null}
              </TableCell>
              <TableCell className="text-right tabular-nums">
                {format.number(job.attempts)} / {format.number(job.maxAttempts)}
              </TableCell>
              <TableCell className="whitespace-nowrap text-sm">
                <RelativeTime value={job.createdAt} />
              </TableCell>
              <TableCell className="whitespace-nowrap text-sm">
                <RelativeTime value={job.endedAt} fallback="—" />
              </TableCell>
              <TableCell className="min-w-56 text-xs">
                {job.lastError ? (
                  <LastError error={job.lastError} />
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </TableCell>
              {canRetry ? (
                <TableCell className="text-right">{job.state === "failed" ? <RetryJobButton queue={job.queue} id={job.id} /> : null}</TableCell>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
