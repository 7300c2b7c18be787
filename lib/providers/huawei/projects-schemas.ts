import { z } from "zod";
import { list, opt } from "@/lib/providers/schema-helpers";

/** Response schema of IAM KeystoneListAuthProjects (GET /v3/auth/projects). */

export const authProjectSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    domain_id: opt(z.string()),
    parent_id: opt(z.string()),
    enabled: opt(z.boolean()),
    is_domain: opt(z.boolean()),
    description: opt(z.string()),
  })
  .transform((p) => ({
    id: p.id,
    /** A region id (cn-north-4), a sub-project (cn-north-4_sub), or a system project such as MOS. */
    name: p.name,
    domainId: p.domain_id,
    parentId: p.parent_id,
    // Keystone omits nothing here, but an absent flag is read as the default: enabled, not a domain.
    enabled: p.enabled ?? true,
    isDomain: p.is_domain ?? false,
    description: p.description,
  }));
export type AuthProject = z.output<typeof authProjectSchema>;

export const listAuthProjectsResponse = z.object({ projects: list(authProjectSchema) });
