import type { EmuContext } from "../context";
import { headerValue, type Classification, type EmuRequest, type EmuResponse, type ServiceHandler } from "../types";
import { isPlainObject } from "../util";
import { inLanguage, requestLanguage, type EmuLanguage } from "../language";
import { tencentError, TencentError, tencentOk } from "./errors";
import { formParams, MAX_GET_QUERY_BYTES } from "./form-params";
import { InstanceKeys } from "./instance-keys";
import type { MariaCall } from "./maria-call";
import { createAccount, deleteAccount, describeAccounts, getPublicKey, resetAccountPassword } from "./mariadb-accounts";
import { describeDbInstances } from "./mariadb-instances";
import { TENCENT_ZH } from "./messages-zh";
import { verifyTc3 } from "./verify";

const VERSION = "2017-03-12";
type Action = (call: MariaCall) => Record<string, unknown> | Promise<Record<string, unknown>>;
const ACCOUNT_ACTIONS: Record<string, Action> = {
  DescribeAccounts: describeAccounts,
  CreateAccount: createAccount,
  DeleteAccount: deleteAccount,
  ResetAccountPassword: resetAccountPassword,
  GetPublicKey: getPublicKey,
};
const ACTIONS: Record<string, Action> = { ...ACCOUNT_ACTIONS, DescribeDBInstances: describeDbInstances };
/** Seed 003: "Region ... is not required for this API"; every other action needs X-TC-Region. */
const REGION_OPTIONAL = new Set(["CreateAccount"]);
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
  const keys = new InstanceKeys();

  function classify(req: EmuRequest): Classification {
    const action = headerValue(req, "x-tc-action") ?? "Unknown";
    const target: Record<string, string> = {};
    try {
      const params = req.method === "GET" ? formParams(req.rawQuery) : (JSON.parse(req.body.toString("utf8")) as Record<string, unknown>);
      for (const k of ["InstanceId", "UserName", "Host"]) if (typeof params[k] === "string") target[k] = params[k];
    } catch {
      // classification is best effort; the handler reports the real error
    }
    return { action, target };
  }

  async function handle(req: EmuRequest): Promise<EmuResponse> {
    return localized(await answer(req), requestLanguage(req, "x-tc-language"));
  }

  /** GET takes form-encoded parameters in a query of at most 32 KB; POST a JSON body (providers.md 3.1). */
  function transportRefusal(req: EmuRequest): EmuResponse | undefined {
    if (req.method !== "POST" && req.method !== "GET") {
      return tencentError("UnsupportedProtocol", "The API accepts POST with a JSON body, or GET with a form-encoded query.");
    }
    const queryBytes = Buffer.byteLength(req.rawQuery);
    if (req.method === "GET" && queryBytes > MAX_GET_QUERY_BYTES) {
      return tencentError("RequestSizeLimitExceeded", `The request size exceeds the limit: a GET query may hold at most ${MAX_GET_QUERY_BYTES} bytes, this one holds ${queryBytes}. Send large requests as POST.`);
    }
    return undefined;
  }

  function contentTypeRefusal(req: EmuRequest): EmuResponse | undefined {
    const ct = (headerValue(req, "content-type") ?? "").toLowerCase();
    if (req.method === "GET" && !ct.startsWith("application/x-www-form-urlencoded")) {
      return tencentError("InvalidParameter", "Content-Type must be application/x-www-form-urlencoded for a GET request.");
    }
    if (req.method === "POST" && !ct.startsWith("application/json")) return tencentError("InvalidParameter", "Content-Type must be application/json.");
    return undefined;
  }

  async function answer(req: EmuRequest): Promise<EmuResponse> {
    const refused = transportRefusal(req);
    if (refused) return refused;
    const auth = verifyTc3(req, { service: "mariadb", secretFor, now: ctx.now(), skewSeconds: ctx.config.skew.tencent });
    if (!auth.ok) return tencentError(auth.code, auth.message);
    const version = headerValue(req, "x-tc-version");
    if (!version) return tencentError("MissingParameter", "The request is missing a required parameter `Version`.");
    if (version !== VERSION) return tencentError("NoSuchVersion", `The API version \`${version}\` does not exist.`);
    const action = headerValue(req, "x-tc-action") ?? "";
    const impl = ACTIONS[action];
    if (!impl) return tencentError("InvalidAction", `The requested action \`${action}\` does not exist.`);
    const region = headerValue(req, "x-tc-region");
    if (!region && !REGION_OPTIONAL.has(action)) return tencentError("MissingParameter", "The request is missing a required parameter `Region`.");
    if (region && !REGIONS.has(region)) return tencentError("UnsupportedRegion", `The region \`${region}\` is not supported.`);
    const limit = ACCOUNT_ACTIONS[action] ? ctx.config.rateLimits.mariadbAccount : ctx.config.rateLimits.mariadbDescribeInstances;
    if (!ctx.limiter.tryAcquire(`mariadb:${auth.secretId}:${action}`, limit, ctx.now())) {
      return tencentError("RequestLimitExceeded", `Your current request times equals to \`${limit}\` in a second, which exceeds the frequency limit \`${limit}\` for a second. Please reduce the frequency of calls.`);
    }
    const badType = contentTypeRefusal(req);
    if (badType) return badType;
    try {
      const params = req.method === "GET" ? formParams(req.rawQuery) : parseBody(req);
      return tencentOk(await impl({ ctx, region: region || undefined, params, keys }));
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
