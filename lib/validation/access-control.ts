import { z } from "zod";
import { DESCRIPTION_MAX, MAX_RULES, parseAddress, RULE_TYPES } from "@/lib/access-control/rules";
import { issue, msg } from "./error-map";
import { plainText } from "./text";

/**
 * Inputs of the TaurusDB access-control actions (switch, set rules, put back), shared by the forms
 * (react-hook-form resolver) and the server actions, which re-check them. Path ids follow the
 * vendor's documented shapes, so a malformed id never reaches a URL.
 */

const proxyRefShape = {
  accountId: z.uuid(msg("chooseAccount")),
  projectId: z.string(msg("projectIdFormat")).regex(/^[A-Za-z0-9]{32}$/, msg("projectIdFormat")),
  instanceId: z.string(msg("instanceIdFormat")).regex(/^[A-Za-z0-9]{32}in07$/, msg("instanceIdFormat")),
  proxyId: z.string(msg("taurusProxyIdFormat")).regex(/^[A-Za-z0-9]{32}po01$/, msg("taurusProxyIdFormat")),
};

export const proxyRefInput = z.object(proxyRefShape);
export type ProxyRefInput = z.output<typeof proxyRefInput>;

/** One per form instance, generated in the browser: a resubmitted form is one change, not two. */
const idempotencyKey = z.uuid(msg("reloadForm"));

/**
 * Set when the user confirmed that the change leaves access control on with an empty whitelist
 * (every source refused). Only the action knows whether access control is on, so it checks this.
 */
const confirmEmptyWhitelist = z.boolean().default(false);

export const switchAccessControlInput = z.object({
  ...proxyRefShape,
  open: z.boolean(),
  idempotencyKey,
  confirmEmptyWhitelist,
});
export type SwitchAccessControlInput = z.output<typeof switchAccessControlInput>;

const ruleIp = z
  .string(msg("ipRequired"))
  .trim()
  .check(
    z.superRefine<string>((value, ctx) => {
      const parsed = parseAddress(value);
      if (!parsed.ok) ctx.addIssue(issue(parsed.problem.key, parsed.problem.values));
    }),
  );

const ruleDescription = z
  .string()
  .trim()
  .max(DESCRIPTION_MAX)
  .check(plainText("line"))
  .regex(/^[^<>]*$/, msg("descriptionAngle"))
  .default("");

export const ruleEntrySchema = z.object({ ip: ruleIp, description: ruleDescription });
export type RuleEntryInput = z.output<typeof ruleEntrySchema>;

export const ruleTypeSchema = z.enum(RULE_TYPES, msg("chooseRuleType"));

/** What the rules editor submits; the action adds the proxy and the idempotency key. */
export const accessControlRulesForm = z.object({
  type: ruleTypeSchema,
  ipList: z.array(ruleEntrySchema).max(MAX_RULES, msg("tooManyRules", { maximum: MAX_RULES })),
  confirmEmptyWhitelist,
});
export type AccessControlRulesForm = z.output<typeof accessControlRulesForm>;

export const setAccessControlRulesInput = z.object({
  ...proxyRefShape,
  ...accessControlRulesForm.shape,
  idempotencyKey,
});
export type SetAccessControlRulesInput = z.output<typeof setAccessControlRulesInput>;

/** Puts back the rules a recorded change replaced. */
export const restoreAccessControlInput = z.object({
  ...proxyRefShape,
  operationId: z.uuid(msg("unknownOperation")),
  idempotencyKey,
  confirmEmptyWhitelist,
});
export type RestoreAccessControlInput = z.output<typeof restoreAccessControlInput>;
