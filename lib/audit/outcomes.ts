import type { StoredWords } from "@/lib/db/schema";
import type { AuditOutcome } from "./log";
import { auditWords } from "./words";

/**
 * The audit outcome of an operation on several items: success when every item succeeded, failure
 * when none did, partial (saying how many failed) in between. `noun` is the item's plural, e.g.
 * "revokes", "grants".
 */
export function multiItemOutcome(
  total: number,
  failed: number,
  noun: "grants" | "revokes",
): { outcome: Extract<AuditOutcome, "success" | "partial" | "failure">; message?: StoredWords } {
  if (failed <= 0) return { outcome: "success" };
  return { outcome: failed >= total ? "failure" : "partial", message: auditWords("itemsFailed", { failed, total, noun }) };
}

/** How many failed items gave each error code, e.g. { NOT_FOUND: 2 }, so the entry says why without listing every item. */
export function countCodes(items: readonly { code?: string | null }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const code = item.code ?? "FAILED";
    out[code] = (out[code] ?? 0) + 1;
  }
  return out;
}
