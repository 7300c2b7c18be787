import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CATALOGS } from "@/i18n/catalogs";
import { useDescribeFailure } from "./form-errors";
import type { ActionFailure } from "./result";

function described(locale: "en" | "zh-CN", failure: ActionFailure, extra?: string[]) {
  let text = "";
  function Probe() {
    text = useDescribeFailure()(failure, extra);
    return null;
  }
  renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={CATALOGS[locale]} timeZone="UTC">
      <Probe />
    </NextIntlClientProvider>,
  );
  return text;
}

describe("a failed action in one line", () => {
  const refused: ActionFailure = { ok: false, formError: "DMS 拒绝了此请求。", code: "Forbidden.RAM", requestId: "A1B2-C3" };

  it("keeps the vendor's code and request id as sent, in the reader's punctuation", () => {
    expect(described("zh-CN", refused)).toBe("DMS 拒绝了此请求。（代码 Forbidden.RAM，请求 ID A1B2-C3）");
    expect(described("en", { ...refused, formError: "DMS refused." })).toBe("DMS refused. (code Forbidden.RAM, request id A1B2-C3)");
    expect(described("en", { ok: false, formError: "Lost.", requestId: "r-1" })).toBe("Lost. (request id r-1)");
  });

  it("adds field errors that have no field on the form, and leaves out codes that say nothing", () => {
    expect(described("en", { ok: false, formError: "Some fields need attention.", code: "INVALID_INPUT" }, ["Pick a proxy."])).toBe("Some fields need attention. Pick a proxy.");
  });
});
