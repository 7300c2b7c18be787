import { compareCodeUnits, hmacSha256Hex, percentEncode, sha256Hex } from "@/lib/providers/crypto-utils";

export const HUAWEI_SIGNING_ALGORITHM = "SDK-HMAC-SHA256";

/** `YYYYMMDDTHHMMSSZ` in UTC; the gateway rejects dates more than 15 minutes off (APIGW.0303). */
export function formatSdkDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Each segment encoded once (as the Go signer does on the decoded path), always ending in "/". */
export function huaweiCanonicalUri(pathname: string): string {
  const encoded = pathname
    .split("/")
    .map((segment) => percentEncode(safeDecode(segment)))
    .join("/");
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

export function huaweiCanonicalQuery(search: URLSearchParams): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of search) grouped.set(key, [...(grouped.get(key) ?? []), value]);
  return [...grouped.keys()]
    .sort(compareCodeUnits)
    .flatMap((key) =>
      [...(grouped.get(key) ?? [])]
        .sort(compareCodeUnits)
        .map((value) => `${percentEncode(key)}=${percentEncode(value)}`),
    )
    .join("&");
}

export interface HuaweiSignInput {
  method: string;
  url: URL | string;
  /** Headers as they will be sent; must include X-Sdk-Date. Host defaults to url.host. */
  headers: Record<string, string>;
  body?: string | Buffer;
  ak: string;
  sk: string;
  /** Lower-case header names to sign; default: every header present (what the Node SDK does). */
  signedHeaderNames?: string[];
}

export interface HuaweiSignature {
  canonicalRequest: string;
  stringToSign: string;
  signedHeaders: string;
  signature: string;
  authorization: string;
  /** The input headers plus Host, which must be sent exactly as signed. */
  headers: Record<string, string>;
}

export function signHuaweiRequest(input: HuaweiSignInput): HuaweiSignature {
  const url = typeof input.url === "string" ? new URL(input.url) : input.url;
  const headers: Record<string, string> = { ...input.headers };
  const lowerMap = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) lowerMap.set(name.toLowerCase(), value);
  if (!lowerMap.has("host")) {
    headers.host = url.host;
    lowerMap.set("host", url.host);
  }
  const sdkDate = lowerMap.get("x-sdk-date");
  if (!sdkDate) throw new Error("X-Sdk-Date header is required for SDK-HMAC-SHA256 signing");

  const names = (input.signedHeaderNames ?? [...lowerMap.keys()])
    .map((n) => n.toLowerCase())
    .filter((n) => n !== "authorization" && lowerMap.has(n))
    .sort(compareCodeUnits);
  for (const required of ["host", "x-sdk-date"]) {
    if (!names.includes(required)) names.push(required);
  }
  names.sort(compareCodeUnits);
  const canonicalHeaders = names.map((n) => `${n}:${(lowerMap.get(n) ?? "").trim()}\n`).join("");
  const signedHeaders = names.join(";");

  const contentSha = lowerMap.get("x-sdk-content-sha256");
  const payloadHash = contentSha === "UNSIGNED-PAYLOAD" ? contentSha : sha256Hex(input.body ?? "");
  const canonicalRequest = [
    input.method.toUpperCase(),
    huaweiCanonicalUri(url.pathname),
    huaweiCanonicalQuery(url.searchParams),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join("\n");
  const stringToSign = `${HUAWEI_SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest)}`;
  const signature = hmacSha256Hex(input.sk, stringToSign);
  const authorization = `${HUAWEI_SIGNING_ALGORITHM} Access=${input.ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { canonicalRequest, stringToSign, signedHeaders, signature, authorization, headers };
}
