import { describe, expect, it } from "vitest";
import { wordsText } from "@/lib/i18n/stored-words";
import { lastErrorOf } from "./jobs";

describe("a failed job's last error as the Jobs page reads it", () => {
  it("keeps the console's words so the page shows them in its reader's language", () => {
    const error = lastErrorOf({ code: "demo.first-attempt", message: "This demonstration job fails on its first attempt; retry it to see it succeed.", words: { key: "demoFirstAttempt" } });
    expect(error?.words).toEqual({ key: "demoFirstAttempt" });
    expect(wordsText(error!.words!, "zh-CN")).toBe("此演示任务首次执行时会失败；重试即可看到它成功。");
  });

  it("drops words that are not plain catalog words, and keeps the message", () => {
    expect(lastErrorOf({ code: "x", message: "m", words: { key: "../../etc" } })).toEqual({ code: "x", message: "m" });
    expect(lastErrorOf({ code: "x", message: "m", words: { key: "grantNotSettled", values: { name: "Ana", status: { nested: true } } } })?.words).toEqual({ key: "grantNotSettled", values: { name: "Ana" } });
    expect(lastErrorOf({ code: "x", message: "m", words: "grantNotSettled" })).toEqual({ code: "x", message: "m" });
  });
});
