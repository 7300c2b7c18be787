import { describe, expect, it } from "vitest";
import { answerAgeParts } from "./answer-age";

describe("the age of the list's answer", () => {
  const at = new Date("2026-12-02T10:00:00Z");
  it("counts seconds while the answer is shared, then minutes and hours", () => {
    expect(answerAgeParts(at, at.getTime() + 400)).toEqual({ unit: "justNow" });
    expect(answerAgeParts(at, at.getTime() + 3_200)).toEqual({ unit: "seconds", count: 3 });
    expect(answerAgeParts(at, at.getTime() + 125_000)).toEqual({ unit: "minutes", count: 2 });
    expect(answerAgeParts(at, at.getTime() + 2 * 3_600_000)).toEqual({ unit: "hours", count: 2 });
  });
  it("never shows a negative age when the clocks disagree", () => {
    expect(answerAgeParts(at, at.getTime() - 5_000)).toEqual({ unit: "justNow" });
  });
});
