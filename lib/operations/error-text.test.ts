import { describe, expect, it } from "vitest";
import { consoleError, operationErrorText } from "./error-text";

describe("a ledger row's error as read", () => {
  it("picks a vendor refusal's text in the reader's language from the stored code, vendor and status", () => {
    const row = { errorCode: "Forbidden.RAM", errorMessage: "stored English", errorVendor: "alibaba", errorHttpStatus: 403 };
    expect(operationErrorText(row, "zh-CN")).toBe("该 AccessKey 所属的 RAM 用户没有执行此 DMS 操作的权限。");
    expect(operationErrorText(row, "en")).toBe("The RAM user behind this AccessKey lacks permission for this DMS operation.");
    expect(operationErrorText({ ...row, errorCode: "Whatever.New" }, "zh-CN")).toBe("这组云凭证无权执行此操作。");
  });

  it("words the console's own errors from their stored catalog words, and keeps the English beside them", () => {
    const error = consoleError("otherChangeWasInProgress", { name: "Lin Wei" });
    expect(error.errorMessage).toBe("Another change for Lin Wei on this proxy was in progress; nothing was sent.");
    const row = { errorCode: "IN_PROGRESS", errorVendor: null, errorHttpStatus: null, ...error };
    expect(operationErrorText(row, "zh-CN")).toBe("Lin Wei 在此代理上的另一项更改当时正在进行，没有发送任何请求。");
    expect(operationErrorText(row, "en")).toBe(error.errorMessage);
    expect(operationErrorText({ ...row, ...consoleError("notApplied", { vendor: "DMS" }) }, "zh-CN")).toBe("DMS 显示此更改没有生效，控制台没有重复发送。");
  });

  it("shows rows written before the vendor or words were stored as stored", () => {
    expect(operationErrorText({ errorCode: "Forbidden.RAM", errorMessage: "old English text", errorVendor: null, errorHttpStatus: null }, "zh-CN")).toBe("old English text");
    expect(operationErrorText({ errorCode: null, errorMessage: null, errorVendor: null, errorHttpStatus: null }, "zh-CN")).toBeNull();
  });
});
