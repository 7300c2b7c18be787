"use client";

import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { BulkJobSummaryDto } from "@/lib/dal/bulk-grants";
import type { UnsettledOperationDto } from "@/lib/dal/proxy-accesses-reconcile";
import type { AccessSummary } from "./access-filters";

export function SummaryBar({ summary, visible }: { summary: AccessSummary; visible: number }) {
  const item = (label: string, value: number, testId: string) => (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums" data-testid={testId}>
        {value.toLocaleString("en")}
      </dd>
    </div>
  );
  return (
    <dl aria-label="Summary" className="grid grid-cols-2 gap-3 rounded-lg border p-3 sm:grid-cols-6">
      {item("Total", summary.total, "summary-total")}
      {item("Owner authorizations", summary.byOrigin.owner, "summary-owner")}
      {item("Ticket authorizations", summary.byOrigin.ticket, "summary-ticket")}
      {item("Other origin", summary.byOrigin.other, "summary-other")}
      {item("Older than 90 days", summary.olderThan90, "summary-old")}
      <div className="grid gap-0.5">
        <dt className="text-xs text-muted-foreground">Shown</dt>
        <dd className="text-lg font-semibold tabular-nums" aria-live="polite">
          <span data-testid="visible-count">{visible}</span>
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
  const others = jobs.filter((j) => j.id !== openJob);
  return (
    <>
      {unsettled.length ? (
        <Alert variant="warning" title={`${unsettled.length} change${unsettled.length === 1 ? "" : "s"} to this proxy not settled yet`} data-testid="unsettled-notice">
          <p>
            The console has not confirmed these with DMS yet. It checks them against the authorization list once they are a minute old; nothing is
            repeated meanwhile.
          </p>
          <ul className="mt-1 grid gap-0.5 text-xs">
            {unsettled.slice(0, 8).map((op) => (
              <li key={op.id}>
                {op.kind === "grant" ? "Grant to" : "Revoke of"} {op.userName}
                {op.status === "unknown" ? " (DMS did not confirm)" : " (in progress)"} · <RelativeTime value={op.createdAt} mode="relative" />
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {reconciled > 0 ? (
        <Alert variant="info" title={`${reconciled} earlier change${reconciled === 1 ? "" : "s"} settled against DMS`}>
          Their outcome was unknown; the authorization list now shows what really happened, and the audit log records it.
        </Alert>
      ) : null}
      {others.length ? (
        <div className="flex flex-wrap items-center gap-2 text-sm" aria-label="Recent bulk grants">
          <span className="text-muted-foreground">Bulk grants on this proxy:</span>
          {others.map((j) => (
            <Button key={j.id} variant="outline" size="xs" onClick={() => onOpenJob(j.id)}>
              {j.status === "running" ? "Running" : "Finished"} · {j.total} user{j.total === 1 ? "" : "s"} · <RelativeTime value={j.createdAt} mode="relative" />
            </Button>
          ))}
        </div>
      ) : null}
    </>
  );
}
