import "server-only";
import { and, count, desc, eq, gte, ilike, lte, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { auditLog, type StoredWords } from "@/lib/db/schema";
import { wordsText } from "@/lib/i18n/stored-words";
import { redactRecord } from "./redact";
import { storableJson, storableText, truncate } from "./storable";

export type AuditOutcome = (typeof auditLog.$inferInsert)["outcome"];

export interface AuditEntryInput {
  actor: { id: string; email: string; roles: readonly string[] } | null;
  action: string;
  target?: string | null;
  params?: Record<string, unknown> | null;
  outcome: AuditOutcome;
  correlationId?: string | null;
  errorCode?: string | null;
  /** Free text, or catalog words (lib/audit/words.ts) that are stored in English and shown in the reader's language. */
  message?: string | StoredWords | null;
  vendorRequestId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

const text = (value: string | null | undefined, max?: number) =>
  value === null || value === undefined ? null : storableText(max ? truncate(value, max) : value);

/**
 * Appends one entry. Parameters are redacted here so no caller can forget, and every value is
 * made storable, so what a caller or an attacker sent cannot make the write fail. Throws if the
 * write fails for another reason (the database is down).
 */
export async function appendAudit(entry: AuditEntryInput): Promise<void> {
  const db = await getDb();
  const params = redactRecord(entry.params);
  const words = entry.message && typeof entry.message === "object" ? entry.message : null;
  const message = words ? wordsText(words, "en") : (entry.message as string | null | undefined);
  await db.insert(auditLog).values({
    actorId: entry.actor?.id ?? null,
    actorEmail: text(entry.actor?.email),
    actorRoles: (entry.actor?.roles ?? []).map((role) => storableText(role)),
    action: storableText(entry.action),
    target: text(entry.target),
    params: params && (storableJson(params) as Record<string, unknown>),
    outcome: entry.outcome,
    correlationId: entry.correlationId ?? null,
    errorCode: text(entry.errorCode),
    message: text(message, 1000),
    messageWords: words && (storableJson(words) as StoredWords),
    vendorRequestId: text(entry.vendorRequestId),
    ip: text(entry.ip, 100),
    userAgent: text(entry.userAgent, 400),
  });
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
}

function whereFor(query: AuditQuery): SQL | undefined {
  const clauses: SQL[] = [];
  if (query.actor) clauses.push(ilike(auditLog.actorEmail, `%${escapeLike(query.actor)}%`));
  if (query.action) clauses.push(ilike(auditLog.action, `%${escapeLike(query.action)}%`));
  if (query.outcome) clauses.push(eq(auditLog.outcome, query.outcome));
  if (query.from) clauses.push(gte(auditLog.at, query.from));
  if (query.to) clauses.push(lte(auditLog.at, query.to));
  return clauses.length ? and(...clauses) : undefined;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type AuditRow = typeof auditLog.$inferSelect;

export async function queryAudit(query: AuditQuery, page: { limit: number; offset: number }) {
  const db = await getDb();
  const where = whereFor(query);
  const [rows, totals] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(page.limit).offset(page.offset),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

/** Streams the filtered view in batches so an export of a large log does not sit in memory at once. */
export async function* iterateAudit(query: AuditQuery, batchSize = 1000): AsyncGenerator<AuditRow[]> {
  const db = await getDb();
  const where = whereFor(query);
  for (let offset = 0; ; offset += batchSize) {
    const rows = await db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(batchSize).offset(offset);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
  }
}
