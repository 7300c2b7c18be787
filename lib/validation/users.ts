import { z } from "zod";
import { RESOURCE_KINDS, ROLES } from "@/lib/auth/permissions";
import { plainText } from "./text";

const RESOURCE_PATTERN = new RegExp(`^(${RESOURCE_KINDS.join("|")}):[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`);

export const roleSchema = z.enum(ROLES, { error: (issue) => `Unknown role "${String(issue.input)}"` });

export const resourceSchema = z
  .string()
  .trim()
  .regex(RESOURCE_PATTERN, `Use <kind>:<id>, where kind is one of ${RESOURCE_KINDS.join(", ")}`);

const userName = z.string().trim().min(1, "Enter a name").max(100, "At most 100 characters").check(plainText());

const rolesField = z
  .array(roleSchema, { error: "Choose at least one role" })
  .min(1, "Choose at least one role")
  .max(ROLES.length)
  .transform((roles) => [...new Set(roles)]);

const resourcesField = z
  .array(resourceSchema)
  .max(200, "At most 200 owned resources")
  .default([])
  .transform((list) => [...new Set(list)]);

const ownerNeedsResources = (value: { roles: string[]; resources: string[] }, ctx: z.RefinementCtx) => {
  if (value.roles.includes("owner") && value.resources.length === 0) {
    ctx.addIssue({ code: "custom", path: ["resources"], message: "An instance owner needs at least one owned resource" });
  }
  if (!value.roles.includes("owner") && value.resources.length > 0) {
    ctx.addIssue({ code: "custom", path: ["resources"], message: "Only instance owners hold owned resources" });
  }
};

export const createUserInput = z
  .object({
    email: z.string().trim().toLowerCase().max(254, "At most 254 characters").check(plainText()).pipe(z.email("Enter a valid email address")),
    name: userName,
    roles: rolesField,
    resources: resourcesField,
    signIn: z.enum(["password", "sso"], { error: "Choose how this user signs in" }).default("password"),
  })
  .superRefine(ownerNeedsResources);
export type CreateUserInput = z.input<typeof createUserInput>;

export const userIdInput = z.object({ id: z.uuid("Unknown user") });

export const updateUserInput = z
  .object({
    id: z.uuid("Unknown user"),
    name: userName,
    roles: rolesField,
    resources: resourcesField,
  })
  .superRefine(ownerNeedsResources);
export type UpdateUserInput = z.input<typeof updateUserInput>;

export const setUserDisabledInput = z.object({ id: z.uuid("Unknown user"), disabled: z.boolean() });
