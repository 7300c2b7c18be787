import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/page-header";
import { canAll, canAny, type Permission, type Principal } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listCloudAccountOptions } from "@/lib/dal/cloud-accounts";
import type { Allowed } from "./allowed";
import { ProxyAccessesView } from "./proxy-accesses-view";

export const metadata: Metadata = { title: "Proxy accesses" };

/** "all", the instance ids the actor owns, or nothing: the browser hides what it may not do. */
function allowed(actor: Principal, permission: Permission): Allowed {
  if (canAll(actor, permission)) return "all";
  if (!canAny(actor, permission)) return [];
  return [...actor.resources].filter((r) => r.startsWith("dms-instance:")).map((r) => r.slice("dms-instance:".length));
}

export default async function ProxyAccessesPage() {
  const actor = await requirePermission("proxyAccess:read");
  const accounts = await listCloudAccountOptions(actor, "alibaba", "proxyAccess:read");
  return (
    <div className="grid min-w-0 gap-4">
      <PageHeader
        eyebrow="Alibaba Cloud DMS"
        title="Proxy accesses"
        description="Who can reach which database through the DMS security protection proxy, since when and why. DMS keeps no reason for a grant: the console records one in the audit log for every grant it makes."
      />
      <Suspense fallback={null}>
        <ProxyAccessesView
          accounts={accounts.map((a) => ({ id: a.id, name: a.name, region: a.region }))}
          allowed={{
            grant: allowed(actor, "proxyAccess:grant"),
            revoke: allowed(actor, "proxyAccess:revoke"),
            revealSecret: allowed(actor, "proxyAccess:revealSecret"),
          }}
        />
      </Suspense>
    </div>
  );
}
