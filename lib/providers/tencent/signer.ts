import { createHmac } from "node:crypto";
import { compareCodeUnits, hmacSha256, sha256Hex } from "@/lib/providers/crypto-utils";

/** UTC date of a Unix timestamp; local dates break every request around midnight. */
export function tc3Date(timestampSeconds: number): string {
  return new Date(timestampSeconds * 1000).toISOString().slice(0, 10);
}

export interface Tc3SigningKey {
  secretDate: Buffer;
  secretService: Buffer;
  secretSigning: Buffer;
}

export function deriveTc3SigningKey(secretKey: string, date: string, service: string): Tc3SigningKey {
  const secretDate = hmacSha256(`TC3${secretKey}`, date);
  const secretService = hmacSha256(secretDate, service);
  const secretSigning = hmacSha256(secretService, "tc3_request");
  return { secretDate, secretService, secretSigning };
}

export interface Tc3SignInput {
  method?: "POST" | "GET";
  /** The exact Host header sent (`host[:port]`), not necessarily the product host. */
  host: string;
  path?: string;
  /** Canonical query: empty for POST, the URL-encoded query as sent for GET. */
  query?: string;
  contentType: string;
  /** Exact body bytes; ignored (empty) for GET. */
  body: string | Buffer;
  timestampSeconds: number;
  /** Credential-scope service, e.g. "mariadb"; passed explicitly so local endpoints still sign correctly. */
  service: string;
  secretId: string;
  secretKey: string;
  /** Further headers to sign besides content-type and host. */
  extraSignedHeaders?: Record<string, string>;
}

export interface Tc3Signature {
  canonicalRequest: string;
  credentialScope: string;
  stringToSign: string;
  signedHeaders: string;
  signature: string;
  authorization: string;
}

export function signTc3(input: Tc3SignInput): Tc3Signature {
  const method = input.method ?? "POST";
  const headers: [string, string][] = [
    ["content-type", input.contentType],
    ["host", input.host],
    ...Object.entries(input.extraSignedHeaders ?? {}).map(
      ([k, v]) => [k.toLowerCase(), v.trim()] as [string, string],
    ),
  ];
  headers.sort((a, b) => compareCodeUnits(a[0], b[0]));
  const canonicalHeaders = headers.map(([k, v]) => `${k}:${v}\n`).join("");
  const signedHeaders = headers.map(([k]) => k).join(";");
  const payload = method === "GET" ? "" : input.body;
  const canonicalRequest = [
    method,
    input.path ?? "/",
    input.query ?? "",
    canonicalHeaders,
    signedHeaders,
    sha256Hex(payload),
  ].join("\n");
  const date = tc3Date(input.timestampSeconds);
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [
    "TC3-HMAC-SHA256",
    String(input.timestampSeconds),
    credentialScope,
    sha256Hex(canonicalRequest),
  ].join("\n");
  const { secretSigning } = deriveTc3SigningKey(input.secretKey, date, input.service);
  const signature = createHmac("sha256", secretSigning).update(stringToSign, "utf8").digest("hex");
  const authorization =
    `TC3-HMAC-SHA256 Credential=${input.secretId}/${credentialScope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { canonicalRequest, credentialScope, stringToSign, signedHeaders, signature, authorization };
}

export interface TencentV1SignInput {
  method: "GET" | "POST";
  host: string;
  path?: string;
  /** Every parameter except Signature, unencoded. */
  params: Record<string, string>;
  secretKey: string;
  algorithm?: "HmacSHA1" | "HmacSHA256";
}

/** Legacy v1 signature; kept only because its published vector pins the shared sorting rules. */
export function signTencentV1(input: TencentV1SignInput): { sourceString: string; signature: string } {
  const query = Object.entries(input.params)
    .filter(([k]) => k !== "Signature")
    .sort((a, b) => compareCodeUnits(a[0], b[0]))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const sourceString = `${input.method}${input.host}${input.path ?? "/"}?${query}`;
  const hash = input.algorithm === "HmacSHA256" ? "sha256" : "sha1";
  const signature = createHmac(hash, input.secretKey).update(sourceString, "utf8").digest("base64");
  return { sourceString, signature };
}
