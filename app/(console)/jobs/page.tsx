import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { PageHeader } from "@/components/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getJobsOverview } from "@/lib/dal/jobs";
import { JobsTable, QueuesTable } from "./job-tables";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Jobs"))("title") };
}

export default async function JobsPage() {
  const actor = await requirePermission("jobs:read");
  const { queues, failed, recent } = await getJobsOverview(actor);
  const canRetry = can(actor, "jobs:retry");
  const t = await getTranslations("Jobs");
  return (
    <div className="grid gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <section className="grid gap-3" aria-labelledby="queues-heading">
        <h2 id="queues-heading" className="text-base font-semibold">
          {t("queues")}
        </h2>
        <QueuesTable queues={queues} />
      </section>
      <section className="grid gap-3" aria-labelledby="failed-heading">
        <h2 id="failed-heading" className="text-base font-semibold">
          {t("failedJobs")}
        </h2>
        {/* Only this table holds client components (the retry buttons): one provider for all of them. */}
        <ClientMessages namespaces={["Jobs"]}>
          <JobsTable jobs={failed} label={t("failedJobs")} canRetry={canRetry} empty={t("noFailedJobs")} />
        </ClientMessages>
      </section>
      <section className="grid gap-3" aria-labelledby="recent-heading">
        <h2 id="recent-heading" className="text-base font-semibold">
          {t("recentJobs")}
        </h2>
        <JobsTable jobs={recent} label={t("recentJobs")} canRetry={false} empty={t("noJobs")} />
      </section>
    </div>
  );
}
