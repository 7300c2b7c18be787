import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listUsers } from "@/lib/dal/users";
import { UsersTable } from "./users-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Users"))("title") };
}

export default async function UsersPage() {
  const actor = await requirePermission("users:manage");
  const [users, t] = await Promise.all([listUsers(actor), getTranslations("Users")]);
  return (
    <div className="grid gap-4">
      <PageHeader title={t("title")} description={t("description")} />
      <ClientMessages namespaces={["Users", "Validation"]}>
        <UsersTable users={users} currentUserId={actor.id} />
      </ClientMessages>
    </div>
  );
}
