import type { EmuContext } from "../context";
import { headerValue, type Classification, type EmuRequest, type EmuResponse, type ServiceHandler } from "../types";
import { isPlainObject } from "../util";
import { inLanguage, requestLanguage, type EmuLanguage } from "../language";
import { tencentError, TencentError, tencentOk } from "./errors";
import { createAccount, deleteAccount, describeAccounts, resetAccountPassword } from "./mariadb-accounts";
import { describeDbInstances } from "./mariadb-instances";
import { TENCENT_ZH } from "./messages-zh";
import { verifyTc3 } from "./verify";

const VERSION = "2017-03-12";
type Action = (ctx: EmuContext, region: string, body: Record<string, unknown>) => Record<string, unknown>;
const ACCOUNT_ACTIONS: Record<string, Action> = {
  DescribeAccounts: describeAccounts,
  CreateAccount: createAccount,
  DeleteAccount: deleteAccount,
  ResetAccountPassword: resetAccountPassword,
};
const ACTIONS: Record<string, Action> = { ...ACCOUNT_ACTIONS, DescribeDBInstances: describeDbInstances };
const REGIONS = new Set([
  "ap-guangzhou", "ap-shanghai", "ap-nanjing", "ap-beijing", "ap-chengdu", "ap-chongqing", "ap-hongkong",
  "ap-singapore", "ap-tokyo", "ap-seoul", "ap-bangkok", "ap-jakarta", "na-siliconvalley", "na-ashburn", "eu-frankfurt",
]);

/** An error envelope's Message in the caller's X-TC-Language (Chinese for the codes the emulator knows). */
function localized(res: EmuResponse, language: EmuLanguage): EmuResponse {
  const error = (res.body as { Response?: { Error?: { Code: string; Message: string } } }).Response?.Error;
  if (error) error.Message = inLanguage(TENCENT_ZH, language, error.Code, error.Message);
  return res;
}

function parseBody(req: EmuRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString("utf8"));
  } catch {
    throw new TencentError("InvalidParameter", "The request body is not valid JSON.");
  }
  if (!isPlainObject(parsed)) throw new TencentError("InvalidParameter", "The request body must be a JSON object.");
  return parsed;
}

export function createMariadbHandler(ctx: EmuContext): ServiceHandler {
  const t = ctx.fixtures.tencent;
  const secretFor = (id: string) => (id === t.secretId ? t.secretKey : undefined);

  function classify(req: EmuRequest): Classification {
    const action = headerValue(req, "x-tc-action") ?? "Unknown";
    const target: Record<string, string> = {};
    try {
      const body = JSON.parse(req.body.toString("utf8")) as Record<string, unknown>;
      for (const k of ["InstanceId", "UserName", "Host"]) if (typeof body[k] === "string") target[k] = body[k];
    } catch {
      // classification is best effort; the handler reports the real error
    }
    return { action, target };
  }

  function handle(req: EmuRequest): EmuResponse {
    return localized(answer(req), requestLanguage(req, "x-tc-language"));
  }

  function answer(req: EmuRequest): EmuResponse {
    if (req.method !== "POST") return tencentError("UnsupportedProtocol", "The emulator accepts POST requests with a JSON body only.");
    const auth = verifyTc3(req, { service: "mariadb", secretFor, now: ctx.now(), skewSeconds: ctx.config.skew.tencent });
    if (!auth.ok) return tencentError(auth.code, auth.message);
    const version = headerValue(req, "x-tc-version");
    if (!version) return tencentError("MissingParameter", "The request is missing a required parameter `Version`.");
    if (version !== VERSION) return tencentError("NoSuchVersion", `The API version \`${version}\` does not exist.`);
    const action = headerValue(req, "x-tc-action") ?? "";
    const impl = ACTIONS[action];
    if (!impl) return tencentError("InvalidAction", `The requested action \`${action}\` does not exist.`);
    const region = headerValue(req, "x-tc-region");
    if (!region) return tencentError("MissingParameter", "The request is missing a required parameter `Region`.");
    if (!REGIONS.has(region)) return tencentError("UnsupportedRegion", `The region \`${region}\` is not supported.`);
    const limit = ACCOUNT_ACTIONS[action] ? ctx.config.rateLimits.mariadbAccount : ctx.config.rateLimits.mariadbDescribeInstances;
    if (!ctx.limiter.tryAcquire(`mariadb:${auth.secretId}:${action}`, limit, ctx.now())) {
      return tencentError("RequestLimitExceeded", `Your current request times equals to \`${limit}\` in a second, which exceeds the frequency limit \`${limit}\` for a second. Please reduce the frequency of calls.`);
    }
    const ct = (headerValue(req, "content-type") ?? "").toLowerCase();
    if (!ct.startsWith("application/json")) return tencentError("InvalidParameter", "Content-Type must be application/json.");
    try {
      return tencentOk(impl(ctx, region, parseBody(req)));
    } catch (e) {
      if (e instanceof TencentError) return tencentError(e.code, e.message);
      throw e;
    }
  }

  function faultReply(kind: "error" | "throttle", opts: { code?: string; message?: string; status?: number }, req: EmuRequest): EmuResponse {
    const reply = defaultFault(kind, opts);
    // A message the fault spells out is answered as given; the defaults follow the caller's language.
    return opts.message === undefined ? localized(reply, requestLanguage(req, "x-tc-language")) : reply;
  }

  function defaultFault(kind: "error" | "throttle", opts: { code?: string; message?: string; status?: number }): EmuResponse {
    if (kind === "throttle") {
      return tencentError(opts.code ?? "RequestLimitExceeded", opts.message ?? "The request frequency exceeds the limit.", opts.status ?? 200);
    }
    return tencentError(opts.code ?? "InternalError", opts.message ?? "An internal error occurred.", opts.status ?? 200);
  }

  return { service: "mariadb", classify, handle, faultReply };
}
