import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ClientMessages } from "@/components/client-messages";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listCloudAccountOptions } from "@/lib/dal/cloud-accounts";
import { AccessControlView } from "./access-control-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("AccessControl"))("title") };
}

export default async function AccessControlPage() {
  const actor = await requirePermission("accessControl:read");
  const [accounts, t] = await Promise.all([listCloudAccountOptions(actor, "huawei", "accessControl:read"), getTranslations("AccessControl")]);
  return (
    <div className="grid min-w-0 gap-4">
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      {accounts.length === 0 ? (
        <EmptyState title={t("noAccount.title")} description={t("noAccount.description")} />
      ) : (
        <Suspense fallback={null}>
          <ClientMessages namespaces={["AccessControl"]} only={{ AccessControl: ["summary", "sources", "loadError"] }}>
            <AccessControlView accounts={accounts.map((a) => ({ id: a.id, name: a.name }))} />
          </ClientMessages>
        </Suspense>
      )}
    </div>
  );
}
