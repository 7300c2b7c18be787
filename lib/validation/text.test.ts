import { describe, expect, it } from "vitest";
import { z } from "zod";
import { plainText, unsafeTextIssues, unsafeTextProblem } from "./text";

describe("unsafeTextProblem", () => {
  it("names NUL, unpaired surrogates and control characters with their position", () => {
    expect(unsafeTextProblem("ab\u0000c")).toBe("Remove the NUL character at position 3 (U+0000); only printable text is allowed");
    expect(unsafeTextProblem("x\ud800")).toBe("Remove the broken character at position 2 (an unpaired surrogate U+D800)");
    expect(unsafeTextProblem("\udfffx")).toMatch(/position 1 .*U\+DFFF/);
    expect(unsafeTextProblem("a\u001bb")).toMatch(/control character at position 2 \(U\+001B\)/);
    expect(unsafeTextProblem("a\u007f")).toMatch(/U\+007F/);
    expect(unsafeTextProblem("a\u0085")).toMatch(/U\+0085/);
  });

  it("counts positions in characters, so text after an emoji points at the right place", () => {
    expect(unsafeTextProblem("🚀\u0000")).toMatch(/position 2/);
  });

  it("accepts well-formed text of any script, and tab and line breaks only where a field is multi-line", () => {
    for (const ok of ["Ana Müller", "张伟", "Zugang für 🚀", "O'Brien-Smith (ops)"]) expect(unsafeTextProblem(ok)).toBeNull();
    expect(unsafeTextProblem("line one\nline two\r\n\tthree", "multiline")).toBeNull();
    expect(unsafeTextProblem("two\nlines")).toMatch(/line break or tab at position 4/);
  });
});

describe("plainText", () => {
  it("refuses in the schema, after trimming", () => {
    const name = z.string().trim().min(1).check(plainText());
    expect(name.safeParse("  Ana \n").success).toBe(true);
    expect(name.safeParse("A\u0000na").error?.issues[0]?.message).toMatch(/NUL character at position 2/);
  });
});

describe("unsafeTextIssues", () => {
  it("finds every bad string at any depth as a field error at its path", () => {
    expect(unsafeTextIssues({ ok: "fine", name: "a\u0000", list: ["x", "\ud800"], nested: { endpoint: "http://a\u0001b" }, n: 1, b: true })).toEqual({
      name: [expect.stringContaining("NUL")],
      "list.1": [expect.stringContaining("unpaired surrogate")],
      "nested.endpoint": [expect.stringContaining("U+0001")],
    });
  });

  it("lets tab and line breaks through for the fields' own schemas to judge", () => {
    expect(unsafeTextIssues({ reason: "one\ntwo\tthree" })).toEqual({});
  });

  it("stops after a bounded number of issues", () => {
    const issues = unsafeTextIssues({ ids: Array.from({ length: 1000 }, () => "\u0000") });
    expect(Object.keys(issues).length).toBe(20);
  });
});
