import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ClientMessages } from "@/components/client-messages";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { canAll, canAny, type Permission, type Principal } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listCloudAccountOptions } from "@/lib/dal/cloud-accounts";
import type { Allowed } from "./allowed";
import { ProxyAccessesView } from "./proxy-accesses-view";
import { FIRST_LOAD_GROUPS } from "./lazy-groups";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ProxyAccesses"))("title") };
}

/** "all", the instance ids the actor owns, or nothing: the browser hides what it may not do. */
function allowed(actor: Principal, permission: Permission): Allowed {
  if (canAll(actor, permission)) return "all";
  if (!canAny(actor, permission)) return [];
  return [...actor.resources].filter((r) => r.startsWith("dms-instance:")).map((r) => r.slice("dms-instance:".length));
}

export default async function ProxyAccessesPage() {
  const actor = await requirePermission("proxyAccess:read");
  const [accounts, t] = await Promise.all([listCloudAccountOptions(actor, "alibaba", "proxyAccess:read"), getTranslations("ProxyAccesses")]);
  return (
    <div className="grid min-w-0 gap-4">
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      {accounts.length === 0 ? (
        <EmptyState title={t("noAccount.title")} description={t("noAccount.description")} />
      ) : (
        <Suspense fallback={null}>
          <ClientMessages namespaces={["ProxyAccesses"]} only={{ ProxyAccesses: FIRST_LOAD_GROUPS }}>
            <ProxyAccessesView
              accounts={accounts.map((a) => ({ id: a.id, name: a.name, region: a.region }))}
              allowed={{
                grant: allowed(actor, "proxyAccess:grant"),
                revoke: allowed(actor, "proxyAccess:revoke"),
                revealSecret: allowed(actor, "proxyAccess:revealSecret"),
              }}
            />
          </ClientMessages>
        </Suspense>
      )}
    </div>
  );
}
