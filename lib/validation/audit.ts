import { z } from "zod";
import { issue, msg } from "./error-map";
import { AUDIT_OUTCOMES } from "./audit-outcomes";
import { plainText } from "./text";

export { AUDIT_OUTCOMES };
export const AUDIT_PAGE_SIZE = 50;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .check(plainText())
    .optional()
    .transform((v) => (v ? v : undefined));

const optionalInstant = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const date = new Date(v);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue(issue("invalidDateTime"));
      return z.NEVER;
    }
    return date;
  });

/** "To" is inclusive: a minute-precision value (what the form sends) covers that whole minute. */
const inclusiveEnd = optionalInstant.transform((date) =>
  date && date.getUTCSeconds() === 0 && date.getUTCMilliseconds() === 0 ? new Date(date.getTime() + 59_999) : date,
);

/** The audit page's URL state; shared by the page, the filter form and the CSV export. */
export const auditFilterInput = z
  .object({
    actor: optionalText(254),
    action: optionalText(100),
    outcome: z.enum(AUDIT_OUTCOMES, msg("unknownOutcome")).optional().or(z.literal("").transform(() => undefined)),
    from: optionalInstant,
    to: inclusiveEnd,
    page: z.coerce.number<number>().int().min(1).max(100_000).default(1),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from > value.to) {
      ctx.addIssue(issue("toAfterFrom", undefined, ["to"]));
    }
  });

export interface AuditFilter {
  actor?: string;
  action?: string;
  outcome?: (typeof AUDIT_OUTCOMES)[number];
  from?: Date;
  to?: Date;
  page: number;
}

/** Reads URL search params leniently: a bad value is reported and dropped, never a 500. */
export function parseAuditFilter(
  params: Record<string, string | string[] | undefined>,
  errorMap?: z.core.$ZodErrorMap,
): { filter: AuditFilter; problems: string[] } {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditFilterInput.safeParse(flat, errorMap ? { error: errorMap } : undefined);
  if (parsed.success) return { filter: parsed.data, problems: [] };
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const problems = parsed.error.issues.map((i) => `${String(i.path[0] ?? "filter")}: ${i.message}`);
  const kept = Object.fromEntries(Object.entries(flat).filter(([k]) => !bad.has(k)));
  const retry = auditFilterInput.safeParse(kept);
  return { filter: retry.success ? retry.data : { page: 1 }, problems };
}
