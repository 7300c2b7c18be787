/** Zod-free, so the audit filter form can import it without shipping zod to the browser. */
export const AUDIT_OUTCOMES = ["intent", "success", "failure", "denied", "invalid"] as const;
