import { z } from "zod";
import { strictPasswordSchema } from "./password";
import { plainText } from "./text";

/**
 * Inputs of the DMS proxy-access actions, shared by the forms (react-hook-form resolver) and the
 * server actions, which re-check them. Ids are decimal strings: DMS ids are 64-bit.
 */

const dmsId = (what: string) =>
  z
    .string({ error: `Choose a ${what}` })
    .trim()
    .min(1, `Choose a ${what}`)
    .regex(/^\d{1,19}$/, `The ${what} id is a number`);

const scope = {
  accountId: z.uuid({ error: "Choose a cloud account" }),
  tenantId: dmsId("tenant"),
  proxyId: dmsId("proxy"),
};

/** One per form instance, generated in the browser: a resubmitted form is one change, not two. */
const idempotencyKey = z.uuid({ error: "Reload the form and try again" });

export const REASON_MAX = 500;
export const reasonSchema = z
  .string({ error: "Say why this access is needed" })
  .trim()
  .min(5, "Say why this access is needed (at least 5 characters)")
  .max(REASON_MAX, `At most ${REASON_MAX} characters`)
  .check(plainText("multiline"));

/** DMS documents no rule for IndepAccount; this is the common MySQL/PostgreSQL user-name shape. */
const indepAccount = z
  .string()
  .trim()
  .max(32, "At most 32 characters")
  .regex(/^$|^[A-Za-z][A-Za-z0-9_.-]*$/, "Start with a letter; use letters, digits, _ . or -")
  .optional()
  .transform((v) => v || undefined);

export const grantProxyAccessInput = z
  .object({
    ...scope,
    userId: dmsId("user"),
    indepAccount,
    /** Never stored or logged; only forwarded to CreateProxyAccess. */
    indepPassword: z
      .string()
      .optional()
      .transform((v) => v || undefined)
      .pipe(strictPasswordSchema.optional()),
    reason: reasonSchema,
    idempotencyKey,
  })
  .superRefine((v, ctx) => {
    if (v.indepPassword && !v.indepAccount) {
      ctx.addIssue({ code: "custom", path: ["indepAccount"], message: "Enter the database account this password belongs to" });
    }
    if (v.indepAccount && !v.indepPassword) {
      ctx.addIssue({ code: "custom", path: ["indepPassword"], message: "Enter or generate the password of this database account" });
    }
  });
export type GrantProxyAccessInput = z.output<typeof grantProxyAccessInput>;

export const REVOKE_MAX = 500;
export const revokeProxyAccessesInput = z.object({
  ...scope,
  proxyAccessIds: z
    .array(dmsId("proxy access"), { error: "Choose at least one access" })
    .min(1, "Choose at least one access")
    .max(REVOKE_MAX, `At most ${REVOKE_MAX} accesses at once`)
    .transform((ids) => [...new Set(ids)]),
  reason: z.string().trim().max(REASON_MAX, `At most ${REASON_MAX} characters`).check(plainText("multiline")).optional().transform((v) => v || undefined),
  idempotencyKey,
});
export type RevokeProxyAccessesInput = z.output<typeof revokeProxyAccessesInput>;

export const revealSecretInput = z.object({
  ...scope,
  proxyAccessId: dmsId("proxy access"),
});
export type RevealSecretInput = z.output<typeof revealSecretInput>;

export const BULK_MAX = 500;
export const bulkGrantInput = z.object({
  ...scope,
  userIds: z
    .array(dmsId("user"), { error: "Choose at least one user" })
    .min(1, "Choose at least one user")
    .max(BULK_MAX, `At most ${BULK_MAX} users at once`)
    .transform((ids) => [...new Set(ids)]),
  reason: reasonSchema,
  idempotencyKey,
});
export type BulkGrantInput = z.output<typeof bulkGrantInput>;

export const bulkJobInput = z.object({ jobId: z.uuid({ error: "Unknown job" }) });
export type BulkJobInput = z.output<typeof bulkJobInput>;

/** Query strings of the GET routes under /api/proxy-accesses. */
const queryId = z.string().regex(/^\d{1,19}$/, "must be a number");
export const accountQuery = z.object({ account: z.uuid({ error: "choose a cloud account" }) });
export const tenantQuery = accountQuery.extend({ tenant: queryId });
export const proxyQuery = tenantQuery.extend({ proxy: queryId });
