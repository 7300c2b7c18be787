import { createHmac } from "node:crypto";
import { parsePairs, percentEncode } from "../percent-encode";
import { headerValue, type EmuRequest } from "../types";
import { safeEqual, sha256Hex } from "../util";

const AUTH_RE = /^SDK-HMAC-SHA256\s+Access=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]+)\s*$/;
const DATE_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Each segment percent-encoded; the result always ends with "/" even if the URL does not. */
export function huaweiCanonicalUri(rawPath: string): string {
  const encoded = rawPath
    .split("/")
    .map((seg) => percentEncode(decodeURIComponent(seg)))
    .join("/");
  return encoded.endsWith("/") ? encoded : encoded + "/";
}

/** Sorted by name; repeated names have their values sorted too. */
export function huaweiCanonicalQuery(rawQuery: string): string {
  const groups = new Map<string, string[]>();
  for (const [k, v] of parsePairs(rawQuery)) groups.set(k, [...(groups.get(k) ?? []), v]);
  return [...groups.keys()]
    .sort()
    .flatMap((k) => (groups.get(k) ?? []).sort().map((v) => `${percentEncode(k)}=${percentEncode(v)}`))
    .join("&");
}

export interface HuaweiCanonicalInput {
  method: string;
  rawPath: string;
  rawQuery: string;
  /** [lower-case name, value] in SignedHeaders order. */
  headers: Array<[string, string]>;
  payloadHash: string;
}

export function huaweiCanonicalRequest(i: HuaweiCanonicalInput): string {
  return [
    i.method.toUpperCase(),
    huaweiCanonicalUri(i.rawPath),
    huaweiCanonicalQuery(i.rawQuery),
    i.headers.map(([k, v]) => `${k}:${v}\n`).join(""),
    i.headers.map(([k]) => k).join(";"),
    i.payloadHash,
  ].join("\n");
}

export function huaweiSignature(sk: string, sdkDate: string, canonicalRequest: string): string {
  const stringToSign = `SDK-HMAC-SHA256\n${sdkDate}\n${sha256Hex(canonicalRequest)}`;
  return createHmac("sha256", sk).update(stringToSign).digest("hex");
}

export function parseSdkDate(v: string): number | undefined {
  const m = DATE_RE.exec(v);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const t = Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s);
  return Number.isNaN(t) ? undefined : t;
}

export type AkskResult = { ok: true; ak: string } | { ok: false; status: number; code: string; message: string };

export interface AkskOptions {
  skFor(ak: string): string | undefined;
  now: number;
  skewSeconds: number;
}

const denied = (why: string): AkskResult => ({
  ok: false,
  status: 401,
  code: "APIGW.0301",
  message: `Incorrect IAM authentication information: ${why}`,
});

/** Verifies SDK-HMAC-SHA256 from the SignedHeaders the client listed, against the request as received. */
export function verifyAksk(req: EmuRequest, auth: string, opts: AkskOptions): AkskResult {
  const m = AUTH_RE.exec(auth);
  if (!m) return denied("the Authorization header is not a valid SDK-HMAC-SHA256 value");
  const [, ak = "", signedList = "", signature = ""] = m;
  const sdkDate = headerValue(req, "x-sdk-date");
  if (!sdkDate) return denied("X-Sdk-Date header is missing");
  const t = parseSdkDate(sdkDate);
  if (t === undefined) return denied("X-Sdk-Date is not in the format YYYYMMDDTHHMMSSZ");
  if (Math.abs(opts.now - t) > opts.skewSeconds * 1000) {
    return { ok: false, status: 401, code: "APIGW.0303", message: "Incorrect app authentication information: the request time (X-Sdk-Date) differs from the gateway time by more than 15 minutes" };
  }
  const sk = opts.skFor(ak);
  if (sk === undefined) return denied("verify aksk signature fail, the access key does not exist");
  const signed = signedList.split(";").map((h) => h.toLowerCase());
  if (!signed.includes("host") || !signed.includes("x-sdk-date")) return denied("SignedHeaders must include host and x-sdk-date");
  if (signed.some((h) => headerValue(req, h) === undefined)) return denied("a signed header is missing from the request");
  const unsignedPayload = headerValue(req, "x-sdk-content-sha256") === "UNSIGNED-PAYLOAD";
  let canonical: string;
  try {
    canonical = huaweiCanonicalRequest({
      method: req.method,
      rawPath: req.path,
      rawQuery: req.rawQuery,
      headers: signed.map((h) => [h, headerValue(req, h) ?? ""]),
      payloadHash: unsignedPayload ? "UNSIGNED-PAYLOAD" : sha256Hex(req.body),
    });
  } catch {
    return denied("the request URL contains a malformed percent-encoding");
  }
  if (safeEqual(huaweiSignature(sk, sdkDate, canonical), signature.toLowerCase())) return { ok: true, ak };
  // Like the real gateway, echo the canonical request (with "|" for newlines) to help debugging;
  // token-like header values are masked.
  const shown = canonical
    .split("\n")
    .map((line) => (/^[a-z0-9-]*token[a-z0-9-]*:/.test(line) ? line.replace(/:.*/, ":***") : line))
    .join("|");
  return denied(`verify aksk signature fail, canonicalRequest: ${shown}`);
}
