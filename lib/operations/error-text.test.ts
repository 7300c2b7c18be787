import { describe, expect, it } from "vitest";
import { operationErrorText } from "./error-text";

describe("a ledger row's error as read", () => {
  it("picks a vendor refusal's text in the reader's language from the stored code, vendor and status", () => {
    const row = { errorCode: "Forbidden.RAM", errorMessage: "stored English", errorVendor: "alibaba", errorHttpStatus: 403 };
    expect(operationErrorText(row, "zh-CN")).toBe("该 AccessKey 所属的 RAM 用户没有执行此 DMS 操作的权限。");
    expect(operationErrorText(row, "en")).toBe("The RAM user behind this AccessKey lacks permission for this DMS operation.");
    expect(operationErrorText({ ...row, errorCode: "Whatever.New" }, "zh-CN")).toBe("这组云凭证无权执行此操作。");
  });

  it("shows rows written before the vendor was stored, and the console's own messages, as stored", () => {
    expect(operationErrorText({ errorCode: "Forbidden.RAM", errorMessage: "old English text", errorVendor: null, errorHttpStatus: null }, "zh-CN")).toBe("old English text");
    expect(operationErrorText({ errorCode: null, errorMessage: null, errorVendor: null, errorHttpStatus: null }, "zh-CN")).toBeNull();
  });
});
