import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import type { Vendor } from "@/lib/providers/types";

/**
 * Where signed requests (and Huawei IAM passwords) may go. An endpoint override is the one input
 * that decides which host receives an account's credentials, so it must be https on the vendor's
 * own domains (docs/providers.md), or a host the operator named; link-local and cloud metadata
 * addresses are never called. The host's resolved addresses are checked too, right before every
 * call, so a name that later resolves to a metadata or internal address is refused.
 */

export const VENDOR_DOMAINS: Readonly<Record<Vendor, readonly string[]>> = {
  alibaba: ["aliyuncs.com"],
  tencent: ["tencentcloudapi.com"],
  huawei: ["myhuaweicloud.com"],
};

export interface EndpointPolicy {
  /** Hosts besides the vendor's domains: exact names or IP literals, "*.corp.example" for subdomains. */
  allowedHosts: readonly string[];
  /** Hosts that may be called over plain http (the demo's emulator). */
  httpHosts: readonly string[];
  /** Injected for tests; defaults to the system resolver. */
  lookup?: Lookup;
}

export interface EndpointRefusal {
  /** EndpointNotAllowed (the URL itself) or EndpointAddressNotAllowed (what its host resolves to). */
  code: "EndpointNotAllowed" | "EndpointAddressNotAllowed";
  /** English, for logs and the vendor-error path. */
  message: string;
  /** Which rule refused it, with what the message names, so a form can word it in the reader's language. */
  reason: EndpointRefusalReason;
  values?: Record<string, string>;
}

export type EndpointRefusalReason = "fullUrl" | "userInfo" | "metadata" | "vendorDomain" | "https" | "resolvesMetadata" | "resolvesInternal";

const never = new BlockList();
for (const [net, prefix] of [["0.0.0.0", 8], ["169.254.0.0", 16], ["100.100.100.200", 32], ["192.0.0.192", 32], ["224.0.0.0", 3]] as const) {
  never.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [["::", 128], ["fe80::", 10], ["fd00:ec2::254", 128], ["ff00::", 8]] as const) never.addSubnet(net, prefix, "ipv6");

const internal = new BlockList();
for (const [net, prefix] of [["127.0.0.0", 8], ["10.0.0.0", 8], ["172.16.0.0", 12], ["192.168.0.0", 16], ["100.64.0.0", 10], ["198.18.0.0", 15], ["192.0.0.0", 24]] as const) {
  internal.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [["::1", 128], ["fc00::", 7]] as const) internal.addSubnet(net, prefix, "ipv6");

/** Lower case, without IPv6 brackets, IPv6 in its compressed form. */
export function normaliseHost(host: string): string {
  const bare = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (isIP(bare) !== 6) return bare;
  // A zone id (fe80::1%eth0) only ever qualifies a link-local address, which is refused anyway.
  const unzoned = bare.replace(/%.*$/, "");
  return new URL(`http://[${unzoned}]`).hostname.slice(1, -1);
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address. */
function embeddedIpv4(ipv6: string): string | undefined {
  const match = /^(?:::ffff|64:ff9b:):([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(normaliseHost(ipv6));
  if (!match) return undefined;
  const [high, low] = [parseInt(match[1]!, 16), parseInt(match[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** "never": link-local, metadata, unspecified, multicast; "internal": loopback and private ranges. */
export function classifyAddress(address: string): "never" | "internal" | "public" {
  const host = normaliseHost(address);
  const family = isIP(host);
  if (family === 0) throw new Error(`Not an IP address: ${address}`);
  const v4 = family === 6 ? embeddedIpv4(host) : host;
  const [ip, type] = v4 ? [v4, "ipv4" as const] : [host, "ipv6" as const];
  if (never.check(ip, type)) return "never";
  return internal.check(ip, type) ? "internal" : "public";
}

function listed(host: string, entries: readonly string[]): boolean {
  return entries.some((entry) => (entry.startsWith("*.") ? host.endsWith(entry.slice(1)) : host === entry));
}

const onVendorDomain = (vendor: Vendor, host: string) => VENDOR_DOMAINS[vendor].some((d) => host === d || host.endsWith(`.${d}`));

const NEVER_MESSAGE = "Link-local and cloud metadata addresses are never allowed";

/** The URL-only check, used when an endpoint is saved and again before each call. */
export function endpointUrlRefusal(vendor: Vendor, endpoint: string, policy: EndpointPolicy): EndpointRefusal | null {
  const refuse = (reason: EndpointRefusalReason, message: string, values?: Record<string, string>): EndpointRefusal => ({ code: "EndpointNotAllowed", message, reason, values });
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return refuse("fullUrl", "Enter a full https:// URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return refuse("fullUrl", "Enter a full https:// URL");
  if (url.username || url.password) return refuse("userInfo", "An endpoint cannot carry a user name or password");
  const host = normaliseHost(url.hostname);
  if (isIP(host) && classifyAddress(host) === "never") return refuse("metadata", NEVER_MESSAGE);
  const allowed = listed(host, policy.allowedHosts);
  if (!allowed && (isIP(host) || !onVendorDomain(vendor, host))) {
    const domains = VENDOR_DOMAINS[vendor].join(" or ");
    return refuse("vendorDomain", `Use an https:// endpoint on ${domains}; other hosts must be listed in CLOUD_ENDPOINT_ALLOWED_HOSTS`, { domains: VENDOR_DOMAINS[vendor].join(", ") });
  }
  if (url.protocol === "http:" && !listed(host, policy.httpHosts)) return refuse("https", "Use an https:// endpoint");
  return null;
}

export type Lookup = (host: string) => Promise<string[]>;

const systemLookup: Lookup = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * The resolved-address check: every address the host resolves to must be public, or internal
 * (loopback, private) for a host the operator listed; never link-local or metadata. Lookup
 * failures are rethrown: the call could not have been made either.
 */
export async function endpointAddressRefusal(endpoint: string, policy: EndpointPolicy): Promise<EndpointRefusal | null> {
  const host = normaliseHost(new URL(endpoint).hostname);
  const addresses = isIP(host) ? [host] : await (policy.lookup ?? systemLookup)(host);
  const allowed = listed(host, policy.allowedHosts);
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (kind === "never") {
      return { code: "EndpointAddressNotAllowed", message: `${host} resolves to ${address}. ${NEVER_MESSAGE}`, reason: "resolvesMetadata", values: { host, address } };
    }
    if (kind === "internal" && !allowed) {
      return {
        code: "EndpointAddressNotAllowed",
        message: `${host} resolves to the internal address ${address}; internal hosts must be listed in CLOUD_ENDPOINT_ALLOWED_HOSTS`,
        reason: "resolvesInternal",
        values: { host, address },
      };
    }
  }
  return null;
}

/** Both checks, for a request about to be sent. */
export async function endpointRefusal(vendor: Vendor, endpoint: string, policy: EndpointPolicy): Promise<EndpointRefusal | null> {
  return endpointUrlRefusal(vendor, endpoint, policy) ?? (await endpointAddressRefusal(endpoint, policy));
}

/**
 * Parses CLOUD_ENDPOINT_ALLOWED_HOSTS entries: host names, "*.domain" wildcards or IP literals,
 * no scheme, port or path. Returns the normalised entries or a message naming the bad one.
 */
export function parseAllowedHosts(raw: string): { hosts: string[] } | { error: string } {
  const hosts: string[] = [];
  for (const entry of raw.split(",").map((s) => s.trim()).filter(Boolean)) {
    const host = normaliseHost(entry);
    if (isIP(host)) {
      if (classifyAddress(host) === "never") return { error: `entry "${entry}" is a link-local or metadata address, which is never allowed` };
    } else if (!/^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(host) && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(host)) {
      return { error: `entry "${entry}" must be a host name, "*.domain" or an IP address, without scheme, port or path` };
    }
    hosts.push(host);
  }
  return { hosts };
}
