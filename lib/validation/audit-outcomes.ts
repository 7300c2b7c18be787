/** Zod-free, so the audit filter form can import it without shipping zod to the browser. */
/**
 * Also the values of audit_log.outcome (a plain text column, no CHECK constraint). "partial": a
 * multi-item action where some items failed; one where all failed is a "failure".
 */
export const AUDIT_OUTCOMES = ["intent", "success", "partial", "failure", "denied", "invalid", "detected"] as const;
