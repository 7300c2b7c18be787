import { describe, expect, it } from "vitest";
import { DOCUMENTED_CODES, userMessageFor } from "@/lib/providers/error-messages";
import type { Vendor } from "@/lib/providers/types";
import { vendorErrorText } from "./vendor-errors";

describe("vendor errors in the reader's language", () => {
  it("gives the same English as ProviderError.userMessage for every documented code", () => {
    for (const [group, table] of Object.entries(DOCUMENTED_CODES)) {
      const vendor: Vendor = group === "common" ? "alibaba" : (group as Vendor);
      for (const code of Object.keys(table)) expect(vendorErrorText({ vendor, code }, "en")).toBe(userMessageFor(vendor, code));
    }
  });

  it("answers in Chinese for zh-CN, keeping the code verbatim where the message names it", () => {
    expect(vendorErrorText({ vendor: "tencent", code: "InvalidParameterValue.AccountAlreadyExists" }, "zh-CN")).toBe("该实例上已存在同名同主机的账号。");
    expect(vendorErrorText({ vendor: "huawei", code: "DBS.201028" }, "zh-CN")).toContain("TaurusDB 数据库代理");
    expect(vendorErrorText({ vendor: "alibaba", code: "MissingUserId" }, "zh-CN")).toBe("发往 DMS 的请求缺少必填参数（UserId）。");
    expect(vendorErrorText({ vendor: "huawei", code: "DBS.999999", httpStatus: 400 }, "zh-CN")).toBe("云服务商返回了错误（DBS.999999）。");
  });

  it("keeps the fallback chain in both languages: exact code, family, HTTP status, generic", () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const text = (vendor: Vendor, code: string, httpStatus?: number) => vendorErrorText({ vendor, code, httpStatus }, locale);
      expect(text("alibaba", "Throttling.Tenant")).toBe(text("alibaba", "Throttling"));
      expect(text("tencent", "ResourceNotFound.Whatever")).toBe(text("tencent", "ResourceNotFound"));
      expect(text("huawei", "APIG.0301")).toBe(text("huawei", "APIGW.0301"));
      expect(text("huawei", "DBS.999999", 404)).toBe(text("tencent", "Other", 404));
      expect(text("huawei", "DBS.999999", 404)).not.toBe(text("huawei", "DBS.999999", 400));
      // A console code wins over the vendor's table.
      expect(text("alibaba", "RequestTimeout")).toBe(text("huawei", "RequestTimeout"));
    }
  });

  it("falls back to English for a language it does not have", () => {
    expect(vendorErrorText({ vendor: "huawei", code: "DBS.200022" }, "fr")).toBe("The database instance does not exist.");
    expect(vendorErrorText({ vendor: "huawei", code: "DBS.200022" }, null)).toBe("The database instance does not exist.");
  });
});
