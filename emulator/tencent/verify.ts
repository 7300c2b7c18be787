import { createHmac } from "node:crypto";
import { headerValue, type EmuRequest } from "../types";
import { safeEqual, sha256Hex } from "../util";

const AUTH_RE =
  /^TC3-HMAC-SHA256\s+Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s]+)\/([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]+)\s*$/;

export interface Tc3Parts {
  method: string;
  path: string;
  query: string;
  /** [lower-case name, value] in SignedHeaders order. */
  headers: Array<[string, string]>;
  payloadHash: string;
}

export function tc3CanonicalRequest(p: Tc3Parts): string {
  const canonicalHeaders = p.headers.map(([k, v]) => `${k}:${v}\n`).join("");
  const signed = p.headers.map(([k]) => k).join(";");
  return [p.method.toUpperCase(), p.path, p.query, canonicalHeaders, signed, p.payloadHash].join("\n");
}

export function tc3StringToSign(timestamp: number, date: string, service: string, canonicalRequest: string): string {
  return ["TC3-HMAC-SHA256", String(timestamp), `${date}/${service}/tc3_request`, sha256Hex(canonicalRequest)].join("\n");
}

export function tc3Signature(secretKey: string, date: string, service: string, stringToSign: string): string {
  const hmac = (key: string | Buffer, msg: string) => createHmac("sha256", key).update(msg).digest();
  const kDate = hmac("TC3" + secretKey, date);
  const kService = hmac(kDate, service);
  const kSigning = hmac(kService, "tc3_request");
  return createHmac("sha256", kSigning).update(stringToSign).digest("hex");
}

export function utcDate(timestampSeconds: number): string {
  return new Date(timestampSeconds * 1000).toISOString().slice(0, 10);
}

export type Tc3Result = { ok: true; secretId: string } | { ok: false; code: string; message: string };

export interface Tc3Options {
  service: string;
  secretFor(secretId: string): string | undefined;
  now: number;
  skewSeconds: number;
}

const fail = (code: string, message: string): Tc3Result => ({ ok: false, code, message });
const sigFailure = (why: string) =>
  fail("AuthFailure.SignatureFailure", `The provided credentials could not be validated: ${why}.`);

/** Verifies TC3-HMAC-SHA256 against the request exactly as received. */
export function verifyTc3(req: EmuRequest, opts: Tc3Options): Tc3Result {
  const auth = headerValue(req, "authorization");
  const m = auth ? AUTH_RE.exec(auth) : null;
  if (!m) return fail("AuthFailure.InvalidAuthorization", "The Authorization header is missing or is not a valid TC3-HMAC-SHA256 value.");
  const [, secretId = "", date = "", service = "", terminator = "", signedList = "", signature = ""] = m;
  const rawTs = headerValue(req, "x-tc-timestamp");
  if (!rawTs) return fail("MissingParameter", "The request is missing a required parameter `Timestamp`.");
  if (!/^\d{1,12}$/.test(rawTs)) return fail("InvalidParameter", "The parameter `Timestamp` is not a valid Unix timestamp.");
  const ts = Number(rawTs);
  const secretKey = opts.secretFor(secretId);
  if (secretKey === undefined) return fail("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct.");
  if (Math.abs(opts.now / 1000 - ts) > opts.skewSeconds) {
    return fail("AuthFailure.SignatureExpire", `Signature expired. Timestamp:${ts}, server time:${Math.floor(opts.now / 1000)}.`);
  }
  if (terminator !== "tc3_request") return sigFailure("the credential scope must end with tc3_request");
  if (service !== opts.service) return sigFailure(`the credential scope names service "${service}", expected "${opts.service}"`);
  if (date !== utcDate(ts)) return sigFailure("the credential scope date is not the UTC date of X-TC-Timestamp");
  const signed = signedList.split(";").map((h) => h.toLowerCase());
  if (!signed.includes("content-type") || !signed.includes("host")) return sigFailure("SignedHeaders must include content-type and host");
  if (signed.some((h) => headerValue(req, h) === undefined)) return sigFailure("a signed header is missing from the request");
  const host = headerValue(req, "host") ?? "";
  // The official Node SDK signs the host without its port while sending host:port; real
  // endpoints never carry a port, so both readings are accepted.
  const hosts = host.includes(":") ? [host, host.replace(/:\d+$/, "")] : [host];
  // TC3 signs the query for GET and hashes an empty payload; for POST the query is empty and the body is hashed.
  const payloadHash = sha256Hex(req.method === "GET" ? "" : req.body);
  for (const h of hosts) {
    const canonical = tc3CanonicalRequest({
      method: req.method,
      path: req.path,
      query: req.rawQuery,
      headers: signed.map((name) => [name, name === "host" ? h : (headerValue(req, name) ?? "").trim()]),
      payloadHash,
    });
    const expected = tc3Signature(secretKey, date, service, tc3StringToSign(ts, date, service, canonical));
    if (safeEqual(expected, signature.toLowerCase())) return { ok: true, secretId };
  }
  return sigFailure("the signature does not match");
}
