import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { navigationFor } from "@/lib/auth/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { can, describeMatrix, RESOURCE_KINDS, type ResourceKind } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listAuditEntries } from "@/lib/dal/audit";
import { exposedCount } from "@/lib/access-control/read";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Overview"))("title") };
}

const isResourceKind = (kind: string): kind is ResourceKind => (RESOURCE_KINDS as readonly string[]).includes(kind);

function splitResource(key: string) {
  const [kind, ...rest] = key.split(":");
  return { kind: kind as ResourceKind, id: rest.join(":") };
}

export default async function OverviewPage() {
  const actor = await requireActor();
  const allowed = describeMatrix().filter(({ scopes }) => actor.roles.some((r) => scopes[r]));
  const recent = can(actor, "audit:read") ? (await listAuditEntries(actor, { page: 1 })).entries.slice(0, 8) : null;
  const exposure = await exposedCount(actor);
  const [t, shell, audit, format] = await Promise.all([getTranslations("Overview"), getTranslations("Shell"), getTranslations("Audit"), getFormatter()]);
  const areas = navigationFor(actor, (key) => shell(`nav.${key}`)).filter((a) => a.href !== "/");

  return (
    <div className="grid gap-6">
      <PageHeader title={t("welcome", { name: actor.name })} description={t("description")} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("yourAccess")}</CardTitle>
            <CardDescription>
              {t("roles", { roles: actor.roles.length ? format.list(actor.roles.map((r) => shell(`roles.${r}`))) : t("noRoles") })}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-1.5 text-sm">
              {allowed.map(({ permission, scopes }) => {
                const scoped = actor.roles.every((r) => scopes[r] !== "all");
                return (
                  <li key={permission} className="flex items-center justify-between gap-3">
                    <span>{t(`permissions.${permission}`)}</span>
                    {scoped ? <Badge variant="outline">{t("yourResourcesBadge")}</Badge> : null}
                  </li>
                );
              })}
            </ul>
            {areas.length ? (
              <nav aria-label={t("yourAreas")} className="mt-4 flex flex-wrap gap-2 text-sm">
                {areas.map((a) => (
                  <Link key={a.href} href={a.href} className="font-medium text-primary underline-offset-4 hover:underline">
                    {a.label}
                  </Link>
                ))}
              </nav>
            ) : null}
          </CardContent>
        </Card>
        {exposure ? (
          <Card data-testid="overview-exposed">
            <CardHeader>
              <CardTitle>{t("exposed.title")}</CardTitle>
              <CardDescription>{t("exposed.description")}</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-2 text-sm">
              <p>
                <Link href="/access-control?exposure=exposed" className={exposure.exposed ? "text-2xl font-semibold text-destructive underline-offset-4 hover:underline" : "text-2xl font-semibold underline-offset-4 hover:underline"} data-value={exposure.exposed}>
                  {t("exposed.count", { exposed: exposure.exposed, proxies: exposure.proxies })}
                </Link>
              </p>
              <p className="flex gap-1 text-xs text-muted-foreground">
                {exposure.seenAt ? (
                  <>
                    {t("exposed.seen")}
                    <RelativeTime value={exposure.seenAt} mode="relative" />
                  </>
                ) : (
                  t("exposed.never")
                )}
              </p>
            </CardContent>
          </Card>
        ) : null}
        {actor.resources.size ? (
          <Card>
            <CardHeader>
              <CardTitle>{t("owned.title")}</CardTitle>
              <CardDescription>{t("owned.description")}</CardDescription>
            </CardHeader>
            <CardContent>
              <ul className="grid gap-1.5 text-sm">
                {[...actor.resources].sort().map((key) => {
                  const r = splitResource(key);
                  return (
                    <li key={key} className="flex justify-between gap-3">
                      <span className="text-muted-foreground">{isResourceKind(r.kind) ? t(`resourceKinds.${r.kind}`) : r.kind}</span>
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
              <CardTitle>{t("recent.title")}</CardTitle>
              <CardDescription>
                {t.rich("recent.description", {
                  link: (chunks) => (
                    <Link href="/audit" className="text-primary underline-offset-4 hover:underline">
                      {chunks}
                    </Link>
                  ),
                })}
              </CardDescription>
            </CardHeader>
            <CardContent>
              <ul className="grid gap-2 text-sm">
                {recent.map((e) => (
                  <li key={e.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <RelativeTime value={e.at} mode="relative" className="w-28 text-muted-foreground" />
                    {e.actorEmail ? (
                      <span className="font-medium" translate="no">
                        {e.actorEmail}
                      </span>
                    ) : (
                      <span className="font-medium">{t("recent.anonymous")}</span>
                    )}
                    <code className="font-mono text-xs">{e.action}</code>
                    <Badge variant={e.outcome === "success" ? "secondary" : e.outcome === "intent" ? "outline" : "destructive"}>
                      {audit.has(`outcomes.${e.outcome}`) ? audit(`outcomes.${e.outcome}`) : e.outcome}
                    </Badge>
                    {e.target ? (
                      <span className="truncate font-mono text-xs text-muted-foreground" translate="no">
                        {e.target}
                      </span>
                    ) : null}
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
