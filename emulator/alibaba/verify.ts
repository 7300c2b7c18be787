import { createHmac } from "node:crypto";
import type { NonceStore } from "../nonce-store";
import { parsePairs, percentEncode } from "../percent-encode";
import { headerValue, type EmuRequest } from "../types";
import { safeEqual, sha256Hex } from "../util";

/** Parameters that belong to the v1 signature envelope rather than to the action. */
const V1_COMMON = new Set([
  "AccessKeyId", "Action", "Version", "Format", "SignatureMethod", "SignatureVersion",
  "SignatureNonce", "Signature", "Timestamp", "SecurityToken", "SignatureType",
]);
const V1_REQUIRED = ["AccessKeyId", "Action", "Version", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Signature"];
const ACS3_REQUIRED = ["x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const ACS3_AUTH_RE = /^ACS3-HMAC-SHA256\s+Credential=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]+)\s*$/;

export interface AlibabaAuthOk {
  ok: true;
  scheme: "v1" | "acs3";
  accessKeyId: string;
  action: string;
  version: string;
  /** Action parameters (query + form body), without the signature envelope. */
  params: Map<string, string>;
}

export interface AlibabaAuthError {
  ok: false;
  status: number;
  code: string;
  message: string;
}

export type AlibabaAuthResult = AlibabaAuthOk | AlibabaAuthError;

export interface AlibabaVerifyOptions {
  secretFor(accessKeyId: string): string | undefined;
  nonces: NonceStore;
  now: number;
  skewSeconds: number;
}

const fail = (status: number, code: string, message: string): AlibabaAuthError => ({ ok: false, status, code, message });
const missing = (name: string) =>
  fail(400, "MissingParameter", `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);

/** Canonicalized query string of the v1 scheme: sorted by name, each side percent-encoded. */
export function rpcV1Canonical(params: Array<[string, string]>): string {
  return [...params]
    .filter(([k]) => k !== "Signature")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join("&");
}

export function rpcV1StringToSign(method: string, params: Array<[string, string]>): string {
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(rpcV1Canonical(params))}`;
}

export function rpcV1Signature(method: string, params: Array<[string, string]>, secret: string): string {
  return createHmac("sha1", secret + "&").update(rpcV1StringToSign(method, params)).digest("base64");
}

export interface Acs3Input {
  method: string;
  path: string;
  query: Array<[string, string]>;
  /** Lower-case signed header names in the order they are listed. */
  signedHeaders: string[];
  headerValue(name: string): string | undefined;
  payloadHash: string;
}

export function acs3CanonicalRequest(i: Acs3Input): string {
  const query = [...i.query]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join("&");
  const headers = i.signedHeaders.map((h) => `${h}:${(i.headerValue(h) ?? "").trim()}\n`).join("");
  return [i.method.toUpperCase(), i.path || "/", query, headers, i.signedHeaders.join(";"), i.payloadHash].join("\n");
}

export function acs3Signature(canonicalRequest: string, secret: string): string {
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
  return createHmac("sha256", secret).update(stringToSign).digest("hex");
}

function formPairs(req: EmuRequest): Array<[string, string]> {
  const ct = (headerValue(req, "content-type") ?? "").toLowerCase();
  if (!ct.startsWith("application/x-www-form-urlencoded") || req.body.length === 0) return [];
  return parsePairs(req.body.toString("utf8"));
}

function checkTime(value: string, opts: AlibabaVerifyOptions): AlibabaAuthError | number {
  const t = Date.parse(value);
  if (!TIMESTAMP_RE.test(value) || Number.isNaN(t)) {
    return fail(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
  }
  if (Math.abs(opts.now - t) > opts.skewSeconds * 1000) {
    return fail(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
  }
  return t;
}

function checkNonce(ak: string, nonce: string, t: number, opts: AlibabaVerifyOptions): AlibabaAuthError | undefined {
  const expires = Math.max(t, opts.now) + opts.skewSeconds * 1000;
  if (!opts.nonces.remember(`alibaba:${ak}:${nonce}`, expires, opts.now)) {
    return fail(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  }
  return undefined;
}

const keyNotFound = () => fail(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
const mismatch = () =>
  fail(400, "SignatureDoesNotMatch", "Specified signature does not match our calculation.");

/** Verifies an RPC request signed with either v1 (HMAC-SHA1) or ACS3-HMAC-SHA256. */
export function verifyAlibaba(req: EmuRequest, opts: AlibabaVerifyOptions): AlibabaAuthResult {
  let query: Array<[string, string]>;
  let form: Array<[string, string]>;
  try {
    query = parsePairs(req.rawQuery);
    form = formPairs(req);
  } catch {
    return fail(400, "InvalidParameter", "The request contains a malformed percent-encoding.");
  }
  const auth = headerValue(req, "authorization");
  if (auth && /^ACS3-/i.test(auth)) return verifyAcs3(req, auth, query, form, opts);
  return verifyV1(req, [...query, ...form], opts);
}

function verifyV1(req: EmuRequest, pairs: Array<[string, string]>, opts: AlibabaVerifyOptions): AlibabaAuthResult {
  const all = new Map(pairs);
  for (const name of V1_REQUIRED) if (!all.get(name)) return missing(name);
  if (all.get("SignatureMethod") !== "HMAC-SHA1" || all.get("SignatureVersion") !== "1.0") {
    return fail(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards: HMAC-SHA1 / 1.0 expected.");
  }
  const t = checkTime(all.get("Timestamp") ?? "", opts);
  if (typeof t !== "number") return t;
  const ak = all.get("AccessKeyId") ?? "";
  const secret = opts.secretFor(ak);
  if (secret === undefined) return keyNotFound();
  const expected = rpcV1Signature(req.method, pairs, secret);
  if (!safeEqual(expected, all.get("Signature") ?? "")) return mismatch();
  const nonceErr = checkNonce(ak, all.get("SignatureNonce") ?? "", t, opts);
  if (nonceErr) return nonceErr;
  const params = new Map(pairs.filter(([k]) => !V1_COMMON.has(k)));
  return { ok: true, scheme: "v1", accessKeyId: ak, action: all.get("Action") ?? "", version: all.get("Version") ?? "", params };
}

function verifyAcs3(
  req: EmuRequest,
  auth: string,
  query: Array<[string, string]>,
  form: Array<[string, string]>,
  opts: AlibabaVerifyOptions,
): AlibabaAuthResult {
  const m = ACS3_AUTH_RE.exec(auth);
  if (!m) return fail(400, "IncompleteSignature", "The Authorization header is not a well-formed ACS3-HMAC-SHA256 value.");
  const [, ak = "", signedList = "", signature = ""] = m;
  for (const h of ACS3_REQUIRED) if (!headerValue(req, h)) return missing(h);
  const signed = signedList.split(";").map((s) => s.trim().toLowerCase());
  const mustSign = ["host", ...Object.keys(req.headers).filter((h) => h.startsWith("x-acs-"))];
  const unsigned = mustSign.filter((h) => !signed.includes(h));
  if (unsigned.length || signed.some((h) => headerValue(req, h) === undefined)) {
    return fail(400, "IncompleteSignature", `SignedHeaders must list host and every x-acs-* header sent${unsigned.length ? ` (missing: ${unsigned.join(",")})` : ""}.`);
  }
  const t = checkTime(headerValue(req, "x-acs-date") ?? "", opts);
  if (typeof t !== "number") return t;
  const secret = opts.secretFor(ak);
  if (secret === undefined) return keyNotFound();
  const claimed = (headerValue(req, "x-acs-content-sha256") ?? "").toLowerCase();
  if (claimed !== sha256Hex(req.body)) {
    return fail(400, "SignatureDoesNotMatch", "The x-acs-content-sha256 header does not match the request body.");
  }
  const canonical = acs3CanonicalRequest({
    method: req.method,
    path: req.path,
    query,
    signedHeaders: signed,
    headerValue: (h) => headerValue(req, h),
    payloadHash: claimed,
  });
  if (!safeEqual(acs3Signature(canonical, secret), signature.toLowerCase())) return mismatch();
  const nonceErr = checkNonce(ak, headerValue(req, "x-acs-signature-nonce") ?? "", t, opts);
  if (nonceErr) return nonceErr;
  return {
    ok: true,
    scheme: "acs3",
    accessKeyId: ak,
    action: headerValue(req, "x-acs-action") ?? "",
    version: headerValue(req, "x-acs-version") ?? "",
    params: new Map([...query, ...form]),
  };
}
