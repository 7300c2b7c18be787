import { getTranslations } from "next-intl/server";
import Papa from "papaparse";
import { appendAudit } from "@/lib/audit/log";
import { can } from "@/lib/auth/permissions";
import { metaFrom } from "@/lib/auth/request-meta";
import { getActor } from "@/lib/auth/session";
import { AUDIT_CSV_COLUMNS, exportAuditEntries } from "@/lib/dal/audit";
import { parseAuditFilter } from "@/lib/validation/audit";
import { requestErrorMap } from "@/lib/validation/server-error-map";

export const dynamic = "force-dynamic";

/**
 * CSV of exactly the filtered view the auditor is looking at, streamed in batches. Two header rows:
 * the column names in the reader's language, then the raw field names, which never change with the
 * language. `?header=raw` leaves out the first, for scripts that want one stable header row.
 */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return new Response("Sign in first.", { status: 401 });
  if (!can(actor, "audit:read")) return new Response("Not found.", { status: 404 });
  const url = new URL(request.url);
  const rawOnly = url.searchParams.get("header") === "raw";
  url.searchParams.delete("header");
  const { filter, problems } = parseAuditFilter(Object.fromEntries(url.searchParams), await requestErrorMap());
  if (problems.length) return new Response(`Invalid filter: ${problems.join("; ")}`, { status: 400 });

  await appendAudit({
    actor: { id: actor.id, email: actor.email, roles: actor.roles },
    action: "audit.export",
    target: "audit_log",
    params: { actor: filter.actor, action: filter.action, outcome: filter.outcome, from: filter.from, to: filter.to },
    outcome: "success",
    ...metaFrom(request.headers),
  });

  const t = await getTranslations("Audit.csv");
  const headerRows = rawOnly ? [[...AUDIT_CSV_COLUMNS]] : [AUDIT_CSV_COLUMNS.map((c) => t(c)), [...AUDIT_CSV_COLUMNS]];
  // A BOM with the people's header, so spreadsheet apps read Chinese as UTF-8; none in the raw form scripts read.
  const header = `${rawOnly ? "" : "\uFEFF"}${Papa.unparse(headerRows, { escapeFormulae: true, newline: "\r\n" })}\r\n`;

  const encoder = new TextEncoder();
  const batches = exportAuditEntries(actor, filter);
  let headerSent = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(header));
      }
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      if (next.value.length === 0) return;
      const csv = Papa.unparse(next.value, { columns: [...AUDIT_CSV_COLUMNS], header: false, escapeFormulae: true, newline: "\r\n" });
      controller.enqueue(encoder.encode(`${csv}\r\n`));
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
