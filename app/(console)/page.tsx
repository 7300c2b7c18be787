import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { navigationFor } from "@/lib/auth/navigation";
import { can, describeMatrix, RESOURCE_KIND_LABELS, ROLE_LABELS, type ResourceKind } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listAuditEntries } from "@/lib/dal/audit";

export const metadata: Metadata = { title: "Overview" };

const PERMISSION_LABELS: Record<string, string> = {
  "dashboard:view": "See this overview",
  "users:manage": "Manage console users and roles",
  "audit:read": "Read and export the audit log",
  "jobs:read": "See background jobs and their failures",
  "jobs:retry": "Retry failed background jobs",
  "cloudAccounts:manage": "Manage cloud accounts and their credentials",
  "proxyAccess:read": "Review DMS proxy authorization lists",
  "proxyAccess:grant": "Grant DMS proxy access",
  "proxyAccess:revoke": "Revoke DMS proxy access",
  "proxyAccess:revealSecret": "Reveal a proxy access secret",
};

function describeResource(key: string) {
  const [kind, ...rest] = key.split(":");
  return { kind: RESOURCE_KIND_LABELS[kind as ResourceKind] ?? kind, id: rest.join(":") };
}

export default async function OverviewPage() {
  const actor = await requireActor();
  const allowed = describeMatrix().filter(({ scopes }) => actor.roles.some((r) => scopes[r]));
  const recent = can(actor, "audit:read") ? (await listAuditEntries(actor, { page: 1 })).entries.slice(0, 8) : null;
  const areas = navigationFor(actor).filter((a) => a.href !== "/");

  return (
    <div className="grid gap-6">
      <PageHeader title={`Welcome, ${actor.name}`} description="Who can reach which database, across Alibaba, Huawei and Tencent Cloud." />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Your access</CardTitle>
            <CardDescription>
              Roles: {actor.roles.map((r) => ROLE_LABELS[r]).join(", ") || "none"}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-1.5 text-sm">
              {allowed.map(({ permission, scopes }) => {
                const scoped = actor.roles.every((r) => scopes[r] !== "all");
                return (
                  <li key={permission} className="flex items-center justify-between gap-3">
                    <span>{PERMISSION_LABELS[permission] ?? permission}</span>
                    {scoped ? <Badge variant="outline">your resources</Badge> : null}
                  </li>
                );
              })}
            </ul>
            {areas.length ? (
              <nav aria-label="Your areas" className="mt-4 flex flex-wrap gap-2 text-sm">
                {areas.map((a) => (
                  <Link key={a.href} href={a.href} className="font-medium text-primary underline-offset-4 hover:underline">
                    {a.label}
                  </Link>
                ))}
              </nav>
            ) : null}
          </CardContent>
        </Card>
        {actor.resources.size ? (
          <Card>
            <CardHeader>
              <CardTitle>Resources you own</CardTitle>
              <CardDescription>You can grant and revoke access on these, and nothing else.</CardDescription>
            </CardHeader>
            <CardContent>
              <ul className="grid gap-1.5 text-sm">
                {[...actor.resources].sort().map((key) => {
                  const r = describeResource(key);
                  return (
                    <li key={key} className="flex justify-between gap-3">
                      <span className="text-muted-foreground">{r.kind}</span>
                      <code className="font-mono text-xs">{r.id}</code>
                    </li>
                  );
                })}
              </ul>
            </CardContent>
          </Card>
        ) : null}
        {recent ? (
          <Card className="lg:col-span-2">
            <CardHeader>
              <CardTitle>Recent activity</CardTitle>
              <CardDescription>
                The latest audit entries. <Link href="/audit" className="text-primary underline-offset-4 hover:underline">Open the audit log</Link>
              </CardDescription>
            </CardHeader>
            <CardContent>
              <ul className="grid gap-2 text-sm">
                {recent.map((e) => (
                  <li key={e.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <RelativeTime value={e.at} mode="relative" className="w-28 text-muted-foreground" />
                    <span className="font-medium">{e.actorEmail ?? "anonymous"}</span>
                    <code className="font-mono text-xs">{e.action}</code>
                    <Badge variant={e.outcome === "success" ? "secondary" : e.outcome === "intent" ? "outline" : "destructive"}>{e.outcome}</Badge>
                    {e.target ? <span className="truncate text-muted-foreground">{e.target}</span> : null}
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
