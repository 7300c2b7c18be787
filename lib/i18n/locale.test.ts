import { describe, expect, it } from "vitest";
import { fromAcceptLanguage, resolveLocale } from "./locale";

describe("choosing the console language", () => {
  it("prefers the saved choice, then the cookie, then the browser, then English", () => {
    expect(resolveLocale({ saved: "zh-CN", cookie: "en", acceptLanguage: "en" })).toBe("zh-CN");
    expect(resolveLocale({ saved: null, cookie: "zh-CN", acceptLanguage: "en" })).toBe("zh-CN");
    expect(resolveLocale({ acceptLanguage: "zh-TW,zh;q=0.9" })).toBe("zh-CN");
    expect(resolveLocale({ acceptLanguage: "fr-FR,fr;q=0.9" })).toBe("en");
    expect(resolveLocale({})).toBe("en");
  });

  it("ignores values that are not a supported language", () => {
    expect(resolveLocale({ saved: "de", cookie: "x".repeat(5000), acceptLanguage: "zh-CN" })).toBe("zh-CN");
  });

  it("reads Accept-Language by weight, not by position", () => {
    expect(fromAcceptLanguage("en-GB;q=0.5, zh-CN;q=0.8")).toBe("zh-CN");
    expect(fromAcceptLanguage("fr, en-US;q=0.7, zh;q=0.6")).toBe("en");
    expect(fromAcceptLanguage("zh-CN;q=0, en;q=0.1")).toBe("en");
    expect(fromAcceptLanguage("fr, de")).toBeNull();
    expect(fromAcceptLanguage("*")).toBe("en");
  });
});
