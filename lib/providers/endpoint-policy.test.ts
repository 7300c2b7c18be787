import { describe, expect, it } from "vitest";
import {
  classifyAddress,
  endpointAddressRefusal,
  endpointRefusal,
  endpointUrlRefusal,
  parseAllowedHosts,
  type EndpointPolicy,
} from "./endpoint-policy";

const strict: EndpointPolicy = { allowedHosts: [], httpHosts: [] };
const resolvingTo = (addresses: string[], policy: EndpointPolicy = strict): EndpointPolicy => ({ ...policy, lookup: async () => addresses });

describe("endpoint policy", () => {
  it("accepts https endpoints on each vendor's own domains", () => {
    expect(endpointUrlRefusal("alibaba", "https://dms-enterprise.aliyuncs.com", strict)).toBeNull();
    expect(endpointUrlRefusal("alibaba", "https://dms-enterprise-vpc.cn-hangzhou.aliyuncs.com/", strict)).toBeNull();
    expect(endpointUrlRefusal("tencent", "https://mariadb.intl.tencentcloudapi.com", strict)).toBeNull();
    expect(endpointUrlRefusal("huawei", "https://gaussdbformysql.ap-southeast-1.myhuaweicloud.com", strict)).toBeNull();
    expect(endpointUrlRefusal("huawei", "https://IAM.cn-north-4.MyHuaweiCloud.com", strict)).toBeNull();
  });

  it("refuses http, other vendors' domains, look-alikes and credentials in the URL", () => {
    expect(endpointUrlRefusal("alibaba", "http://dms-enterprise.aliyuncs.com", strict)?.message).toBe("Use an https:// endpoint");
    for (const url of [
      "https://dms.aliyuncs.com.evil.com",
      "https://evilaliyuncs.com",
      "https://aliyuncs.com-evil.com/latest",
      "https://mariadb.tencentcloudapi.com",
      "https://example.com",
    ]) {
      expect(endpointUrlRefusal("alibaba", url, strict)?.message, url).toMatch(/^Use an https:\/\/ endpoint on aliyuncs.com; other hosts/);
    }
    expect(endpointUrlRefusal("tencent", "https://user:pw@mariadb.tencentcloudapi.com", strict)?.message).toMatch(/user name or password/);
    expect(endpointUrlRefusal("tencent", "ftp://mariadb.tencentcloudapi.com", strict)?.code).toBe("EndpointNotAllowed");
  });

  it("refuses IP literals unless listed, and link-local or metadata literals always", () => {
    const listedEverything: EndpointPolicy = { allowedHosts: ["169.254.169.254", "10.0.0.5", "fd00:ec2::254"], httpHosts: ["169.254.169.254"] };
    for (const url of ["http://169.254.169.254/latest", "https://[fd00:ec2::254]/", "https://[fe80::1]/", "https://100.100.100.200", "https://2852039166/", "https://[::ffff:169.254.169.254]/"]) {
      expect(endpointUrlRefusal("alibaba", url, listedEverything)?.message, url).toBe("Link-local and cloud metadata addresses are never allowed");
    }
    expect(endpointUrlRefusal("alibaba", "https://10.0.0.5", strict)?.code).toBe("EndpointNotAllowed");
    expect(endpointUrlRefusal("alibaba", "https://10.0.0.5", listedEverything)).toBeNull();
    expect(endpointUrlRefusal("alibaba", "https://127.0.0.1:4601", strict)?.code).toBe("EndpointNotAllowed");
  });

  it("allows listed extra hosts over https, and plain http only for the hosts that may use it", () => {
    const demo: EndpointPolicy = { allowedHosts: ["127.0.0.1", "*.corp.example"], httpHosts: ["127.0.0.1"] };
    expect(endpointUrlRefusal("tencent", "http://127.0.0.1:4604", demo)).toBeNull();
    expect(endpointUrlRefusal("tencent", "https://dms.vpc.corp.example", demo)).toBeNull();
    expect(endpointUrlRefusal("tencent", "http://dms.vpc.corp.example", demo)?.message).toBe("Use an https:// endpoint");
    expect(endpointUrlRefusal("tencent", "https://corp.example", demo)?.code).toBe("EndpointNotAllowed");
    expect(endpointUrlRefusal("tencent", "https://corp.example.evil.com", demo)?.code).toBe("EndpointNotAllowed");
  });

  it("classifies addresses, including IPv4 inside IPv6", () => {
    expect(classifyAddress("169.254.169.254")).toBe("never");
    expect(classifyAddress("169.254.10.1")).toBe("never");
    expect(classifyAddress("100.100.100.200")).toBe("never");
    expect(classifyAddress("fd00:ec2::254")).toBe("never");
    expect(classifyAddress("fe80::abcd%eth0")).toBe("never");
    expect(classifyAddress("0.0.0.0")).toBe("never");
    expect(classifyAddress("::ffff:a9fe:a9fe")).toBe("never");
    expect(classifyAddress("::ffff:127.0.0.1")).toBe("internal");
    expect(classifyAddress("127.0.0.1")).toBe("internal");
    expect(classifyAddress("::1")).toBe("internal");
    expect(classifyAddress("10.1.2.3")).toBe("internal");
    expect(classifyAddress("172.20.0.1")).toBe("internal");
    expect(classifyAddress("192.168.1.1")).toBe("internal");
    expect(classifyAddress("100.64.0.1")).toBe("internal");
    expect(classifyAddress("fd12:3456::1")).toBe("internal");
    expect(classifyAddress("47.96.1.1")).toBe("public");
    expect(classifyAddress("2408:4000::1")).toBe("public");
  });

  it("refuses a vendor name that resolves to a metadata, link-local or unlisted internal address", async () => {
    const url = "https://dms-enterprise.aliyuncs.com";
    expect(await endpointRefusal("alibaba", url, resolvingTo(["47.96.1.1"]))).toBeNull();
    expect(await endpointRefusal("alibaba", url, resolvingTo(["47.96.1.1", "169.254.169.254"]))).toEqual({
      code: "EndpointAddressNotAllowed",
      message: "dms-enterprise.aliyuncs.com resolves to 169.254.169.254. Link-local and cloud metadata addresses are never allowed",
      reason: "resolvesMetadata",
      values: { host: "dms-enterprise.aliyuncs.com", address: "169.254.169.254" },
    });
    expect((await endpointRefusal("alibaba", url, resolvingTo(["100.100.100.200"])))?.code).toBe("EndpointAddressNotAllowed");
    expect((await endpointRefusal("alibaba", url, resolvingTo(["fd00:ec2::254"])))?.code).toBe("EndpointAddressNotAllowed");
    expect((await endpointRefusal("alibaba", url, resolvingTo(["10.0.0.8"])))?.message).toMatch(/internal address 10.0.0.8/);
    // A listed host (a VPC endpoint) may resolve to a private address, never to a metadata one.
    const vpc = { allowedHosts: ["dms-enterprise.aliyuncs.com"], httpHosts: [] };
    expect(await endpointRefusal("alibaba", url, resolvingTo(["10.0.0.8"], vpc))).toBeNull();
    expect((await endpointRefusal("alibaba", url, resolvingTo(["169.254.0.9"], vpc)))?.code).toBe("EndpointAddressNotAllowed");
  });

  it("checks IP literals without a lookup and passes lookup failures on", async () => {
    const failing: EndpointPolicy = { allowedHosts: ["127.0.0.1"], httpHosts: [], lookup: async () => Promise.reject(new Error("ENOTFOUND")) };
    expect(await endpointAddressRefusal("http://127.0.0.1:4601", failing)).toBeNull();
    await expect(endpointAddressRefusal("https://dms-enterprise.aliyuncs.com", failing)).rejects.toThrow("ENOTFOUND");
  });

  it("parses the allowed-hosts setting and names a bad entry", () => {
    expect(parseAllowedHosts(" DMS.corp.example, *.vpc.corp.example ,10.0.0.5,[FD12::1],emulator ")).toEqual({
      hosts: ["dms.corp.example", "*.vpc.corp.example", "10.0.0.5", "fd12::1", "emulator"],
    });
    expect(parseAllowedHosts("")).toEqual({ hosts: [] });
    for (const bad of ["https://x.example", "x.example:443", "x.example/path", "*", "*.com", "a b"]) {
      expect(parseAllowedHosts(bad), bad).toHaveProperty("error");
    }
    expect(parseAllowedHosts("169.254.169.254")).toEqual({ error: 'entry "169.254.169.254" is a link-local or metadata address, which is never allowed' });
  });
});
