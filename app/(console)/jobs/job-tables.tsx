import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { JobDto, JobState, QueueSummaryDto } from "@/lib/dal/jobs";
import { RetryJobButton } from "./retry-job-button";

const STATE_VARIANT: Record<JobState, "success" | "destructive" | "outline" | "warning" | "secondary" | "default"> = {
  created: "outline",
  retry: "warning",
  active: "default",
  completed: "success",
  failed: "destructive",
  cancelled: "secondary",
};

const COUNT_COLUMNS = [
  ["created", "Queued"],
  ["retry", "Retrying"],
  ["active", "Running"],
  ["completed", "Completed"],
  ["failed", "Failed"],
  ["deadLetter", "Dead letter"],
] as const;

export function QueuesTable({ queues }: { queues: QueueSummaryDto[] }) {
  if (queues.length === 0) return <EmptyState title="No queues yet" description="Queues appear once the job engine has started." />;
  return (
    <div className="overflow-x-auto rounded-lg border">
      <Table aria-label="Queues">
        <TableHeader>
          <TableRow>
            <TableHead>Queue</TableHead>
            {COUNT_COLUMNS.map(([key, label]) => (
              <TableHead key={key} className="text-right">
                {label}
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
                  {queue.cron ? `Schedule ${queue.cron} (UTC)` : "Queue"} · {queue.retryLimit === 0 ? "no retries" : `up to ${queue.retryLimit} retries`}
                </div>
              </TableCell>
              {COUNT_COLUMNS.map(([key]) => (
                <TableCell key={key} className="text-right tabular-nums" data-testid={`count-${key}`}>
                  {queue.counts[key] ? queue.counts[key].toLocaleString("en") : <span className="text-muted-foreground">0</span>}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

export function JobsTable({ jobs, label, canRetry, empty }: { jobs: JobDto[]; label: string; canRetry: boolean; empty: string }) {
  if (jobs.length === 0) return <EmptyState title={empty} />;
  return (
    <div className="overflow-x-auto rounded-lg border">
      <Table aria-label={label}>
        <TableHeader>
          <TableRow>
            <TableHead>Job</TableHead>
            <TableHead>State</TableHead>
            <TableHead className="text-right">Attempts</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Ended</TableHead>
            <TableHead>Last error</TableHead>
            {canRetry ? <TableHead className="text-right">Actions</TableHead> : null}
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
                <Badge variant={STATE_VARIANT[job.state]}>{job.state}</Badge>
                {job.deadLettered ? <div className="mt-1 text-xs text-muted-foreground">copy in dead letter</div> : null}
              </TableCell>
              <TableCell className="text-right tabular-nums">
                {job.attempts} / {job.maxAttempts}
              </TableCell>
              <TableCell className="whitespace-nowrap text-sm">
                <RelativeTime value={job.createdAt} />
              </TableCell>
              <TableCell className="whitespace-nowrap text-sm">
                <RelativeTime value={job.endedAt} fallback="—" />
              </TableCell>
              <TableCell className="min-w-56 text-xs">
                {job.lastError ? (
                  <>
                    <div className="font-mono">{job.lastError.code}</div>
                    <div>{job.lastError.message}</div>
                  </>
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
