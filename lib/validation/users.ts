import { z } from "zod";
import { issue, msg } from "./error-map";
import { RESOURCE_KINDS, ROLES } from "@/lib/auth/permissions";
import { plainText } from "./text";

const RESOURCE_PATTERN = new RegExp(`^(${RESOURCE_KINDS.join("|")}):[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`);

export const roleSchema = z.enum(ROLES, msg("unknownRole"));

export const resourceSchema = z
  .string()
  .trim()
  .regex(RESOURCE_PATTERN, msg("resourceFormat", { kinds: RESOURCE_KINDS.join(", ") }));

const userName = z.string().trim().min(1, msg("enterName")).max(100).check(plainText());

const rolesField = z
  .array(roleSchema, msg("chooseRole"))
  .min(1, msg("chooseRole"))
  .max(ROLES.length)
  .transform((roles) => [...new Set(roles)]);

const resourcesField = z
  .array(resourceSchema)
  .max(200, msg("tooManyResources"))
  .default([])
  .transform((list) => [...new Set(list)]);

const ownerNeedsResources = (value: { roles: string[]; resources: string[] }, ctx: z.RefinementCtx) => {
  if (value.roles.includes("owner") && value.resources.length === 0) {
    ctx.addIssue(issue("ownerNeedsResource", undefined, ["resources"]));
  }
  if (!value.roles.includes("owner") && value.resources.length > 0) {
    ctx.addIssue(issue("onlyOwnersHoldResources", undefined, ["resources"]));
  }
};

export const createUserInput = z
  .object({
    email: z.string().trim().toLowerCase().max(254).check(plainText()).pipe(z.email(msg("invalidEmail"))),
    name: userName,
    roles: rolesField,
    resources: resourcesField,
    signIn: z.enum(["password", "sso"], msg("chooseSignIn")).default("password"),
  })
  .superRefine(ownerNeedsResources);
export type CreateUserInput = z.input<typeof createUserInput>;

export const userIdInput = z.object({ id: z.uuid(msg("unknownUser")) });

export const updateUserInput = z
  .object({
    id: z.uuid(msg("unknownUser")),
    name: userName,
    roles: rolesField,
    resources: resourcesField,
  })
  .superRefine(ownerNeedsResources);
export type UpdateUserInput = z.input<typeof updateUserInput>;

export const setUserDisabledInput = z.object({ id: z.uuid(msg("unknownUser")), disabled: z.boolean() });
