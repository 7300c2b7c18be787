import type { EmuContext } from "../context";
import { parsePairs } from "../percent-encode";
import { headerValue, type Classification, type EmuRequest, type EmuResponse, type ServiceHandler } from "../types";
import { verifyAlibaba } from "./verify";
import { accessActions } from "./dms-access";
import { directoryActions } from "./dms-directory";
import { businessResponse, DmsBusinessError, DmsGatewayError, gatewayResponse, successResponse } from "./errors";
import type { DmsCall } from "./params";

const VERSION = "2018-11-01";
const ACTIONS: Record<string, (call: DmsCall) => Record<string, unknown>> = { ...directoryActions, ...accessActions };
/** Identifiers worth recording in the call log; never IndepPassword or secrets. */
const LOGGED_PARAMS = ["ProxyId", "UserId", "ProxyAccessId", "Tid", "Uid"];

function hostId(req: EmuRequest): string {
  return (headerValue(req, "host") ?? "dms-enterprise.aliyuncs.com").replace(/:\d+$/, "");
}

function looseParams(req: EmuRequest): Map<string, string> {
  try {
    const ct = (headerValue(req, "content-type") ?? "").toLowerCase();
    const form = ct.startsWith("application/x-www-form-urlencoded") ? parsePairs(req.body.toString("utf8")) : [];
    return new Map([...parsePairs(req.rawQuery), ...form]);
  } catch {
    return new Map();
  }
}

export function createDmsHandler(ctx: EmuContext): ServiceHandler {
  const { fixtures } = ctx;
  const secretFor = (ak: string) => (ak === fixtures.alibaba.accessKeyId ? fixtures.alibaba.accessKeySecret : undefined);

  function classify(req: EmuRequest): Classification {
    const params = looseParams(req);
    const action = headerValue(req, "x-acs-action") ?? params.get("Action") ?? "Unknown";
    const target: Record<string, string> = {};
    for (const k of LOGGED_PARAMS) {
      const v = params.get(k);
      if (v) target[k] = v;
    }
    return { action, target };
  }

  function handle(req: EmuRequest): EmuResponse {
    const host = hostId(req);
    const auth = verifyAlibaba(req, {
      secretFor,
      nonces: ctx.nonces,
      now: ctx.now(),
      skewSeconds: ctx.config.skew.alibaba,
    });
    if (!auth.ok) return gatewayResponse(auth.status, auth.code, auth.message, host);
    if (auth.version !== VERSION) {
      return gatewayResponse(400, "InvalidVersion", `Specified parameter Version is not valid (expected ${VERSION}).`, host);
    }
    const impl = ACTIONS[auth.action];
    if (!impl) return gatewayResponse(404, "InvalidApi.NotFound", "Specified api is not found, please check your url and method.", host);
    if (!ctx.limiter.tryAcquire(`dms:${auth.accessKeyId}`, ctx.config.rateLimits.dms, ctx.now())) {
      return gatewayResponse(400, "Throttling.User", "Request was denied due to user flow control.", host);
    }
    const call: DmsCall = { ctx, params: auth.params, accessKeyId: auth.accessKeyId, callerUid: fixtures.alibaba.accountUid };
    try {
      return successResponse(impl(call));
    } catch (e) {
      if (e instanceof DmsBusinessError) return businessResponse(e.code, e.message);
      if (e instanceof DmsGatewayError) return gatewayResponse(e.status, e.code, e.message, host);
      throw e;
    }
  }

  function faultReply(kind: "error" | "throttle", opts: { code?: string; message?: string; status?: number }, req: EmuRequest): EmuResponse {
    if (kind === "throttle") {
      return gatewayResponse(opts.status ?? 400, opts.code ?? "Throttling.User", opts.message ?? "Request was denied due to user flow control.", hostId(req));
    }
    const status = opts.status ?? 500;
    if (status === 200) return businessResponse(opts.code ?? "UnknownError", opts.message ?? "Injected business error.");
    const code = opts.code ?? (status === 503 ? "ServiceUnavailable" : "InternalError");
    return gatewayResponse(status, code, opts.message ?? "The request processing has failed due to some unknown error.", hostId(req));
  }

  return { service: "dms", classify, handle, faultReply };
}
