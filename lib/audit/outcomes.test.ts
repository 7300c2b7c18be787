import { describe, expect, it } from "vitest";
import { wordsText } from "@/lib/i18n/stored-words";
import { countCodes, multiItemOutcome } from "./outcomes";

const worded = (o: ReturnType<typeof multiItemOutcome>, locale = "en") => ({ outcome: o.outcome, message: o.message && wordsText(o.message, locale) });

describe("multiItemOutcome", () => {
  it("is a success only when no item failed", () => {
    expect(multiItemOutcome(3, 0, "revokes")).toEqual({ outcome: "success" });
  });

  it("is partial, saying how many, when some items failed", () => {
    expect(worded(multiItemOutcome(3, 1, "revokes"))).toEqual({ outcome: "partial", message: "1 of 3 revokes failed" });
    expect(worded(multiItemOutcome(3, 1, "revokes"), "zh-CN")).toEqual({ outcome: "partial", message: "3 项撤销中有 1 项失败" });
  });

  it("is a failure when every item failed", () => {
    expect(worded(multiItemOutcome(2, 2, "revokes"))).toEqual({ outcome: "failure", message: "2 of 2 revokes failed" });
    expect(worded(multiItemOutcome(1, 1, "grants"))).toEqual({ outcome: "failure", message: "1 of 1 grants failed" });
  });
});

describe("countCodes", () => {
  it("counts failures by code, unnamed ones as FAILED", () => {
    expect(countCodes([{ code: "NOT_FOUND" }, { code: "NOT_FOUND" }, { code: null }, {}])).toEqual({ NOT_FOUND: 2, FAILED: 2 });
  });
});
