import { randomBytes } from "node:crypto";
import type { EmuContext } from "../context";
import { parsePairs } from "../percent-encode";
import { headerValue, type Classification, type EmuRequest, type EmuResponse, type ServiceHandler } from "../types";
import { inLanguage, requestLanguage, type EmuLanguage } from "../language";
import { sha256Hex } from "../util";
import { HUAWEI_ZH } from "./messages-zh";
import { verifyAksk } from "./verify";

export const PROJECT_RE = /^[A-Za-z0-9]{32}$/;

/** A refusal in the DBS/APIGW shape: {error_code, error_msg} (+ request_id for gateway codes). */
export class HwError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const paramError = (what: string) => new HwError(400, "DBS.200001", `Parameter error: ${what}`);

export function hwRequestId(): string {
  return randomBytes(16).toString("hex");
}

export function hwError(status: number, code: string, message: string, requestId = hwRequestId()): EmuResponse {
  const body: Record<string, string> = { error_code: code, error_msg: message };
  if (code.startsWith("APIGW.")) body.request_id = requestId;
  return { status, outcome: code, headers: { "X-Request-Id": requestId }, body };
}

/** A refusal's error_msg in the caller's X-Language (Chinese for the codes the emulator knows). */
function localized(res: EmuResponse, language: EmuLanguage): EmuResponse {
  const body = res.body as { error_code?: unknown; error_msg?: unknown } | null;
  if (body && typeof body.error_code === "string" && typeof body.error_msg === "string") body.error_msg = inLanguage(HUAWEI_ZH, language, body.error_code, body.error_msg);
  return res;
}

export interface HwCall {
  ctx: EmuContext;
  req: EmuRequest;
  projectId: string;
  path: Record<string, string>;
  query: Map<string, string>;
  /** Parsed JSON body; refuses a malformed one with DBS.200001. */
  json(): Record<string, unknown>;
}

export interface HwRoute {
  method: string;
  pattern: RegExp;
  action: string;
  run(call: HwCall): unknown;
}

function match(routes: HwRoute[], req: EmuRequest) {
  for (const r of routes) {
    if (r.method !== req.method) continue;
    const m = r.pattern.exec(req.path);
    if (m) return { route: r, path: { ...(m.groups ?? {}) } as Record<string, string> };
  }
  return undefined;
}

/** Projects the demo account owns; the AK/SK may call any of them. */
function accountProjects(ctx: EmuContext): string[] {
  return [ctx.fixtures.huawei.projectId, ctx.fixtures.huawei.secondaryProject.id];
}

function authenticate(ctx: EmuContext, req: EmuRequest, projectId: string): HwError | undefined {
  const token = headerValue(req, "x-auth-token");
  const now = ctx.now();
  if (token) {
    const rec = ctx.store.get("iamTokens", sha256Hex(token));
    if (!rec || rec.expiresAt <= now) return new HwError(401, "APIGW.0301", "Incorrect IAM authentication information: decrypt token fail");
    if (rec.projectId !== projectId) return new HwError(403, "APIGW.0302", "The IAM user is not authorized to access the API: the token is not scoped to this project.");
    return undefined;
  }
  const auth = headerValue(req, "authorization");
  if (!auth) return new HwError(401, "APIGW.0301", "Incorrect IAM authentication information: neither X-Auth-Token nor Authorization was provided");
  const h = ctx.fixtures.huawei;
  const r = verifyAksk(req, auth, { skFor: (ak) => (ak === h.ak ? h.sk : undefined), now, skewSeconds: ctx.config.skew.huawei });
  if (!r.ok) return new HwError(r.status, r.code, r.message);
  const headerProject = headerValue(req, "x-project-id");
  if (headerProject !== undefined && headerProject !== projectId) {
    return new HwError(403, "APIGW.0302", "The IAM user is not authorized to access the API: X-Project-Id does not match the project in the URL.");
  }
  if (!accountProjects(ctx).includes(projectId)) {
    return new HwError(403, "APIGW.0302", "The IAM user is not authorized to access the API: the project does not belong to this account.");
  }
  return undefined;
}

/** Shared gateway for the project-scoped Huawei services (TaurusDB, DDS). */
export function createHuaweiHandler(service: "taurus" | "dds", routes: HwRoute[], ctx: EmuContext): ServiceHandler {
  function classify(req: EmuRequest): Classification {
    const m = match(routes, req);
    return { action: m?.route.action ?? "Unknown", target: m?.path };
  }

  function handle(req: EmuRequest): EmuResponse {
    return localized(answer(req), requestLanguage(req, "x-language"));
  }

  function answer(req: EmuRequest): EmuResponse {
    const requestId = hwRequestId();
    const m = match(routes, req);
    if (!m) return hwError(404, "APIGW.0101", "The API does not exist or has not been published in the environment", requestId);
    const projectId = m.path.project ?? "";
    try {
      const authErr = authenticate(ctx, req, projectId);
      if (authErr) throw authErr;
      if (!PROJECT_RE.test(projectId)) throw paramError("project_id must be 32 letters or digits");
      const limit = ctx.config.rateLimits.huawei;
      if (!ctx.limiter.tryAcquire(`${service}:${projectId}`, limit, ctx.now())) {
        throw new HwError(429, "APIGW.0308", `The throttling threshold has been reached: policy user over ratelimit,limit:${limit},time:1 second`);
      }
      let query: Map<string, string>;
      try {
        query = new Map(parsePairs(req.rawQuery));
      } catch {
        throw paramError("malformed query string");
      }
      const call: HwCall = { ctx, req, projectId, path: m.path, query, json: () => parseJson(req) };
      const body = m.route.run(call);
      return { status: 200, outcome: "OK", headers: { "X-Request-Id": requestId }, body };
    } catch (e) {
      if (e instanceof HwError) return hwError(e.status, e.code, e.message, requestId);
      throw e;
    }
  }

  function faultReply(kind: "error" | "throttle", opts: { code?: string; message?: string; status?: number }, req: EmuRequest): EmuResponse {
    const reply = defaultFault(kind, opts);
    // A message the fault spells out is answered as given; the defaults follow the caller's language.
    return opts.message === undefined ? localized(reply, requestLanguage(req, "x-language")) : reply;
  }

  function defaultFault(kind: "error" | "throttle", opts: { code?: string; message?: string; status?: number }): EmuResponse {
    if (kind === "throttle") {
      return hwError(opts.status ?? 429, opts.code ?? "APIGW.0308", opts.message ?? "The throttling threshold has been reached");
    }
    return hwError(opts.status ?? 500, opts.code ?? "DBS.05000000", opts.message ?? "Server error.");
  }

  return { service, classify, handle, faultReply };
}

function parseJson(req: EmuRequest): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(req.body.toString("utf8") || "null");
  } catch {
    throw paramError("the request body is not valid JSON");
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw paramError("the request body must be a JSON object");
  return v as Record<string, unknown>;
}

/** offset/limit as the RDS-family APIs define them. */
export function pageParams(query: Map<string, string>, defaultLimit: number): { offset: number; limit: number } {
  const read = (name: string, dflt: number) => {
    const raw = query.get(name);
    if (raw === undefined || raw === "") return dflt;
    if (!/^\d{1,9}$/.test(raw)) throw paramError(`${name} must be a non-negative integer`);
    return Number(raw);
  };
  const offset = read("offset", 0);
  const limit = read("limit", defaultLimit);
  if (limit < 1 || limit > 100) throw paramError("limit must be between 1 and 100");
  return { offset, limit };
}

/** id/name filters: exact match, or a leading "*" for a fuzzy match on the rest ("*" alone is refused). */
export function nameFilter(query: Map<string, string>, name: string): ((v: string) => boolean) | undefined {
  const raw = query.get(name);
  if (raw === undefined || raw === "") return undefined;
  if (raw === "*") throw paramError(`${name} must not be "*" alone`);
  if (raw.startsWith("*")) {
    const needle = raw.slice(1);
    return (v) => v.includes(needle);
  }
  return (v) => v === raw;
}
