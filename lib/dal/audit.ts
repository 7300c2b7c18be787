import "server-only";
import { actionError } from "@/lib/actions/action-error";
import { iterateAudit, queryAudit, type AuditRow } from "@/lib/audit/log";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { currentLocale } from "@/lib/i18n/request-locale";
import { wordsText } from "@/lib/i18n/stored-words";
import { AUDIT_PAGE_SIZE, type AuditFilter } from "@/lib/validation/audit";

export interface AuditEntryDto {
  id: number;
  at: string;
  actorEmail: string | null;
  actorRoles: string[];
  action: string;
  target: string | null;
  params: Record<string, unknown> | null;
  outcome: AuditRow["outcome"];
  correlationId: string | null;
  errorCode: string | null;
  message: string | null;
  vendorRequestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** `locale` words the console's own messages for the reader; the export keeps the stored English. */
function toDto(row: AuditRow, locale = "en"): AuditEntryDto {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorEmail: row.actorEmail,
    actorRoles: row.actorRoles,
    action: row.action,
    target: row.target,
    params: row.params ?? null,
    outcome: row.outcome,
    correlationId: row.correlationId,
    errorCode: row.errorCode,
    message: row.messageWords ? wordsText(row.messageWords, locale) : row.message,
    vendorRequestId: row.vendorRequestId,
    ip: row.ip,
    userAgent: row.userAgent,
  };
}

function assertReader(actor: Actor) {
  if (!can(actor, "audit:read")) throw actionError("auditForbidden", { code: "FORBIDDEN" });
}

export async function listAuditEntries(actor: Actor, filter: AuditFilter) {
  assertReader(actor);
  const { rows, total } = await queryAudit(filter, { limit: AUDIT_PAGE_SIZE, offset: (filter.page - 1) * AUDIT_PAGE_SIZE });
  const locale = await currentLocale(actor.locale);
  return { entries: rows.map((row) => toDto(row, locale)), total, pageSize: AUDIT_PAGE_SIZE };
}

export const AUDIT_CSV_COLUMNS = [
  "id", "at", "actorEmail", "actorRoles", "action", "target", "outcome", "errorCode", "message",
  "vendorRequestId", "correlationId", "ip", "userAgent", "params",
] as const;

/** Batches of CSV-ready records for the export route; params are already redacted at write time. */
export async function* exportAuditEntries(actor: Actor, filter: AuditFilter) {
  assertReader(actor);
  for await (const batch of iterateAudit(filter)) {
    yield batch.map((row) => {
      const dto = toDto(row);
      return { ...dto, actorRoles: dto.actorRoles.join(" "), params: dto.params ? JSON.stringify(dto.params) : "" };
    });
  }
}
