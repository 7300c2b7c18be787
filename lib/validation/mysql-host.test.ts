import { describe, expect, it } from "vitest";
import { CATALOGS } from "@/i18n/catalogs";
import { MYSQL_HOST_EXAMPLES, MYSQL_HOST_MAX, mysqlHostProblem, mysqlHostSchema } from "./mysql-host";
import { errorMapFor } from "./server-error-map";

const message = (host: unknown) => {
  const result = mysqlHostSchema.safeParse(host);
  return result.success ? undefined : result.error.issues.map((i) => i.message);
};

describe("mysqlHostProblem", () => {
  it.each(["%", "10.%", "10.20.%", "10.20.30.%", "172.17.%", "0.%", "255.255.255.%", "10.20.30.40", "0.0.0.0", "255.255.255.255"])(
    "accepts the IPv4 pattern %s",
    (host) => expect(mysqlHostProblem(host)).toBeNull(),
  );

  it.each(["::1", "fe80::1", "2001:db8::8a2e:370:7334", "FD00::1", "::ffff:10.0.0.1"])("accepts the IPv6 address %s", (host) => {
    expect(mysqlHostProblem(host)).toBeNull();
  });

  it("accepts every example offered in the help text", () => {
    for (const host of MYSQL_HOST_EXAMPLES) expect(mysqlHostProblem(host), host).toBeNull();
  });

  it.each([
    ["10.%.1", "hostWildcardLast"],
    ["%.10", "hostWildcardLast"],
    ["10.2%", "hostWildcardLast"],
    ["%%", "hostWildcardLast"],
    ["10.20.30.40.%", "hostPrefixParts"],
    ["10.20.30", "hostFourParts"],
    ["1.2.3.4.5", "hostFourParts"],
    ["10..%", "hostFormat"],
    [".%", "hostFormat"],
    ["localhost", "hostFormat"],
    ["db.example.com", "hostFormat"],
    ["10.20._.%", "hostFormat"],
    ["10.0.0.0/8", "hostCidr"],
    ["10.0.0.0/255.0.0.0", "hostCidr"],
    ["fe80::1%eth0", "hostIpv6Whole"],
    ["fe80::%", "hostIpv6Whole"],
    ["2001:db8::/32", "hostIpv6Whole"],
    ["1::2::3", "hostFormat"],
    ["12345::1", "hostFormat"],
    ["a b", "hostSpace"],
    ["", "hostRequired"],
  ])("refuses %s with %s", (host, key) => {
    expect(mysqlHostProblem(host)?.key).toBe(key);
  });

  it("names the octet that is out of range", () => {
    expect(mysqlHostProblem("300.1.%")).toEqual({ key: "hostOctetRange", values: { octet: "300" } });
    expect(mysqlHostProblem("10.20.30.256")).toEqual({ key: "hostOctetRange", values: { octet: "256" } });
  });

  it("suggests the spelling without leading zeros, which MySQL would otherwise never match", () => {
    expect(mysqlHostProblem("010.%")).toEqual({ key: "ipLeadingZero", values: { suggestion: "10.%" } });
    expect(mysqlHostProblem("10.020.30.04")).toEqual({ key: "ipLeadingZero", values: { suggestion: "10.20.30.4" } });
  });

  it("bounds the length at 60 characters", () => {
    const sixty = "1111:2222:3333:4444:5555:6666:7777:8888".padEnd(MYSQL_HOST_MAX, "x");
    expect(sixty).toHaveLength(60);
    expect(mysqlHostProblem(sixty)?.key).toBe("hostFormat");
    expect(mysqlHostProblem("x".repeat(61))).toEqual({ key: "tooLong", values: { maximum: 60 } });
  });

  it("refuses control characters, NUL and lone surrogates", () => {
    for (const host of ["10.\u0000.%", "10.%\u0007", "\uD800", "10.\t%"]) expect(mysqlHostProblem(host), JSON.stringify(host)).not.toBeNull();
  });
});

describe("mysqlHostSchema", () => {
  it("trims and keeps the pattern as written", () => {
    expect(mysqlHostSchema.parse("  10.20.%  ")).toBe("10.20.%");
    expect(mysqlHostSchema.parse("FE80::1")).toBe("FE80::1");
  });

  it("words each refusal from the catalog", () => {
    expect(message("")).toEqual(["Enter the host this account may connect from, e.g. % for any host"]);
    expect(message(undefined)).toEqual(["Enter the host this account may connect from, e.g. % for any host"]);
    expect(message("10.%.1")).toEqual(["% may only stand for the last part, as in 10.20.%"]);
    expect(message("300.1.%")).toEqual(["Octet 300 is out of range; each part is a number from 0 to 255"]);
    expect(message("a b")).toEqual(["Remove the spaces; a host has none"]);
    expect(message("1".repeat(61))).toEqual(["At most 60 characters"]);
    expect(message("010.%")).toEqual(["Write the address without leading zeros: 10.%"]);
  });

  it("speaks Chinese through the Chinese error map", () => {
    const result = mysqlHostSchema.safeParse("%.10", { error: errorMapFor("zh-CN") });
    expect(result.error?.issues[0]?.message).toBe(CATALOGS["zh-CN"].Validation.hostWildcardLast);
  });
});
