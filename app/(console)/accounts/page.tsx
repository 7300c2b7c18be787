import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ClientMessages } from "@/components/client-messages";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { AccountsView } from "./accounts-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Accounts"))("title") };
}

export default async function AccountsPage() {
  await requirePermission("dbAccounts:read");
  const t = await getTranslations("Accounts");
  return (
    <div className="grid min-w-0 gap-4">
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <Suspense fallback={null}>
        <ClientMessages namespaces={["Accounts"]} only={{ Accounts: ["pickers", "instances", "loadError", "noAccount"] }}>
          <AccountsView />
        </ClientMessages>
      </Suspense>
    </div>
  );
}
