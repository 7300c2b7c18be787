import { GLOBAL_IAM_ENDPOINT, isRegionId } from "@/lib/providers/endpoints";
import { createHuaweiGlobalTransport } from "@/lib/providers/huawei/client";
import { listAuthProjectsResponse, type AuthProject } from "@/lib/providers/huawei/projects-schemas";
import { withRetry } from "@/lib/providers/resilience";
import type { ClientOptions, HuaweiConnection } from "@/lib/providers/types";

const SERVICE = "iam";

export interface HuaweiProject {
  id: string;
  /** The project name as IAM spells it: a region id, or a sub-project like "cn-north-4_sub". */
  name: string;
  /** The region the project lives in: the name's part before "_". */
  region: string;
  enabled: boolean;
}

/**
 * Projects that stand for a region the account can use: enabled, not a domain, and named after a
 * region (optionally with a "_sub" suffix). System projects such as MOS have no region and are skipped.
 */
export function regionProjects(projects: readonly AuthProject[]): HuaweiProject[] {
  return projects.flatMap((p) => {
    const region = p.name.split("_")[0] ?? "";
    if (!p.enabled || p.isDomain || !isRegionId(region)) return [];
    return [{ id: p.id, name: p.name, region, enabled: true }];
  });
}

export type HuaweiProjectsApi = ReturnType<typeof createHuaweiProjectsApi>;

/**
 * Huawei IAM project listing for one account, on the connection's IAM endpoint or the global one.
 * AK/SK calls are signed without X-Project-Id; IAM users send a domain-scoped token. Throws
 * ProviderError; the call is a read, so transient failures are retried.
 */
export function createHuaweiProjectsApi(conn: HuaweiConnection, options: ClientOptions = {}) {
  const transport = createHuaweiGlobalTransport(conn, SERVICE, conn.endpoints?.iam ?? GLOBAL_IAM_ENDPOINT, options);
  return {
    // GET /v3/auth/projects (KeystoneListAuthProjects)
    async listAuthProjects(o?: { signal?: AbortSignal }) {
      const action = "KeystoneListAuthProjects";
      const res = await withRetry(
        (attempt) => transport.call({ action, method: "GET", path: "/auth/projects" }, listAuthProjectsResponse, { signal: o?.signal, attempt }),
        { policy: transport.policy, signal: o?.signal },
      );
      return { projects: regionProjects(res.data.projects), requestId: res.requestId };
    },
  };
}
