import type { z } from "zod";
import { endpointRefusal, type EndpointPolicy } from "@/lib/providers/endpoint-policy";
import { ProviderError } from "@/lib/providers/errors";
import { redactText } from "@/lib/providers/redact";
import { elementText, splitListField, type ListSplit } from "@/lib/providers/json-list";
import { parseJsonSafe } from "@/lib/providers/safe-json";
import { percentEncode } from "@/lib/providers/crypto-utils";
import type { ProviderLogger, Vendor } from "@/lib/providers/types";

export const DEFAULT_TIMEOUT_MS = 15_000;

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface OutgoingRequest {
  action: string;
  method: HttpMethod;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body (64-bit safe), or undefined when the body is not JSON. */
  json: unknown;
}

export interface VendorErrorInfo {
  code: string;
  message?: string;
  requestId?: string;
}

export interface HttpBaseConfig {
  vendor: Vendor;
  service: string;
  /** Full base URL, e.g. https://dms-enterprise.aliyuncs.com or http://127.0.0.1:4601. */
  baseUrl: string;
  /** Adds authentication; must not change anything it signs afterwards. */
  sign: (request: OutgoingRequest) => OutgoingRequest | Promise<OutgoingRequest>;
  /** Reads the vendor's error envelope; undefined means the response is a success. */
  readError: (response: RawResponse) => VendorErrorInfo | undefined;
  readRequestId: (response: RawResponse) => string | undefined;
  /** Selects the part of the body the schema validates (Tencent wraps everything in Response). */
  unwrap?: (json: unknown) => unknown;
  /**
   * Called before every attempt (client-side rate limiting); the function it returns is called as
   * soon as the answer (or a failure) arrives.
   */
  beforeSend?: (action: string, signal?: AbortSignal) => Promise<(() => void) | void>;
  timeoutMs?: number;
  fetch?: typeof fetch;
  logger?: ProviderLogger;
  /** Credential secrets to scrub from anything surfaced. */
  secrets?: readonly string[];
  /** Where requests may go; checked (URL and resolved addresses) before every attempt. */
  endpointPolicy?: EndpointPolicy;
}

export interface CallSpec<S extends z.ZodType> {
  action: string;
  method: HttpMethod;
  /** Appended to the base URL's path. */
  path: string;
  query?: ReadonlyArray<readonly [string, string]>;
  headers?: Record<string, string>;
  body?: string;
  schema: S;
  /** Values sent in this request that must never surface (passwords). */
  secrets?: readonly string[];
  signal?: AbortSignal;
  /** Treat an empty 2xx body as `{}` (APIs documented only as "200 OK"). */
  emptyBodyOk?: boolean;
}

export interface CallResult<T> {
  data: T;
  status: number;
  requestId?: string;
  headers: Headers;
}

/** Receives a list's validated elements in order; one collector per attempt, so a failed attempt's elements go with it. */
export interface ListCollector<T, R> {
  add(item: T): void;
  done(): R;
}

/**
 * A list answer read element by element (see json-list.ts): the array under the top-level
 * `field` is validated one element at a time with `item` and handed to a collector, never held
 * whole. The call's schema then sees the envelope with that array empty.
 */
export interface ListSpec<I extends z.ZodType, R> {
  field: string;
  item: I;
  collect: () => ListCollector<z.output<I>, R>;
}

export interface ListCallResult<T, R> extends CallResult<T> {
  list: R;
  count: number;
}

export interface HttpBase {
  <S extends z.ZodType>(spec: CallSpec<S>, attempt?: number): Promise<CallResult<z.output<S>>>;
  list<S extends z.ZodType, I extends z.ZodType, R>(spec: CallSpec<S>, list: ListSpec<I, R>, attempt?: number): Promise<ListCallResult<z.output<S>, R>>;
}

export function buildUrl(baseUrl: string, path: string, query?: ReadonlyArray<readonly [string, string]>): URL {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${path}` || "/";
  // RFC 3986 encoding (space as %20), which every vendor's canonicalisation agrees with.
  url.search = (query ?? []).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join("&");
  return url;
}

function describeIssues(error: z.ZodError, prefix: PropertyKey[] = []): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${[...prefix, ...issue.path].map(String).join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}

/** Where a list's elements come from: the raw body (split) or, when it could not be split, the parsed one. */
type ListSource = { split: ListSplit; bytes: Uint8Array } | { parsed: unknown[] };

/** The parsed body with the list's array taken out (to be read element by element), or as it is. */
function detachList(json: unknown, field: string): { json: unknown; items?: unknown[] } {
  if (!json || typeof json !== "object" || Array.isArray(json)) return { json };
  const items = (json as Record<string, unknown>)[field];
  if (!Array.isArray(items)) return { json };
  return { json: { ...(json as Record<string, unknown>), [field]: [] }, items };
}

/**
 * One small HTTP base for all vendors: builds the URL, signs, sends with a timeout, parses the body
 * without losing 64-bit integers, maps vendor error envelopes to ProviderError, and validates the
 * payload with a zod schema. One call is one attempt; retries live in resilience.ts.
 */
export function createHttpBase(config: HttpBaseConfig): HttpBase {
  const doFetch = config.fetch ?? fetch;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function exchange<S extends z.ZodType, I extends z.ZodType, R>(
    spec: CallSpec<S>,
    attempt: number,
    list?: ListSpec<I, R>,
  ): Promise<CallResult<z.output<S>> & Partial<Pick<ListCallResult<z.output<S>, R>, "list" | "count">>> {
    const secrets = [...(config.secrets ?? []), ...(spec.secrets ?? [])];
    const scrub = (text: string | undefined) => (text === undefined ? undefined : redactText(text, secrets));
    const fail = (init: Omit<ConstructorParameters<typeof ProviderError>[0], "vendor" | "service" | "action">) =>
      new ProviderError({ vendor: config.vendor, service: config.service, action: spec.action, ...init });

    if (spec.signal?.aborted) throw fail({ kind: "network", code: "Aborted", retryable: false });
    const url = buildUrl(config.baseUrl, spec.path, spec.query);
    if (config.endpointPolicy) await assertAllowed(config.vendor, url, config.endpointPolicy, fail, scrub);
    let release: (() => void) | undefined;
    try {
      release = (await config.beforeSend?.(spec.action, spec.signal)) ?? undefined;
    } catch (cause) {
      if (spec.signal?.aborted) throw fail({ kind: "network", code: "Aborted", retryable: false, cause });
      throw cause;
    }

    const unsigned: OutgoingRequest = {
      action: spec.action,
      method: spec.method,
      url,
      headers: { ...spec.headers },
      body: spec.body,
    };
    const request = await config.sign(unsigned);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout;
    const started = performance.now();
    const log = (status?: number, requestId?: string, errorCode?: string) =>
      config.logger?.({
        vendor: config.vendor,
        service: config.service,
        action: spec.action,
        method: spec.method,
        path: request.url.pathname,
        status,
        durationMs: Math.round(performance.now() - started),
        requestId,
        errorCode,
        attempt,
      });

    let response: RawResponse;
    let source: ListSource | undefined;
    try {
      const res = await doFetch(request.url, {
        method: request.method,
        headers: Object.fromEntries(Object.entries(request.headers).filter(([k]) => k.toLowerCase() !== "host")),
        body: request.body,
        signal,
        redirect: "manual",
      });
      let text: string;
      if (list) {
        // Bytes, not text: the list's elements are decoded one at a time below.
        const bytes = new Uint8Array(await res.arrayBuffer());
        const split = splitListField(bytes, list.field);
        if (split) source = { split, bytes };
        text = split ? split.envelope : new TextDecoder().decode(bytes);
      } else {
        text = await res.text();
      }
      release?.();
      let json: unknown;
      try {
        json = text.length > 0 ? parseJsonSafe(text) : undefined;
      } catch {
        json = undefined;
      }
      if (list && !source) {
        const detached = detachList(json, list.field);
        json = detached.json;
        if (detached.items) source = { parsed: detached.items };
      }
      response = { status: res.status, headers: res.headers, text, json };
    } catch (cause) {
      release?.();
      const error = spec.signal?.aborted
        ? fail({ kind: "network", code: "Aborted", retryable: false, cause })
        : timeout.aborted
          ? fail({ kind: "timeout", code: "RequestTimeout", vendorMessage: `No answer within ${timeoutMs} ms` })
          : fail({ kind: "network", code: "NetworkError", vendorMessage: scrub(networkMessage(cause)) });
      log(undefined, undefined, error.code);
      throw error;
    }

    const requestId = config.readRequestId(response);
    const vendorError = config.readError(response);
    if (vendorError) {
      log(response.status, vendorError.requestId ?? requestId, vendorError.code);
      throw fail({
        kind: "vendor",
        code: vendorError.code,
        httpStatus: response.status,
        vendorMessage: scrub(vendorError.message),
        requestId: vendorError.requestId ?? requestId,
      });
    }
    if (response.status < 200 || response.status >= 300) {
      log(response.status, requestId, "HttpError");
      throw fail({
        kind: "vendor",
        code: "HttpError",
        httpStatus: response.status,
        vendorMessage: scrub(response.text.slice(0, 200)),
        requestId,
      });
    }
    /** An answer the console cannot read: logged, and refused as InvalidResponse with what was wrong. */
    const invalid = (vendorMessage: string | undefined) => {
      log(response.status, requestId, "InvalidResponse");
      return fail({ kind: "invalid-response", code: "InvalidResponse", httpStatus: response.status, vendorMessage, requestId });
    };
    if (response.json === undefined && spec.emptyBodyOk && response.text.trim() === "") {
      response = { ...response, json: {} };
    }
    if (response.json === undefined) throw invalid("Response body is not JSON");
    const parsed = spec.schema.safeParse(config.unwrap ? config.unwrap(response.json) : response.json);
    if (!parsed.success) throw invalid(scrub(`Unexpected response shape: ${describeIssues(parsed.error)}`));
    const result = { data: parsed.data as z.output<S>, status: response.status, requestId, headers: response.headers };
    if (!list) {
      log(response.status, requestId);
      return result;
    }
    const collector = list.collect();
    const count = !source ? 0 : "split" in source ? source.split.count : source.parsed.length;
    for (let i = 0; i < count; i += 1) {
      let raw: unknown;
      if (source && "split" in source) {
        const text = elementText(source.bytes, source.split, i);
        try {
          raw = source.split.mayHoldUnsafeInteger(i) ? parseJsonSafe(text) : JSON.parse(text);
        } catch {
          throw invalid("Response body is not JSON");
        }
      } else {
        raw = (source as { parsed: unknown[] }).parsed[i];
      }
      const item = list.item.safeParse(raw);
      if (!item.success) throw invalid(scrub(`Unexpected response shape: ${describeIssues(item.error, [list.field, i])}`));
      collector.add(item.data as z.output<I>);
    }
    log(response.status, requestId);
    return { ...result, list: collector.done(), count };
  }

  const send = (<S extends z.ZodType>(spec: CallSpec<S>, attempt = 1) => exchange(spec, attempt)) as HttpBase;
  send.list = async <S extends z.ZodType, I extends z.ZodType, R>(spec: CallSpec<S>, list: ListSpec<I, R>, attempt = 1) => {
    const result = await exchange(spec, attempt, list);
    return { ...result, list: result.list as R, count: result.count ?? 0 };
  };
  return send;
}

type Fail = (init: Omit<ConstructorParameters<typeof ProviderError>[0], "vendor" | "service" | "action">) => ProviderError;

/** Refuses, before anything is signed or sent, a request whose host the policy does not allow. */
async function assertAllowed(vendor: Vendor, url: URL, policy: EndpointPolicy, fail: Fail, scrub: (text: string) => string | undefined) {
  let refusal;
  try {
    refusal = await endpointRefusal(vendor, url.href, policy);
  } catch (cause) {
    throw fail({ kind: "network", code: "NetworkError", vendorMessage: scrub(networkMessage(cause)), cause });
  }
  if (refusal) throw fail({ kind: "invalid-argument", code: refusal.code, vendorMessage: refusal.message, retryable: false });
}

function networkMessage(cause: unknown): string {
  if (!(cause instanceof Error)) return "fetch failed";
  const inner = cause.cause instanceof Error ? ` (${(cause.cause as NodeJS.ErrnoException).code ?? cause.cause.message})` : "";
  return `${cause.message}${inner}`;
}
