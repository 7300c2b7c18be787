import { describe, expect, it } from "vitest";
import { ProviderError } from "@/lib/providers/errors";
import { auditMessageOf, describeFailure } from "./failure";
import { ActionError } from "./result";
import { wordsText } from "@/lib/i18n/stored-words";
import type { StoredWords } from "@/lib/db/schema";

const refusal = () =>
  new ProviderError({ vendor: "tencent", service: "mariadb", action: "CreateAccount", kind: "vendor", code: "InvalidParameterValue.AccountAlreadyExists", httpStatus: 200, requestId: "req-7", vendorMessage: "账号已存在" });

describe("what a failed action shows", () => {
  it("shows a vendor error in the reader's language, the code and request id as the vendor sent them", () => {
    expect(describeFailure(refusal(), "x", "zh-CN")).toEqual({ ok: false, formError: "该实例上已存在同名同主机的账号。", code: "InvalidParameterValue.AccountAlreadyExists", requestId: "req-7" });
    expect(describeFailure(refusal(), "x").formError).toBe("An account with this name and host already exists on this instance.");
  });

  it("picks the text of a refusal read back from the ledger from its vendor and code", () => {
    const settled = new ActionError("The DMS tenant ID is not valid for this account.", { code: "InvalidTid", requestId: "r-1", vendor: { vendor: "alibaba", httpStatus: 200 } });
    expect(describeFailure(settled, "x", "zh-CN")).toMatchObject({ formError: "该 DMS 租户 ID 对此账号无效。", code: "InvalidTid", requestId: "r-1" });
    // The console's own expected failures keep their message.
    expect(describeFailure(new ActionError("Nope.", { code: "NOT_FOUND" }), "x", "zh-CN").formError).toBe("Nope.");
  });

  it("audits the same words whoever read it, which the audit page shows in its own reader's language", () => {
    const error = refusal();
    const words = auditMessageOf(error, describeFailure(error, "x", "zh-CN"));
    expect(auditMessageOf(error, describeFailure(error, "x", "en"))).toEqual(words);
    expect(wordsText(words as StoredWords, "en")).toBe(error.userMessage);
    expect(wordsText(words as StoredWords, "zh-CN")).toBe("该实例上已存在同名同主机的账号。");
    const settled = new ActionError("English as stored.", { code: "InvalidTid", vendor: { vendor: "alibaba" } });
    expect(wordsText(auditMessageOf(settled, describeFailure(settled, "x", "zh-CN")) as StoredWords, "zh-CN")).toBe("该 DMS 租户 ID 对此账号无效。");
    // Text without words (an error made before the catalogs) is kept as it was.
    expect(auditMessageOf(new ActionError("Plain."), { ok: false, formError: "Plain." })).toBe("Plain.");
  });
});
