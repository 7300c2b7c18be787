import ipaddr from "ipaddr.js";
import { z } from "zod";
import type { ValidationKey } from "./error-keys";
import { issue, msg } from "./error-map";

/*
 * The host part of a MySQL account (user@host) as the console lets a person write it for a new
 * Tencent MariaDB account: "%" (any host), an IPv4 prefix ending in ".%" ("10.%", "10.20.30.%"), or
 * one IPv4 or IPv6 address. MySQL also takes host names, "_" wildcards, netmasks and "%" in the
 * middle; the console refuses those because what they let in is hard to see in a list, and each
 * refusal says what to write instead. Accounts made elsewhere may use them: identity fields do
 * not go through this check.
 */

export const MYSQL_HOST_MAX = 60;

/** Patterns for the help text beside the field, widest first. */
export const MYSQL_HOST_EXAMPLES = ["%", "10.%", "10.20.%", "10.20.30.%", "10.20.30.40", "fd00::1"] as const;

export type MysqlHostProblem = {
  key: Extract<
    ValidationKey,
    | "hostRequired"
    | "tooLong"
    | "hostSpace"
    | "hostFormat"
    | "hostWildcardLast"
    | "hostPrefixParts"
    | "hostFourParts"
    | "hostOctetRange"
    | "ipLeadingZero"
    | "hostCidr"
    | "hostIpv6Whole"
  >;
  values?: Record<string, string | number>;
};

const problem = (key: MysqlHostProblem["key"], values?: MysqlHostProblem["values"]): MysqlHostProblem => (values ? { key, values } : { key });

function ipv6Problem(host: string): MysqlHostProblem | null {
  if (host.includes("%") || host.includes("/")) return problem("hostIpv6Whole");
  return ipaddr.IPv6.isValid(host) ? null : problem("hostFormat");
}

function ipv4Problem(host: string): MysqlHostProblem | null {
  if (host.includes("/")) return problem("hostCidr");
  const parts = host.split(".");
  const wildcard = parts.at(-1) === "%";
  const octets = wildcard ? parts.slice(0, -1) : parts;
  if (octets.some((p) => p.includes("%")) || (!wildcard && host.includes("%"))) return problem("hostWildcardLast");
  if (octets.length === 0 || octets.some((p) => !/^\d+$/.test(p))) return problem("hostFormat");
  if (wildcard && octets.length > 3) return problem("hostPrefixParts");
  if (!wildcard && octets.length !== 4) return problem("hostFourParts");
  const outside = octets.find((p) => Number(p) > 255);
  if (outside !== undefined) return problem("hostOctetRange", { octet: outside });
  if (octets.some((p) => p.length > 1 && p.startsWith("0"))) {
    // MySQL matches the client's address as text, so 010.% would never match 10.x.x.x.
    return problem("ipLeadingZero", { suggestion: [...octets.map((p) => String(Number(p))), ...(wildcard ? ["%"] : [])].join(".") });
  }
  return wildcard || ipaddr.IPv4.isValidFourPartDecimal(host) ? null : problem("hostFormat");
}

/** Why `host` is not a pattern the console accepts for a new account, or null. Callers trim first. */
export function mysqlHostProblem(host: string): MysqlHostProblem | null {
  if (host.length === 0) return problem("hostRequired");
  if (host.length > MYSQL_HOST_MAX) return problem("tooLong", { maximum: MYSQL_HOST_MAX });
  if (/\s/.test(host)) return problem("hostSpace");
  if (host === "%") return null;
  return host.includes(":") ? ipv6Problem(host) : ipv4Problem(host);
}

/** The host of a new account; the create schema adds the "%" default for an absent value. */
export const mysqlHostSchema = z
  .string(msg("hostRequired"))
  .trim()
  .check(
    z.superRefine<string>((value, ctx) => {
      const found = mysqlHostProblem(value);
      if (found) ctx.addIssue(issue(found.key, found.values));
    }),
  );
