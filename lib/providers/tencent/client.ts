import type { z } from "zod";
import { defaultMariadbEndpoint, normaliseBaseUrl } from "@/lib/providers/endpoints";
import { createHttpBase, type CallResult, type OutgoingRequest, type RawResponse, type VendorErrorInfo } from "@/lib/providers/http";
import { pacedBeforeSend } from "@/lib/providers/pacer";
import { resolvePolicy } from "@/lib/providers/resilience";
import { signTc3 } from "@/lib/providers/tencent/signer";
import { connectionSecrets, type ClientOptions, type ProviderLocale, type RetryPolicy, type TencentConnection } from "@/lib/providers/types";

const CONTENT_TYPE = "application/json";

/** Tencent's X-TC-Language values (docs/providers.md 3.1). */
export function tencentLanguage(locale: ProviderLocale): "zh-CN" | "en-US" {
  return locale === "zh-CN" ? "zh-CN" : "en-US";
}

export interface TencentTransport {
  readonly policy: RetryPolicy;
  /** One attempt of an API 3.0 action; `params` is sent as the JSON body. */
  call<S extends z.ZodType>(
    action: string,
    params: Record<string, unknown>,
    schema: S,
    extra?: { secrets?: string[]; signal?: AbortSignal; attempt?: number },
  ): Promise<CallResult<z.output<S>>>;
}

function responseOf(json: unknown): Record<string, unknown> | undefined {
  const response = json && typeof json === "object" ? (json as { Response?: unknown }).Response : undefined;
  return response && typeof response === "object" ? (response as Record<string, unknown>) : undefined;
}

/** Errors arrive as HTTP 200 with Response.Error{Code,Message}. */
export function readTencentError(res: RawResponse): VendorErrorInfo | undefined {
  const response = responseOf(res.json);
  const error = response?.Error as { Code?: unknown; Message?: unknown } | undefined;
  if (!error || typeof error.Code !== "string") return undefined;
  return {
    code: error.Code,
    message: typeof error.Message === "string" ? error.Message : undefined,
    requestId: typeof response?.RequestId === "string" ? response.RequestId : undefined,
  };
}

export interface TencentTransportConfig {
  /** Credential-scope service name, e.g. "mariadb"; never derived from the endpoint host. */
  service: string;
  version: string;
  defaultEndpoint: string;
}

/** TC3-signed POST transport for Tencent Cloud API 3.0 products. */
export function createTencentTransport(
  conn: TencentConnection,
  config: TencentTransportConfig,
  options: ClientOptions = {},
): TencentTransport {
  const now = options.now ?? (() => new Date());
  const { secretId, secretKey, token } = conn.credentials;
  const language = options.locale ? tencentLanguage(options.locale) : conn.language;

  const sign = (req: OutgoingRequest): OutgoingRequest => {
    const timestampSeconds = Math.floor(now().getTime() / 1000);
    const body = req.body ?? "";
    const { authorization } = signTc3({
      host: req.url.host,
      contentType: CONTENT_TYPE,
      body,
      timestampSeconds,
      service: config.service,
      secretId,
      secretKey,
    });
    const headers: Record<string, string> = {
      ...req.headers,
      "Content-Type": CONTENT_TYPE,
      "X-TC-Action": req.action,
      "X-TC-Version": config.version,
      "X-TC-Timestamp": String(timestampSeconds),
      "X-TC-Region": conn.region,
      Authorization: authorization,
    };
    if (token) headers["X-TC-Token"] = token;
    // Not signed: TC3 signs content-type and host only, and the official SDK adds unsigned headers too.
    if (language) headers["X-TC-Language"] = language;
    return { ...req, headers };
  };

  const send = createHttpBase({
    vendor: "tencent",
    service: config.service,
    baseUrl: normaliseBaseUrl(conn.endpoint ?? config.defaultEndpoint),
    sign,
    readError: readTencentError,
    readRequestId: (res) => {
      const id = responseOf(res.json)?.RequestId;
      return typeof id === "string" ? id : undefined;
    },
    unwrap: responseOf,
    beforeSend: pacedBeforeSend("tencent", secretId, options),
    timeoutMs: options.timeoutMs,
    fetch: options.fetch,
    logger: options.logger,
    secrets: connectionSecrets(conn),
    endpointPolicy: conn.endpointPolicy,
  });

  return {
    policy: resolvePolicy(options.retry),
    call: (action, params, schema, extra) =>
      send(
        { action, method: "POST", path: "/", body: JSON.stringify(params), schema, secrets: extra?.secrets, signal: extra?.signal },
        extra?.attempt,
      ),
  };
}

export const MARIADB_TRANSPORT: TencentTransportConfig = {
  service: "mariadb",
  version: "2017-03-12",
  defaultEndpoint: defaultMariadbEndpoint(),
};
