"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { RotateCw, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { describeFailureText } from "@/lib/actions/form-errors";
import type { BulkItemState, BulkJobDto } from "@/lib/dal/bulk-grants-view";
import { retryBulkGrantAction } from "./actions";
import { bulkJobQuery, proxyAccessKeys } from "./queries";
import { QueryError } from "./scope-pickers";

const STATE_LABEL: Record<BulkItemState, string> = {
  waiting: "Waiting",
  running: "Granting…",
  granted: "Granted",
  already: "Already had access",
  failed: "Failed",
  unknown: "Outcome unknown",
};
const STATE_BADGE = { waiting: "outline", running: "outline", granted: "success", already: "secondary", failed: "destructive", unknown: "warning" } as const;

function Progress({ job }: { job: BulkJobDto }) {
  const total = job.items.length;
  const done = total - job.counts.waiting - job.counts.running;
  const pct = total ? Math.round((done / total) * 100) : 100;
  return (
    <div className="grid gap-1.5">
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <span data-testid="bulk-progress">
          {done} of {total} done
        </span>
        <span className="text-muted-foreground" data-testid="bulk-counts">
          {job.counts.granted} granted · {job.counts.already} already had access · {job.counts.failed} failed
          {job.counts.unknown ? ` · ${job.counts.unknown} unknown` : ""}
        </span>
      </div>
      <div role="progressbar" aria-label="Bulk grant progress" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} className="h-2 overflow-hidden rounded-full bg-muted">
        <div className="h-full bg-primary transition-[width]" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** A bulk grant followed from the server: progress, per-user results, and a retry of what failed. */
export function BulkJobPanel({ jobId, canRetry, onClose, onChanged }: { jobId: string; canRetry: boolean; onClose: () => void; onChanged: () => void }) {
  const client = useQueryClient();
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
    if (!result.ok) return setRetryError(describeFailureText(result));
    void client.invalidateQueries({ queryKey: proxyAccessKeys.job(jobId) });
  }

  return (
    <section aria-label="Bulk grant" className="grid gap-3 rounded-lg border p-3" data-testid="bulk-job" data-status={job?.status ?? "loading"}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="grid gap-0.5">
          <h2 className="text-sm font-semibold">
            Bulk grant {job ? (job.status === "completed" ? "finished" : job.stalled ? "resuming…" : "running") : ""}
          </h2>
          {job ? (
            <p className="text-xs text-muted-foreground">
              Started by {job.createdByEmail ?? "unknown"} <RelativeTime value={job.createdAt} mode="relative" /> · reason: {job.reason}
              {job.round > 1 ? ` · retry ${job.round - 1}${job.retriedByEmail ? ` by ${job.retriedByEmail}` : ""}` : ""}
            </p>
          ) : null}
        </div>
        <div className="flex gap-1">
          {job?.status === "completed" && canRetry && job.counts.failed + job.counts.unknown > 0 ? (
            <Button size="sm" variant="outline" onClick={() => void retry()} disabled={retrying}>
              <RotateCw aria-hidden /> {retrying ? "Retrying…" : `Retry ${job.counts.failed + job.counts.unknown} failed`}
            </Button>
          ) : null}
          <Button size="icon-sm" variant="ghost" aria-label="Close the bulk grant" onClick={onClose}>
            <X aria-hidden />
          </Button>
        </div>
      </div>
      {query.isError ? <QueryError error={query.error} what="the bulk grant" onRetry={() => void query.refetch()} /> : null}
      {job ? <Progress job={job} /> : query.isPending ? <p className="text-sm text-muted-foreground">Loading the bulk grant…</p> : null}
      <FormError error={retryError} />
      {job ? (
        <div className="max-h-72 overflow-y-auto rounded-md border">
          <table className="w-full text-sm" aria-label="Per-user results">
            <thead className="sticky top-0 bg-muted text-left text-xs text-muted-foreground">
              <tr>
                <th className="px-3 py-2 font-medium">User</th>
                <th className="px-3 py-2 font-medium">Result</th>
                <th className="px-3 py-2 font-medium">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {job.items.map((item) => (
                <tr key={item.userId} data-testid={`bulk-item-${item.userId}`} data-state={item.state}>
                  <td className="px-3 py-1.5">
                    <div className="font-medium">{item.name || `User ${item.userId}`}</div>
                    <div className="font-mono text-[11px] text-muted-foreground">
                      UID {item.uid || "—"} · id {item.userId}
                    </div>
                  </td>
                  <td className="px-3 py-1.5">
                    <Badge variant={STATE_BADGE[item.state]}>{STATE_LABEL[item.state]}</Badge>
                  </td>
                  <td className="px-3 py-1.5 text-xs">
                    {item.message ? <div>{item.message}</div> : null}
                    {item.code ? <div className="font-mono">code {item.code}{item.requestId ? ` · request id ${item.requestId}` : ""}</div> : null}
                    {item.proxyAccessId && !item.message ? <div className="font-mono text-muted-foreground">access {item.proxyAccessId}</div> : null}
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
