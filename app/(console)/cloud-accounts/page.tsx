import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listCloudAccounts } from "@/lib/dal/cloud-accounts";
import { CloudAccountsList } from "./cloud-accounts-list";

export const metadata: Metadata = { title: "Cloud accounts" };

export default async function CloudAccountsPage() {
  const actor = await requirePermission("cloudAccounts:manage");
  const accounts = await listCloudAccounts(actor);
  return (
    <div className="grid gap-4">
      <PageHeader
        title="Cloud accounts"
        description="The credentials the console uses to call each cloud. Secrets are encrypted at rest and never shown again after you save them."
      />
      <CloudAccountsList accounts={accounts} />
    </div>
  );
}
