import { describe, expect, it } from "vitest";
import { formatAbsolute, formatAge, formatUtc, toDate } from "./relative-time-format";

const DAY = 86_400_000;

describe("formatAbsolute", () => {
  it("formats in the requested time zone as YYYY-MM-DD HH:mm", () => {
    const d = new Date("2025-01-03T14:22:09Z");
    expect(formatAbsolute(d, "UTC")).toBe("2025-01-03 14:22");
    expect(formatAbsolute(d, "Asia/Shanghai")).toBe("2025-01-03 22:22");
    expect(formatAbsolute(d, "America/New_York")).toBe("2025-01-03 09:22");
  });

  it("uses 00 for midnight, not 24", () => {
    expect(formatAbsolute(new Date("2025-01-03T00:05:00Z"), "UTC")).toBe("2025-01-03 00:05");
  });
});

describe("formatUtc", () => {
  it("marks the server-rendered text as UTC", () => {
    expect(formatUtc(new Date("2025-01-03T14:22:09Z"))).toBe("2025-01-03 14:22 UTC");
  });
});

describe("formatAge", () => {
  const now = Date.parse("2026-02-19T12:00:00Z");

  it("says days ago for old timestamps", () => {
    expect(formatAge(new Date(now - 412 * DAY - 5000), now)).toBe("412 days ago");
  });

  it("says just now within 45 seconds either way", () => {
    expect(formatAge(new Date(now - 10_000), now)).toBe("just now");
    expect(formatAge(new Date(now + 10_000), now)).toBe("just now");
  });

  it("uses minutes and hours below a day", () => {
    expect(formatAge(new Date(now - 50_000), now)).toBe("1 minute ago");
    expect(formatAge(new Date(now - 5 * 3_600_000 - 1), now)).toBe("5 hours ago");
  });

  it("speaks of the future for expiries", () => {
    expect(formatAge(new Date(now + 3 * DAY + 1000), now)).toBe("in 3 days");
  });
});

describe("toDate", () => {
  it("accepts dates, ISO strings and epoch millis, and rejects garbage", () => {
    expect(toDate("2025-01-03T14:22:09Z")?.getTime()).toBe(Date.parse("2025-01-03T14:22:09Z"));
    expect(toDate(0)?.getTime()).toBe(0);
    expect(toDate("not a date")).toBeNull();
    expect(toDate(null)).toBeNull();
    expect(toDate("")).toBeNull();
  });
});
