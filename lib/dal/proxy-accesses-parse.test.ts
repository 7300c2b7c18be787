import { describe, expect, it } from "vitest";
import { parseGmtCreate, parseOriginInfo } from "./proxy-accesses-parse";

describe("parseOriginInfo", () => {
  it.each([
    ["Authorization by the Alibaba Cloud Account(1688000000000001)", "owner", "1688000000000001"],
    ["阿里云账号(1688000000000001)授权", "owner", "1688000000000001"],
    ["Authorization by submitting the ticket(12345678)", "ticket", "12345678"],
    ["提交工单(39999999)授权", "ticket", "39999999"],
  ])("reads %s", (raw, kind, ref) => {
    expect(parseOriginInfo(raw)).toEqual({ kind, ref });
  });

  it("accepts full-width brackets, extra spaces and any letter case", () => {
    expect(parseOriginInfo("  authorization by the alibaba cloud account ( 2088 )  ")).toEqual({ kind: "owner", ref: "2088" });
    expect(parseOriginInfo("阿里云账号（2088）授权")).toEqual({ kind: "owner", ref: "2088" });
    expect(parseOriginInfo("提交工单 （777） 授权")).toEqual({ kind: "ticket", ref: "777" });
  });

  it("keeps anything else raw as other", () => {
    expect(parseOriginInfo("Granted by API migration")).toEqual({ kind: "other", ref: "Granted by API migration" });
    expect(parseOriginInfo("Authorization by the Alibaba Cloud Account()")).toEqual({ kind: "other", ref: "Authorization by the Alibaba Cloud Account()" });
    expect(parseOriginInfo("阿里云账号(1)")).toEqual({ kind: "other", ref: "阿里云账号(1)" });
    expect(parseOriginInfo(undefined)).toEqual({ kind: "other", ref: "" });
    expect(parseOriginInfo("")).toEqual({ kind: "other", ref: "" });
  });
});

describe("parseGmtCreate", () => {
  it("reads DMS time as China time (UTC+8)", () => {
    expect(parseGmtCreate("2021-03-31 10:34:18")).toBe("2021-03-31T02:34:18.000Z");
  });

  it("crosses midnight and year boundaries correctly", () => {
    expect(parseGmtCreate("2024-01-01 07:59:59")).toBe("2023-12-31T23:59:59.000Z");
    expect(parseGmtCreate("2024-03-01 00:00:00")).toBe("2024-02-29T16:00:00.000Z");
  });

  it("accepts the ISO-style T separator", () => {
    expect(parseGmtCreate("2021-03-31T10:34:18")).toBe("2021-03-31T02:34:18.000Z");
  });

  it("gives null for missing, malformed or impossible times", () => {
    for (const raw of [undefined, null, "", "yesterday", "2021-03-31", "2021-13-01 00:00:00", "2023-02-29 10:00:00", "2021-03-31 24:00:00"]) {
      expect(parseGmtCreate(raw)).toBeNull();
    }
  });
});
