import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listCloudAccounts } from "@/lib/dal/cloud-accounts";
import { CloudAccountsList } from "./cloud-accounts-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("CloudAccounts"))("title") };
}

export default async function CloudAccountsPage() {
  const actor = await requirePermission("cloudAccounts:manage");
  const [accounts, t] = await Promise.all([listCloudAccounts(actor), getTranslations("CloudAccounts")]);
  return (
    <div className="grid gap-4">
      <PageHeader title={t("title")} description={t("description")} />
      <ClientMessages namespaces={["CloudAccounts", "Validation"]}>
        <CloudAccountsList accounts={accounts} />
      </ClientMessages>
    </div>
  );
}
