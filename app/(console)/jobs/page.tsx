import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getJobsOverview } from "@/lib/dal/jobs";
import { JobsTable, QueuesTable } from "./job-tables";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage() {
  const actor = await requirePermission("jobs:read");
  const { queues, failed, recent } = await getJobsOverview(actor);
  const canRetry = can(actor, "jobs:retry");
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Jobs"
        description="Background work of every console instance: bulk grants, reconciliation and scheduled upkeep. A job that fails is retried on its own; one that still fails waits here."
      />
      <section className="grid gap-3" aria-labelledby="queues-heading">
        <h2 id="queues-heading" className="text-base font-semibold">
          Queues
        </h2>
        <QueuesTable queues={queues} />
      </section>
      <section className="grid gap-3" aria-labelledby="failed-heading">
        <h2 id="failed-heading" className="text-base font-semibold">
          Failed jobs
        </h2>
        <JobsTable jobs={failed} label="Failed jobs" canRetry={canRetry} empty="No failed jobs" />
      </section>
      <section className="grid gap-3" aria-labelledby="recent-heading">
        <h2 id="recent-heading" className="text-base font-semibold">
          Recent jobs
        </h2>
        <JobsTable jobs={recent} label="Recent jobs" canRetry={false} empty="No jobs yet" />
      </section>
    </div>
  );
}
