import { z } from "zod";
import { issue, msg, type ValidationKey } from "./error-map";
import { strictPasswordSchema } from "./password";
import { plainText } from "./text";

/**
 * Inputs of the DMS proxy-access actions, shared by the forms (react-hook-form resolver) and the
 * server actions, which re-check them. Ids are decimal strings: DMS ids are 64-bit.
 */

const DMS_ID_WORDS = {
  tenant: ["chooseTenant", "tenantIdNumber"],
  proxy: ["chooseProxy", "proxyIdNumber"],
  user: ["chooseUser", "userIdNumber"],
  access: ["chooseAccess", "accessIdNumber"],
} as const satisfies Record<string, readonly [ValidationKey, ValidationKey]>;

const dmsId = (what: keyof typeof DMS_ID_WORDS) => {
  const [choose, number] = DMS_ID_WORDS[what];
  return z.string(msg(choose)).trim().min(1, msg(choose)).regex(/^\d{1,19}$/, msg(number));
};

const scope = {
  accountId: z.uuid(msg("chooseAccount")),
  tenantId: dmsId("tenant"),
  proxyId: dmsId("proxy"),
};

/** One per form instance, generated in the browser: a resubmitted form is one change, not two. */
const idempotencyKey = z.uuid(msg("reloadForm"));

export const REASON_MAX = 500;
export const reasonSchema = z
  .string(msg("reasonRequired"))
  .trim()
  .min(5, msg("reasonShort"))
  .max(REASON_MAX)
  .check(plainText("multiline"));

/** DMS documents no rule for IndepAccount; this is the common MySQL/PostgreSQL user-name shape. */
const indepAccount = z
  .string()
  .trim()
  .max(32)
  .regex(/^$|^[A-Za-z][A-Za-z0-9_.-]*$/, msg("indepAccountChars"))
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
      ctx.addIssue(issue("indepAccountMissing", undefined, ["indepAccount"]));
    }
    if (v.indepAccount && !v.indepPassword) {
      ctx.addIssue(issue("indepPasswordMissing", undefined, ["indepPassword"]));
    }
  });
export type GrantProxyAccessInput = z.output<typeof grantProxyAccessInput>;

export const REVOKE_MAX = 500;
export const revokeProxyAccessesInput = z.object({
  ...scope,
  proxyAccessIds: z
    .array(dmsId("access"), msg("chooseAccesses"))
    .min(1, msg("chooseAccesses"))
    .max(REVOKE_MAX, msg("tooManyAccesses"))
    .transform((ids) => [...new Set(ids)]),
  reason: z.string().trim().max(REASON_MAX).check(plainText("multiline")).optional().transform((v) => v || undefined),
  idempotencyKey,
});
export type RevokeProxyAccessesInput = z.output<typeof revokeProxyAccessesInput>;

export const revealSecretInput = z.object({
  ...scope,
  proxyAccessId: dmsId("access"),
});
export type RevealSecretInput = z.output<typeof revealSecretInput>;

export const BULK_MAX = 500;
export const bulkGrantInput = z.object({
  ...scope,
  userIds: z
    .array(dmsId("user"), msg("chooseUsers"))
    .min(1, msg("chooseUsers"))
    .max(BULK_MAX, msg("tooManyUsers"))
    .transform((ids) => [...new Set(ids)]),
  reason: reasonSchema,
  idempotencyKey,
});
export type BulkGrantInput = z.output<typeof bulkGrantInput>;

export const bulkJobInput = z.object({ jobId: z.uuid(msg("unknownJob")) });
export type BulkJobInput = z.output<typeof bulkJobInput>;

/** Query strings of the GET routes under /api/proxy-accesses. */
const queryId = z.string().regex(/^\d{1,19}$/, msg("queryNumber"));
export const accountQuery = z.object({ account: z.uuid(msg("chooseAccount")) });
export const tenantQuery = accountQuery.extend({ tenant: queryId });
export const proxyQuery = tenantQuery.extend({ proxy: queryId });
