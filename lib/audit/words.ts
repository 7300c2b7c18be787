import type { Messages } from "@/i18n/catalogs";
import type { StoredWords } from "@/lib/db/schema";

/*
 * An audit entry's message as catalog words (lib/audit/messages): the entry keeps the English in
 * `message` (the CSV export, anything reading the table) and the words in `message_words`, so the
 * audit page shows it in the reader's language.
 */

export type AuditMessageKey = keyof Messages["AuditMessages"];

export function auditWords(key: AuditMessageKey, values?: Record<string, string | number>): StoredWords {
  return values ? { ns: "AuditMessages", key, values } : { ns: "AuditMessages", key };
}
