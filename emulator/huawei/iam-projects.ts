import type { EmuContext } from "../context";
import { headerValue, type EmuRequest, type EmuResponse } from "../types";
import { sha256Hex } from "../util";
import { hwError, hwRequestId } from "./gateway";
import { verifyAksk } from "./verify";

export const PROJECTS_PATH = "/v3/auth/projects";

export function keystoneError(code: number, title: string, message: string, requestId = hwRequestId()): EmuResponse {
  return { status: code, outcome: `IAM.${code}`, headers: { "X-Request-Id": requestId }, body: { error: { code, message, title } } };
}

/**
 * Who may list the account's projects: any unexpired token of the account (the docs ask for no
 * special permission, and a project-scoped token is accepted as well as a domain-scoped one), or
 * an AK/SK signature. X-Domain-Id is optional here (the SDK reaches IAM without it to look the
 * domain up), but when sent it must name the account's domain.
 */
function refusal(ctx: EmuContext, req: EmuRequest): EmuResponse | undefined {
  const h = ctx.fixtures.huawei;
  const now = ctx.now();
  const token = headerValue(req, "x-auth-token");
  if (token) {
    const rec = ctx.store.get("iamTokens", sha256Hex(token));
    if (!rec || rec.expiresAt <= now) return keystoneError(401, "Unauthorized", "The request you have made requires authentication.");
    return undefined;
  }
  const auth = headerValue(req, "authorization");
  if (!auth) return keystoneError(401, "Unauthorized", "The request you have made requires authentication.");
  const r = verifyAksk(req, auth, { skFor: (ak) => (ak === h.ak ? h.sk : undefined), now, skewSeconds: ctx.config.skew.huawei });
  if (!r.ok) return hwError(r.status, r.code, r.message);
  const domain = headerValue(req, "x-domain-id");
  if (domain !== undefined && domain !== h.domainId) {
    return hwError(403, "APIGW.0302", "The IAM user is not authorized to access the API: X-Domain-Id does not match the account of the access key.");
  }
  return undefined;
}

/** The account's projects: one per region (name = region id) plus the system project MOS. */
function projects(ctx: EmuContext, origin: string) {
  const h = ctx.fixtures.huawei;
  const project = (id: string, name: string) => ({
    id, name, domain_id: h.domainId, parent_id: h.domainId, enabled: true, is_domain: false, description: "",
    links: { self: `${origin}/v3/projects/${id}` },
  });
  return [
    project(h.projectId, h.region),
    project(h.secondaryProject.id, h.secondaryProject.region),
    // Every account has it; it is no region, and a client listing regions must skip it.
    project(sha256Hex(`MOS:${h.domainId}`).slice(0, 32), "MOS"),
  ];
}

// GET /v3/auth/projects (KeystoneListAuthProjects)
export function listAuthProjects(ctx: EmuContext, req: EmuRequest): EmuResponse {
  const refused = refusal(ctx, req);
  if (refused) return refused;
  const origin = `http://${headerValue(req, "host") ?? "localhost"}`;
  return {
    status: 200,
    outcome: "OK",
    headers: { "X-Request-Id": hwRequestId() },
    body: { projects: projects(ctx, origin), links: { self: `${origin}${PROJECTS_PATH}`, previous: null, next: null } },
  };
}
