import ipaddr from "ipaddr.js";
import type { ValidationKey } from "@/lib/validation/error-keys";

/*
 * One TaurusDB access-control address: an IPv4 or IPv6 address, or a CIDR range. Parsing is
 * stricter than ipaddr.js alone: it also accepts inet_aton's short and octal forms (1.2.3 is
 * 1.2.0.3, 010.1.1.1 is 8.1.1.1), which a person almost never means and the vendor may read
 * differently, so those are refused with words that say how to write them.
 */

export type AddressFamily = "ipv4" | "ipv6";

export interface ParsedAddress {
  family: AddressFamily;
  /** The prefix length; a plain address is its own full-length range (/32 or /128). */
  prefix: number;
  /** The first address of the range, canonical (IPv6 compressed and lowercase). */
  network: string;
  /** `network/prefix`: equal for every spelling of the same range (10.0.0.1 and 10.0.0.1/32). */
  canonical: string;
  /** A CIDR with bits set after the prefix (10.0.0.1/24): it covers `canonical`, not just the address. */
  hostBitsSet: boolean;
  /** First and last address of the range as integers, for coverage checks. */
  start: bigint;
  end: bigint;
}

export interface AddressProblem {
  key: Extract<ValidationKey, "ipRequired" | "ipFormat" | "ipSpace" | "ipZone" | "ipLeadingZero" | "ipPrefix">;
  values?: Record<string, string | number>;
}

export type AddressResult = { ok: true; value: ParsedAddress } | { ok: false; problem: AddressProblem };

/** Longer than any address with a prefix (45 + "/128"): refused before any parsing work. */
const MAX_TEXT = 64;
const BITS: Record<AddressFamily, number> = { ipv4: 32, ipv6: 128 };

const refuse = (key: AddressProblem["key"], values?: AddressProblem["values"]): AddressResult => ({ ok: false, problem: values ? { key, values } : { key } });

function toBigInt(bytes: number[]): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function fromBigInt(n: bigint, length: number): number[] {
  const bytes = new Array<number>(length);
  for (let i = length - 1; i >= 0; i -= 1) {
    bytes[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return bytes;
}

function parseIPv4(text: string): ipaddr.IPv4 | AddressProblem {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  const parts = text.split(".");
  const leadingZero = parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255) && parts.some((p) => p.length > 1 && p.startsWith("0"));
  if (leadingZero) return { key: "ipLeadingZero", values: { suggestion: parts.map((p) => String(Number(p))).join(".") } };
  return { key: "ipFormat" };
}

function parseIPv6(text: string): ipaddr.IPv6 | AddressProblem {
  if (!text.includes(":") || !ipaddr.IPv6.isValid(text)) return { key: "ipFormat" };
  return ipaddr.IPv6.parse(text);
}

/** An address or CIDR as the vendor's `ip` field takes it, or why not; never throws. Callers trim first. */
export function parseAddress(text: string): AddressResult {
  if (text.length === 0) return refuse("ipRequired");
  if (/\s/.test(text)) return refuse("ipSpace");
  if (text.length > MAX_TEXT) return refuse("ipFormat");
  const [addressText = "", prefixText, ...rest] = text.split("/");
  if (rest.length > 0 || addressText === "") return refuse("ipFormat");
  if (addressText.includes("%")) return refuse("ipZone");

  const parsed = /^[\d.]+$/.test(addressText) ? parseIPv4(addressText) : parseIPv6(addressText);
  if ("key" in parsed) return refuse(parsed.key, parsed.values);
  const family: AddressFamily = parsed.kind();
  const bits = BITS[family];

  let prefix = bits;
  if (prefixText !== undefined) {
    // Decimal only, no sign or leading zero: "/024" and "/+24" are typos, not prefixes.
    if (!/^(0|[1-9]\d{0,2})$/.test(prefixText) || Number(prefixText) > bits) return refuse("ipPrefix", { max: bits });
    prefix = Number(prefixText);
  }

  const value = toBigInt(parsed.toByteArray());
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  const start = value & ~hostMask;
  const end = start | hostMask;
  const bytes = fromBigInt(start, bits / 8);
  const network = family === "ipv4" ? new ipaddr.IPv4(bytes).toString() : (ipaddr.fromByteArray(bytes) as ipaddr.IPv6).toRFC5952String();
  return { ok: true, value: { family, prefix, network, canonical: `${network}/${prefix}`, hostBitsSet: value !== start, start, end } };
}

/** The canonical range of an address, or the trimmed text itself when it does not parse (so it still compares). */
export function canonicalKey(ip: string): string {
  const text = ip.trim();
  const parsed = parseAddress(text);
  return parsed.ok ? parsed.value.canonical : `invalid:${text}`;
}
