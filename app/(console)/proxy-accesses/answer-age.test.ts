import { describe, expect, it } from "vitest";
import { formatAnswerAge } from "./answer-age";

describe("the age of the list's answer", () => {
  const at = new Date("2026-12-02T10:00:00Z");
  it("counts seconds while the answer is shared, then minutes and hours", () => {
    expect(formatAnswerAge(at, at.getTime() + 400)).toBe("just now");
    expect(formatAnswerAge(at, at.getTime() + 3_200)).toBe("3 s ago");
    expect(formatAnswerAge(at, at.getTime() + 125_000)).toBe("2 min ago");
    expect(formatAnswerAge(at, at.getTime() + 2 * 3_600_000)).toBe("2 h ago");
  });
  it("never shows a negative age when the clocks disagree", () => {
    expect(formatAnswerAge(at, at.getTime() - 5_000)).toBe("just now");
  });
});
