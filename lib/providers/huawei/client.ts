import type { z } from "zod";
import { defaultIamEndpoint, normaliseBaseUrl } from "@/lib/providers/endpoints";
import { isProviderError } from "@/lib/providers/errors";
import { createHttpBase, type CallResult, type HttpMethod, type OutgoingRequest } from "@/lib/providers/http";
import { readHuaweiError, readHuaweiRequestId } from "@/lib/providers/huawei/errors";
import { getIamToken, invalidateIamToken, type IamTokenRequest } from "@/lib/providers/huawei/iam";
import { assertId, PROJECT_ID } from "@/lib/providers/huawei/ids";
import { formatSdkDate, signHuaweiRequest } from "@/lib/providers/huawei/signer";
import { pacedBeforeSend } from "@/lib/providers/pacer";
import { resolvePolicy } from "@/lib/providers/resilience";
import { connectionSecrets, credentialId, type ClientOptions, type HuaweiConnection, type ProviderLocale, type RetryPolicy } from "@/lib/providers/types";

/** Huawei's X-Language values (docs/providers.md 2.2): en-us is the default. */
export function huaweiLanguage(locale: ProviderLocale): "zh-cn" | "en-us" {
  return locale === "zh-CN" ? "zh-cn" : "en-us";
}

export interface HuaweiCall {
  action: string;
  method: HttpMethod;
  /** Path after the project segment, e.g. "/instances"; the version prefix comes from `version`. */
  path: string;
  /** "v3" for most APIs, "v3.1" for the unified TaurusDB instance list. */
  version?: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** The API documents no response body; an empty 2xx answer is a success. */
  emptyBodyOk?: boolean;
}

export interface HuaweiGlobalTransport {
  readonly policy: RetryPolicy;
  call<S extends z.ZodType>(
    spec: HuaweiCall,
    schema: S,
    extra?: { secrets?: string[]; signal?: AbortSignal; attempt?: number },
  ): Promise<CallResult<z.output<S>>>;
  /** For IAM credentials: fetches (or reuses) the token; a no-op for AK/SK. */
  authenticate(): Promise<void>;
}

export interface HuaweiTransport extends HuaweiGlobalTransport {
  readonly projectId: string;
}

export function iamRequestFor(conn: HuaweiConnection): IamTokenRequest | undefined {
  if (conn.credentials.kind !== "iam") return undefined;
  return {
    iamEndpoint: conn.endpoints?.iam ?? defaultIamEndpoint(conn.region),
    credentials: conn.credentials,
    project: { id: conn.projectId },
  };
}

interface Scope {
  /** In every path and, with AK/SK, in X-Project-Id; absent for global services (IAM itself). */
  projectId?: string;
  /** The token request for IAM credentials; undefined for AK/SK. */
  iam?: IamTokenRequest;
}

/**
 * Transport for Huawei REST services, project-scoped or global. AK/SK requests are signed with
 * SDK-HMAC-SHA256 (every header sent is signed, X-Project-Id and X-Language included); IAM
 * credentials send a cached X-Auth-Token, and a token the gateway rejects (401) is dropped and
 * fetched again once.
 */
function createScopedTransport(
  conn: HuaweiConnection,
  service: string,
  baseUrl: string,
  options: ClientOptions,
  scope: Scope,
): HuaweiGlobalTransport {
  const { projectId, iam } = scope;
  const now = options.now ?? (() => new Date());
  const iamOptions = {
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    logger: options.logger,
    retry: options.retry,
    rateLimits: options.rateLimits,
    pacer: options.pacer,
    priority: options.priority,
    endpointPolicy: conn.endpointPolicy,
  };
  const credKey = credentialId(conn);

  // Set before signing, so it is signed like every other header sent (as the official SDK does).
  const language: Record<string, string> = options.locale ? { "X-Language": huaweiLanguage(options.locale) } : {};

  const sign = async (req: OutgoingRequest): Promise<OutgoingRequest> => {
    const base = { ...req.headers, "Content-Type": "application/json", ...language };
    if (iam) {
      const { token } = await getIamToken(iam, iamOptions);
      return { ...req, headers: { ...base, "X-Auth-Token": token } };
    }
    const creds = conn.credentials.kind === "aksk" ? conn.credentials : undefined;
    if (!creds) throw new Error("unreachable: AK/SK credentials expected");
    const headers: Record<string, string> = { ...base, "X-Sdk-Date": formatSdkDate(now()) };
    if (projectId) headers["X-Project-Id"] = projectId;
    if (creds.securityToken) headers["X-Security-Token"] = creds.securityToken;
    const signed = signHuaweiRequest({ method: req.method, url: req.url, headers, body: req.body ?? "", ak: creds.ak, sk: creds.sk });
    return { ...req, headers: { ...signed.headers, Authorization: signed.authorization } };
  };

  const send = createHttpBase({
    vendor: "huawei",
    service,
    baseUrl: normaliseBaseUrl(baseUrl),
    sign,
    readError: readHuaweiError,
    readRequestId: readHuaweiRequestId,
    beforeSend: pacedBeforeSend("huawei", credKey, options, (action) => `${service}:${action}`),
    timeoutMs: options.timeoutMs,
    fetch: options.fetch,
    logger: options.logger,
    secrets: connectionSecrets(conn),
    endpointPolicy: conn.endpointPolicy,
  });

  return {
    policy: resolvePolicy(options.retry),
    async authenticate() {
      if (iam) await getIamToken(iam, iamOptions);
    },
    async call(spec, schema, extra) {
      const query = Object.entries(spec.query ?? {})
        .filter((e): e is [string, string | number] => e[1] !== undefined)
        .map(([k, v]) => [k, String(v)] as [string, string]);
      const request = {
        action: spec.action,
        method: spec.method,
        path: `/${spec.version ?? "v3"}${projectId ? `/${projectId}` : ""}${spec.path}`,
        query,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        schema,
        secrets: extra?.secrets,
        signal: extra?.signal,
        emptyBodyOk: spec.emptyBodyOk,
      };
      try {
        return await send(request, extra?.attempt);
      } catch (error) {
        if (!iam || !isProviderError(error) || error.httpStatus !== 401) throw error;
        invalidateIamToken(iam);
        return send(request, extra?.attempt);
      }
    },
  };
}

/** For project-scoped services (TaurusDB, DDS): the connection's project is in every path. */
export function createHuaweiTransport(
  conn: HuaweiConnection,
  service: string,
  baseUrl: string,
  options: ClientOptions = {},
): HuaweiTransport {
  const projectId = assertId(service, "connect", "projectId", conn.projectId, PROJECT_ID);
  return { ...createScopedTransport(conn, service, baseUrl, options, { projectId, iam: iamRequestFor(conn) }), projectId };
}

/**
 * For global services (IAM's own APIs) at `baseUrl`: no project in the path and no X-Project-Id.
 * IAM users send a domain-scoped token fetched from that same IAM endpoint.
 */
export function createHuaweiGlobalTransport(
  conn: HuaweiConnection,
  service: string,
  baseUrl: string,
  options: ClientOptions = {},
): HuaweiGlobalTransport {
  const iam: IamTokenRequest | undefined =
    conn.credentials.kind === "iam" ? { iamEndpoint: baseUrl, credentials: conn.credentials, domain: true } : undefined;
  return createScopedTransport(conn, service, baseUrl, options, { iam });
}
