import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listUsers } from "@/lib/dal/users";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePermission("users:manage");
  const users = await listUsers(actor);
  return (
    <div className="grid gap-4">
      <PageHeader
        title="Users"
        description="Who can sign in to the console, with which roles. Instance owners act only on the instances listed on them."
      />
      <UsersTable users={users} currentUserId={actor.id} />
    </div>
  );
}
