import { createTranslator } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { messageFallback, reportIntlError } from "./message-fallback";

describe("a message no catalog has", () => {
  it("shows its key between ⟦ ⟧ and is reported under [i18n], so the zh-CN walk and the logs find it", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const t = createTranslator({ locale: "zh-CN", messages: { Shell: { present: "在" } }, namespace: "Shell", onError: reportIntlError, getMessageFallback: messageFallback });
    expect(t("present")).toBe("在");
    expect((t as unknown as (key: string) => string)("absent")).toBe("⟦Shell.absent⟧");
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/^\[i18n\] MISSING_MESSAGE: /));
    errors.mockRestore();
  });
});
