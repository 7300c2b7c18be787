import {
  compareCodeUnits,
  EMPTY_SHA256,
  hmacSha1Base64,
  hmacSha256Hex,
  percentEncode,
  sha256Hex,
} from "@/lib/providers/crypto-utils";

/** Alibaba wants second-precision UTC ISO-8601 (`2016-02-23T12:46:24Z`) in both schemes. */
export function formatAlibabaTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

type Pairs = ReadonlyArray<readonly [string, string]>;

function toSortedPairs(params: Record<string, string> | Pairs): [string, string][] {
  const pairs = Array.isArray(params)
    ? params.map(([k, v]) => [k, v] as [string, string])
    : Object.entries(params as Record<string, string>);
  return pairs.sort((a, b) => compareCodeUnits(a[0], b[0]) || compareCodeUnits(a[1], b[1]));
}

function canonicalQuery(params: Record<string, string> | Pairs): string {
  return toSortedPairs(params)
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join("&");
}

// ---------------------------------------------------------------------------------------------
// RPC signature v1 (HMAC-SHA1, SignatureVersion 1.0)
// ---------------------------------------------------------------------------------------------

export interface RpcV1CommonInput {
  action: string;
  version: string;
  accessKeyId: string;
  /** Action parameters, already stringified (64-bit ids as decimal strings). */
  params: Record<string, string>;
  timestamp: Date;
  nonce: string;
  securityToken?: string;
  regionId?: string;
  format?: "JSON" | "XML";
}

/** All parameters a v1 request carries except `Signature`. */
export function buildRpcV1Params(input: RpcV1CommonInput): Record<string, string> {
  const out: Record<string, string> = {
    ...input.params,
    Action: input.action,
    Version: input.version,
    Format: input.format ?? "JSON",
    AccessKeyId: input.accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: input.nonce,
    Timestamp: formatAlibabaTimestamp(input.timestamp),
  };
  if (input.securityToken) out.SecurityToken = input.securityToken;
  if (input.regionId) out.RegionId = input.regionId;
  return out;
}

export interface RpcV1Signature {
  canonicalizedQuery: string;
  stringToSign: string;
  signature: string;
}

/** Signs the full parameter set (common + action, without `Signature`) for GET or POST. */
export function signRpcV1(
  method: "GET" | "POST",
  params: Record<string, string>,
  accessKeySecret: string,
): RpcV1Signature {
  const unsigned = Object.entries(params).filter(([name]) => name !== "Signature");
  const canonicalizedQuery = canonicalQuery(unsigned);
  const stringToSign = `${method}&${percentEncode("/")}&${percentEncode(canonicalizedQuery)}`;
  const signature = hmacSha1Base64(`${accessKeySecret}&`, stringToSign);
  return { canonicalizedQuery, stringToSign, signature };
}

/**
 * Builds the signed, encoded parameter string ready to be used as a query string (GET/POST) or as
 * an application/x-www-form-urlencoded body (POST).
 */
export function buildSignedRpcV1Payload(
  method: "GET" | "POST",
  input: RpcV1CommonInput,
  accessKeySecret: string,
): { encoded: string; signature: string } {
  const params = buildRpcV1Params(input);
  const { canonicalizedQuery, signature } = signRpcV1(method, params, accessKeySecret);
  return { encoded: `${canonicalizedQuery}&Signature=${percentEncode(signature)}`, signature };
}

// ---------------------------------------------------------------------------------------------
// ACS3-HMAC-SHA256 (V3, header based)
// ---------------------------------------------------------------------------------------------

export interface Acs3HeaderInput {
  /** The exact Host header that will be sent: `host[:port]`. */
  host: string;
  action: string;
  version: string;
  date: Date;
  nonce: string;
  /** Exact body bytes; empty for the SDK-style "parameters in the query" request. */
  body?: string | Buffer;
  securityToken?: string;
  contentType?: string;
}

/** The headers that ACS3 signs. `host` is included for signing; fetch sends the same value. */
export function buildAcs3Headers(input: Acs3HeaderInput): Record<string, string> {
  const body = input.body ?? "";
  const headers: Record<string, string> = {
    host: input.host,
    "x-acs-action": input.action,
    "x-acs-version": input.version,
    "x-acs-date": formatAlibabaTimestamp(input.date),
    "x-acs-signature-nonce": input.nonce,
    "x-acs-content-sha256": body.length === 0 ? EMPTY_SHA256 : sha256Hex(body),
  };
  if (input.securityToken) headers["x-acs-security-token"] = input.securityToken;
  if (input.contentType) headers["content-type"] = input.contentType;
  return headers;
}

export interface Acs3SignInput {
  method: string;
  /** Canonical URI; `/` for RPC-style APIs. */
  path?: string;
  query: Record<string, string> | Pairs;
  /** Every header to send; those named host, content-type or x-acs-* are signed. */
  headers: Record<string, string>;
  accessKeyId: string;
  accessKeySecret: string;
}

export interface Acs3Signature {
  canonicalRequest: string;
  stringToSign: string;
  signedHeaders: string;
  signature: string;
  authorization: string;
}

export function signAcs3(input: Acs3SignInput): Acs3Signature {
  const signed = new Map<string, string[]>();
  for (const [name, value] of Object.entries(input.headers)) {
    const lower = name.toLowerCase();
    if (lower !== "host" && lower !== "content-type" && !lower.startsWith("x-acs-")) continue;
    signed.set(lower, [...(signed.get(lower) ?? []), value.trim()]);
  }
  const names = [...signed.keys()].sort(compareCodeUnits);
  const canonicalHeaders = names
    .map((n) => `${n}:${[...(signed.get(n) ?? [])].sort(compareCodeUnits).join(",")}\n`)
    .join("");
  const signedHeaders = names.join(";");
  const payloadHash = input.headers["x-acs-content-sha256"] ?? EMPTY_SHA256;
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.path ?? "/",
    canonicalQuery(input.query),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join("\n");
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
  const signature = hmacSha256Hex(input.accessKeySecret, stringToSign);
  const authorization = `ACS3-HMAC-SHA256 Credential=${input.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { canonicalRequest, stringToSign, signedHeaders, signature, authorization };
}

/** Percent-encoded query string in the same order the signature used, for the request URL. */
export function encodeAcs3Query(query: Record<string, string> | Pairs): string {
  return canonicalQuery(query);
}
