import { randomBytes } from "node:crypto";
import type { EmuContext } from "../context";
import { delOp, putOp, type Op } from "../store";
import { headerValue, type Classification, type EmuRequest, type EmuResponse, type ServiceHandler } from "../types";
import { isPlainObject, safeEqual, sha256Hex } from "../util";
import { hwError, hwRequestId } from "./gateway";
import { keystoneError, listAuthProjects, PROJECTS_PATH } from "./iam-projects";

const TOKEN_PATH = "/v3/auth/tokens";

const badRequest = (message: string) => keystoneError(400, "Bad Request", message);
const wrongCredentials = () => keystoneError(401, "Unauthorized", "The username or password is wrong.");

/** Keystone-style microsecond ISO time, as IAM prints expires_at / issued_at. */
function iamTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

type Scope = { kind: "project"; id: string; name: string } | { kind: "domain" };

function resolveScope(ctx: EmuContext, scope: unknown): Scope | EmuResponse {
  const h = ctx.fixtures.huawei;
  if (!isPlainObject(scope)) return { kind: "domain" };
  if (isPlainObject(scope.domain)) {
    const { id, name } = scope.domain;
    if (id === h.domainId || (id === undefined && name === h.iam.domainName)) return { kind: "domain" };
    return keystoneError(401, "Unauthorized", "The domain in the scope does not exist or is not authorized.");
  }
  if (!isPlainObject(scope.project)) return badRequest("Invalid input for field 'auth.scope'.");
  const projects = [{ id: h.projectId, name: h.region }, { id: h.secondaryProject.id, name: h.secondaryProject.region }];
  const { id, name } = scope.project;
  const hit = projects.find((p) => (id !== undefined && p.id === id) || (id === undefined && p.name === name));
  if (!hit) return keystoneError(401, "Unauthorized", "The project in the scope does not exist or is not authorized.");
  return { kind: "project", ...hit };
}

function issueToken(ctx: EmuContext, req: EmuRequest): EmuResponse {
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString("utf8"));
  } catch {
    return badRequest("The request body is not valid JSON.");
  }
  const auth = isPlainObject(body) && isPlainObject(body.auth) ? body.auth : undefined;
  const identity = auth && isPlainObject(auth.identity) ? auth.identity : undefined;
  if (!identity || !Array.isArray(identity.methods)) return badRequest("Invalid input for field 'auth.identity.methods'.");
  if (!identity.methods.includes("password")) return keystoneError(401, "Unauthorized", "Only the password method is supported by the emulator.");
  const pwd = isPlainObject(identity.password) ? identity.password : undefined;
  const user = pwd && isPlainObject(pwd.user) ? pwd.user : undefined;
  const domain = user && isPlainObject(user.domain) ? user.domain : undefined;
  if (!user || typeof user.password !== "string" || (!domain && typeof user.id !== "string")) {
    return badRequest("Invalid input for field 'auth.identity.password.user'.");
  }
  const h = ctx.fixtures.huawei;
  const domainOk = domain ? domain.name === h.iam.domainName || domain.id === h.domainId : true;
  const userOk = user.id !== undefined ? user.id === h.iam.userId : user.name === h.iam.userName;
  if (!domainOk || !userOk || !safeEqual(user.password, h.iam.password)) return wrongCredentials();
  const scope = resolveScope(ctx, auth?.scope);
  if ("status" in scope) return scope;

  const now = ctx.now();
  const token = "MIIE" + randomBytes(240).toString("base64url");
  const expiresAt = now + ctx.config.iamTokenTtlSeconds * 1000;
  const ops: Op[] = ctx.store
    .values("iamTokens")
    .filter((t) => t.expiresAt <= now)
    .slice(0, 200)
    .map((t) => delOp("iamTokens", t.hash));
  const hash = sha256Hex(token);
  ops.push(putOp("iamTokens", hash, { hash, userId: h.iam.userId, projectId: scope.kind === "project" ? scope.id : null, issuedAt: now, expiresAt }));
  ctx.store.commit(ops);

  const domainRef = { id: h.domainId, name: h.iam.domainName };
  const requestId = hwRequestId();
  return {
    status: 201,
    outcome: "OK",
    headers: { "X-Subject-Token": token, "X-Request-Id": requestId },
    body: {
      token: {
        expires_at: iamTime(expiresAt),
        issued_at: iamTime(now),
        methods: ["password"],
        ...(scope.kind === "project" ? { project: { id: scope.id, name: scope.name, domain: domainRef } } : { domain: domainRef }),
        user: { id: h.iam.userId, name: h.iam.userName, domain: domainRef, password_expires_at: "" },
        roles: [{ id: "0", name: "op_gated_default" }, { id: "1", name: "te_admin" }],
        ...(new URLSearchParams(req.rawQuery).get("nocatalog") === "true" ? {} : { catalog: [] }),
      },
    },
  };
}

export function createIamHandler(ctx: EmuContext): ServiceHandler {
  function classify(req: EmuRequest): Classification {
    if (req.path === TOKEN_PATH && req.method === "POST") return { action: "KeystoneCreateUserTokenByPassword" };
    if (req.path === PROJECTS_PATH && req.method === "GET") return { action: "KeystoneListAuthProjects" };
    return { action: "Unknown" };
  }

  function handle(req: EmuRequest): EmuResponse {
    if (req.path === PROJECTS_PATH && req.method === "GET") return listAuthProjects(ctx, req);
    if (req.path !== TOKEN_PATH || req.method !== "POST") {
      return hwError(404, "APIGW.0101", "The API does not exist or has not been published in the environment");
    }
    const ct = (headerValue(req, "content-type") ?? "").toLowerCase();
    if (!ct.startsWith("application/json")) return badRequest("Content-Type must be application/json.");
    return issueToken(ctx, req);
  }

  function faultReply(kind: "error" | "throttle", opts: { code?: string; message?: string; status?: number }): EmuResponse {
    if (kind === "throttle") return hwError(opts.status ?? 429, opts.code ?? "APIGW.0308", opts.message ?? "The throttling threshold has been reached");
    const status = opts.status ?? 500;
    return keystoneError(status, "Internal Server Error", opts.message ?? "An unexpected error prevented the server from fulfilling your request.");
  }

  return { service: "iam", classify, handle, faultReply };
}
