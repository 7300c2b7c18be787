import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { buildAcs3Headers, buildSignedRpcV1Payload, encodeAcs3Query, signAcs3 } from "@/lib/providers/alibaba/signer";
import { defaultDmsEndpoint, normaliseBaseUrl } from "@/lib/providers/endpoints";
import { createHttpBase, type CallResult, type ListCallResult, type ListSpec, type OutgoingRequest, type RawResponse, type VendorErrorInfo } from "@/lib/providers/http";
import { pacedBeforeSend } from "@/lib/providers/pacer";
import { resolvePolicy } from "@/lib/providers/resilience";
import { connectionSecrets, type AlibabaConnection, type ClientOptions, type RetryPolicy } from "@/lib/providers/types";

export const DMS_VERSION = "2018-11-01";
export const DMS_SERVICE = "dms-enterprise";
const FORM = "application/x-www-form-urlencoded";

type Params = Record<string, string | undefined>;

export interface DmsTransport {
  readonly policy: RetryPolicy;
  /** One attempt of an RPC action; parameters are sent as strings (64-bit ids as decimals). */
  call<S extends z.ZodType>(
    action: string,
    params: Params,
    schema: S,
    extra?: { secrets?: string[]; signal?: AbortSignal; attempt?: number },
  ): Promise<CallResult<z.output<S>>>;
  /** The same for a list answer read element by element (see ListSpec in http.ts). */
  callList<S extends z.ZodType, I extends z.ZodType, R>(
    action: string,
    params: Params,
    schema: S,
    list: ListSpec<I, R>,
    extra?: { signal?: AbortSignal; attempt?: number },
  ): Promise<ListCallResult<z.output<S>, R>>;
}

function asRecord(json: unknown): Record<string, unknown> | undefined {
  return json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

/** Gateway errors are 4xx/5xx with Code; business errors are HTTP 200 with Success:false. */
export function readDmsError(res: RawResponse): VendorErrorInfo | undefined {
  const body = asRecord(res.json);
  if (!body) return undefined;
  const requestId = str(body.RequestId);
  if (res.status >= 400 && str(body.Code)) {
    return { code: str(body.Code) as string, message: str(body.Message), requestId };
  }
  if (body.Success === false) {
    return { code: str(body.ErrorCode) || "UnknownError", message: str(body.ErrorMessage), requestId };
  }
  return undefined;
}

function definedParams(params: Params): [string, string][] {
  return Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined);
}

/** The signed transport for DMS: ACS3 by default, v1 on request; either way the parameters go in a form body. */
export function createDmsTransport(conn: AlibabaConnection, options: ClientOptions = {}): DmsTransport {
  const baseUrl = normaliseBaseUrl(conn.endpoint ?? defaultDmsEndpoint());
  const now = options.now ?? (() => new Date());
  const { accessKeyId, accessKeySecret, securityToken } = conn.credentials;

  // The action's parameters travel as a signed form body, never in the URL: egress proxies and
  // access logs record URLs, and CreateProxyAccess carries IndepPassword. DMS accepts either
  // placement (docs/providers.md, 1.2); the body's hash is part of the ACS3 signature.
  const signAcs3Request = (req: OutgoingRequest): OutgoingRequest => {
    const body = encodeAcs3Query([...req.url.searchParams.entries()]);
    req.url.search = "";
    const headers = buildAcs3Headers({
      host: req.url.host,
      action: req.action,
      version: DMS_VERSION,
      date: now(),
      nonce: randomUUID(),
      securityToken,
      body,
      contentType: body ? FORM : undefined,
    });
    const { authorization } = signAcs3({ method: req.method, query: [], headers, accessKeyId, accessKeySecret });
    return { ...req, headers: { ...req.headers, ...headers, accept: "application/json", authorization }, body: body || undefined };
  };

  const signV1Request = (req: OutgoingRequest): OutgoingRequest => {
    const params = Object.fromEntries(req.url.searchParams.entries());
    const { encoded } = buildSignedRpcV1Payload(
      "POST",
      { action: req.action, version: DMS_VERSION, accessKeyId, params, timestamp: now(), nonce: randomUUID(), securityToken, regionId: conn.regionId },
      accessKeySecret,
    );
    req.url.search = "";
    return {
      ...req,
      headers: { ...req.headers, "content-type": FORM, accept: "application/json" },
      body: encoded,
    };
  };

  const send = createHttpBase({
    vendor: "alibaba",
    service: DMS_SERVICE,
    baseUrl,
    sign: conn.signature === "v1" ? signV1Request : signAcs3Request,
    readError: readDmsError,
    readRequestId: (res) => str(asRecord(res.json)?.RequestId),
    beforeSend: pacedBeforeSend("alibaba", accessKeyId, options),
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
        { action, method: "POST", path: "/", query: definedParams(params), schema, secrets: extra?.secrets, signal: extra?.signal },
        extra?.attempt,
      ),
    callList: (action, params, schema, list, extra) =>
      send.list({ action, method: "POST", path: "/", query: definedParams(params), schema, signal: extra?.signal }, list, extra?.attempt),
  };
}
