import { z } from "zod";
import type { EndpointPolicy } from "@/lib/providers/endpoint-policy";
import { normaliseBaseUrl } from "@/lib/providers/endpoints";
import { ProviderError } from "@/lib/providers/errors";
import { createHttpBase } from "@/lib/providers/http";
import { readHuaweiError, readHuaweiRequestId } from "@/lib/providers/huawei/errors";
import { pacedBeforeSend } from "@/lib/providers/pacer";
import { withRetry } from "@/lib/providers/resilience";
import type { ClientOptions, HuaweiIamCredentials } from "@/lib/providers/types";

export const IAM_ACTION = "KeystoneCreateUserTokenByPassword";

interface IamTokenRequestBase {
  /** Base URL of IAM, e.g. https://iam.cn-north-4.myhuaweicloud.com. */
  iamEndpoint: string;
  credentials: HuaweiIamCredentials;
}

export type IamTokenRequest = IamTokenRequestBase &
  (
    | {
        /** Project scope by id (preferred) or by name (the region name, e.g. "cn-north-4"). */
        project: { id: string } | { name: string };
      }
    | {
        /** Domain scope (the user's own account): what global services such as IAM itself take. */
        domain: true;
      }
  );

/** The Keystone `scope` of the request body. */
function scopeOf(req: IamTokenRequest) {
  return "project" in req ? { project: req.project } : { domain: { name: req.credentials.domainName } };
}

export interface IamToken {
  token: string;
  expiresAt: Date;
  projectId?: string;
}

export interface IamOptions extends Pick<ClientOptions, "fetch" | "timeoutMs" | "logger" | "retry" | "rateLimits" | "pacer" | "priority"> {
  /** Clock for cache decisions (tests). */
  now?: () => Date;
  /** Refresh this long before expires_at (default 5 minutes). */
  refreshBeforeMs?: number;
  /** The connection's policy: the password is only sent to an allowed IAM host. */
  endpointPolicy?: EndpointPolicy;
}

interface CacheEntry {
  token?: IamToken;
  inflight?: Promise<IamToken>;
}

const cache = new Map<string, CacheEntry>();

function cacheKey(req: IamTokenRequest): string {
  const scope = !("project" in req) ? "domain" : "id" in req.project ? `id:${req.project.id}` : `name:${req.project.name}`;
  const { domainName, userName } = req.credentials;
  return [normaliseBaseUrl(req.iamEndpoint), domainName, userName, scope].join("|");
}

const tokenBody = z.object({
  token: z.object({
    expires_at: z.string().refine((v) => !Number.isNaN(Date.parse(v)), "expected an ISO timestamp"),
    project: z.object({ id: z.string() }).nullish(),
  }),
});

/** One POST /v3/auth/tokens with the password method; the token is in X-Subject-Token. */
export async function fetchIamToken(req: IamTokenRequest, options: IamOptions = {}): Promise<IamToken> {
  const { domainName, userName, password } = req.credentials;
  const send = createHttpBase({
    vendor: "huawei",
    service: "iam",
    baseUrl: normaliseBaseUrl(req.iamEndpoint),
    sign: (r) => r,
    readError: readHuaweiError,
    readRequestId: readHuaweiRequestId,
    beforeSend: pacedBeforeSend("huawei", `${domainName}/${userName}`, options),
    timeoutMs: options.timeoutMs,
    fetch: options.fetch,
    logger: options.logger,
    secrets: [password],
    endpointPolicy: options.endpointPolicy,
  });
  const body = JSON.stringify({
    auth: {
      identity: { methods: ["password"], password: { user: { domain: { name: domainName }, name: userName, password } } },
      scope: scopeOf(req),
    },
  });
  const res = await withRetry(
    (attempt) =>
      send(
        {
          action: IAM_ACTION,
          method: "POST",
          path: "/v3/auth/tokens",
          query: [["nocatalog", "true"]],
          headers: { "Content-Type": "application/json;charset=utf8" },
          body,
          schema: tokenBody,
        },
        attempt,
      ),
    { policy: options.retry },
  );
  const token = res.headers.get("x-subject-token");
  if (!token) {
    throw new ProviderError({
      vendor: "huawei",
      service: "iam",
      action: IAM_ACTION,
      kind: "invalid-response",
      code: "InvalidResponse",
      httpStatus: res.status,
      vendorMessage: "IAM answered without an X-Subject-Token header",
      requestId: res.requestId,
    });
  }
  return { token, expiresAt: new Date(res.data.token.expires_at), projectId: res.data.token.project?.id ?? undefined };
}

/**
 * Cached IAM token: reused until shortly before expires_at, and concurrent callers for the same
 * (IAM endpoint, domain, user, project) share a single in-flight request. Failures are not cached.
 */
export async function getIamToken(req: IamTokenRequest, options: IamOptions = {}): Promise<IamToken> {
  const key = cacheKey(req);
  const now = (options.now ?? (() => new Date()))().getTime();
  const refreshBefore = options.refreshBeforeMs ?? 5 * 60_000;
  const entry = cache.get(key) ?? {};
  cache.set(key, entry);
  if (entry.token && entry.token.expiresAt.getTime() - refreshBefore > now) return entry.token;
  if (entry.inflight) return entry.inflight;
  const inflight = fetchIamToken(req, options)
    .then((token) => {
      entry.token = token;
      return token;
    })
    .finally(() => {
      entry.inflight = undefined;
    });
  entry.inflight = inflight;
  return inflight;
}

/** Drops a cached token, e.g. after the gateway rejected it (user disabled, password changed). */
export function invalidateIamToken(req: IamTokenRequest, rejectedToken?: string): void {
  const entry = cache.get(cacheKey(req));
  if (entry && (!rejectedToken || entry.token?.token === rejectedToken)) entry.token = undefined;
}

/** Test helper. */
export function clearIamTokenCache(): void {
  cache.clear();
}
