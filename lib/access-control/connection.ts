import "server-only";
import type { HuaweiConnection, ProviderConnection } from "@/lib/providers/types";

/*
 * A Huawei cloud account holds one credential and may reach several projects (one per region,
 * plus sub-projects). The stored account names its home project; the others come from IAM's
 * project list. Endpoint overrides are the account's: an override points at one gateway (a
 * proxy, or the local emulator) that serves every project of the account.
 */

export interface ProjectRef {
  projectId: string;
  region: string;
}

/** The account's connection re-pointed at one of its projects. */
export function projectConnection(conn: ProviderConnection, project: ProjectRef): HuaweiConnection {
  if (conn.vendor !== "huawei") throw new Error("TaurusDB needs a Huawei cloud account");
  return { ...conn, projectId: project.projectId, region: project.region };
}

const PROJECT_ID = /^[A-Za-z0-9]{32}$/;
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** A stored operation's project, checked again: params are data, and data is not trusted blindly. */
export function projectOfParams(params: Record<string, unknown>): ProjectRef | null {
  const projectId = typeof params.projectId === "string" ? params.projectId : "";
  const region = typeof params.region === "string" ? params.region : "";
  return PROJECT_ID.test(projectId) && REGION.test(region) ? { projectId, region } : null;
}
