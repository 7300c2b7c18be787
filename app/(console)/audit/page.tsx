import type { Metadata } from "next";
import Link from "next/link";
import { Download } from "lucide-react";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { isRole } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listAuditEntries, type AuditEntryDto } from "@/lib/dal/audit";
import { parseAuditFilter, type AuditFilter } from "@/lib/validation/audit";
import { requestErrorMap } from "@/lib/validation/server-error-map";
import { AuditFilters } from "./audit-filters";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Audit"))("title") };
}

/** Catalog key of an action's readable label: next-intl reads dots as nesting, so they become "_". */
const actionKey = (action: string) => `actions.${action.replaceAll(".", "_")}` as "actions.auth_login";

function filterQuery(filter: AuditFilter, page?: number): string {
  const params = new URLSearchParams();
  if (filter.actor) params.set("actor", filter.actor);
  if (filter.action) params.set("action", filter.action);
  if (filter.outcome) params.set("outcome", filter.outcome);
  if (filter.from) params.set("from", filter.from.toISOString());
  if (filter.to) params.set("to", filter.to.toISOString());
  if (page && page > 1) params.set("page", String(page));
  return params.toString();
}

const OUTCOME_VARIANT: Record<AuditEntryDto["outcome"], "success" | "destructive" | "outline" | "warning" | "secondary"> = {
  success: "success",
  // Some items of a multi-item action failed: not a success, not a clean failure either.
  partial: "warning",
  failure: "destructive",
  // A change found made outside the console (no actor): worth a look, not a failure.
  detected: "warning",
  denied: "warning",
  invalid: "warning",
  intent: "outline",
};

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("audit:read");
  const { filter, problems } = parseAuditFilter(await searchParams, await requestErrorMap());
  const { entries, total, pageSize } = await listAuditEntries(actor, filter);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const exportQuery = filterQuery(filter);
  const [t, shell, format] = await Promise.all([getTranslations("Audit"), getTranslations("Shell"), getFormatter()]);

  return (
    <div className="grid gap-4">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild variant="outline">
            <a href={`/api/audit/export${exportQuery ? `?${exportQuery}` : ""}`} download>
              <Download aria-hidden /> {t("exportCsv")}
            </a>
          </Button>
        }
      />
      <ClientMessages namespaces={["Audit"]}>
        <AuditFilters
          initial={{
            actor: filter.actor ?? "",
            action: filter.action ?? "",
            outcome: filter.outcome ?? "",
            from: filter.from?.toISOString() ?? "",
            to: filter.to?.toISOString() ?? "",
          }}
        />
      </ClientMessages>
      {problems.length ? <Alert variant="warning" title={t("filtersIgnored")}>{problems.join("; ")}</Alert> : null}
      <p className="text-sm text-muted-foreground" aria-live="polite">
        {t("count", { count: total })}
        {pages > 1 ? t("pageOf", { page: filter.page, pages }) : ""}
      </p>
      {entries.length === 0 ? (
        <EmptyState title={t("empty.title")} description={t("empty.description")} />
      ) : (
        <div className="overflow-x-auto rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("columns.time")}</TableHead>
                <TableHead>{t("columns.actor")}</TableHead>
                <TableHead>{t("columns.action")}</TableHead>
                <TableHead>{t("columns.target")}</TableHead>
                <TableHead>{t("columns.outcome")}</TableHead>
                <TableHead>{t("columns.details")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {entries.map((e) => (
                <TableRow key={e.id} data-testid="audit-row">
                  <TableCell className="whitespace-nowrap text-sm">
                    <RelativeTime value={e.at} />
                  </TableCell>
                  <TableCell>
                    {e.actorEmail ? (
                      <div className="text-sm" translate="no">
                        {e.actorEmail}
                      </div>
                    ) : (
                      <div className="text-sm text-muted-foreground">{t("anonymous")}</div>
                    )}
                    <div className="text-xs text-muted-foreground">{format.list(e.actorRoles.map((r) => (isRole(r) ? shell(`roles.${r}`) : r)))}</div>
                  </TableCell>
                  <TableCell>
                    {/* The code stays visible beside the label: auditors search and filter by it. */}
                    {t.has(actionKey(e.action)) ? <div className="text-sm">{t(actionKey(e.action))}</div> : null}
                    <code className="font-mono text-xs">{e.action}</code>
                  </TableCell>
                  <TableCell className="max-w-56 truncate font-mono text-xs" title={e.target ?? undefined} translate="no">
                    {e.target ?? "—"}
                  </TableCell>
                  <TableCell>
                    <Badge variant={OUTCOME_VARIANT[e.outcome]}>
                      {t.has(`outcomes.${e.outcome}`) ? t(`outcomes.${e.outcome}`) : e.outcome}
                    </Badge>
                    {e.errorCode ? <div className="mt-1 font-mono text-xs">{e.errorCode}</div> : null}
                  </TableCell>
                  <TableCell className="min-w-64 text-xs">
                    {e.message ? <div>{e.message}</div> : null}
                    {e.vendorRequestId ? <div className="font-mono">{t("requestId", { id: e.vendorRequestId })}</div> : null}
                    <details>
                      <summary className="cursor-pointer text-muted-foreground">{t("paramsAndClient")}</summary>
                      <pre className="mt-1 max-w-md overflow-x-auto rounded bg-muted p-2 font-mono text-[11px]" data-testid="audit-params">
                        {JSON.stringify(e.params ?? {}, null, 2)}
                      </pre>
                      <div className="mt-1 text-muted-foreground">
                        {e.ip ?? t("unknownAddress")} · {e.userAgent ?? t("unknownAgent")}
                        {e.correlationId ? t("correlation", { id: e.correlationId }) : ""}
                      </div>
                    </details>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t("pages")} className="flex items-center justify-end gap-2">
          {filter.page > 1 ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`/audit?${filterQuery(filter, filter.page - 1)}`}>{t("previous")}</Link>
            </Button>
          ) : null}
          {filter.page < pages ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`/audit?${filterQuery(filter, filter.page + 1)}`}>{t("next")}</Link>
            </Button>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
