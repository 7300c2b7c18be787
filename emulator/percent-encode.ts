/**
 * RFC 3986 encoding shared by the Alibaba, Tencent and Huawei canonical forms:
 * only A-Z a-z 0-9 - _ . ~ stay literal, space is %20, hex is upper case.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/** Decodes one query component; form encoding's "+" means space. Throws on malformed escapes. */
export function decodeComponent(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, " "));
}

/** Parses a raw query or form body into ordered pairs. Throws URIError on malformed escapes. */
export function parsePairs(raw: string): Array<[string, string]> {
  if (!raw) return [];
  const out: Array<[string, string]> = [];
  for (const part of raw.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? "" : part.slice(eq + 1);
    out.push([decodeComponent(k), decodeComponent(v)]);
  }
  return out;
}
