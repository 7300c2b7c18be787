import { createHash, createHmac } from "node:crypto";

/**
 * RFC 3986 percent-encoding shared by all three vendors' signing schemes: only A-Z a-z 0-9 - _ . ~
 * stay literal, space is %20 (never +) and * is %2A.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export function hmacSha256(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

export function hmacSha256Hex(key: string | Buffer, data: string): string {
  return createHmac("sha256", key).update(data, "utf8").digest("hex");
}

export function hmacSha1Base64(key: string, data: string): string {
  return createHmac("sha1", key).update(data, "utf8").digest("base64");
}

/** Hex SHA-256 of the empty string, the payload hash every vendor uses for a bodiless request. */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Byte-order string comparison (the vendors sort by code unit, never by locale). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
