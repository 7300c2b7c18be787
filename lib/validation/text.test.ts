import { describe, expect, it } from "vitest";
import { z } from "zod";
import { wordsFor } from "./error-map";
import { englishErrorMap } from "./server-error-map";
import { plainText, unsafeTextIssues, unsafeTextProblem, type TextKind } from "./text";

/** The English words a refusal reads as. */
const problem = (value: string, kind?: TextKind) => {
  const found = unsafeTextProblem(value, kind);
  return found ? wordsFor(englishErrorMap, found.key, found.values) : null;
};

describe("unsafeTextProblem", () => {
  it("names NUL, unpaired surrogates and control characters with their position", () => {
    expect(problem("ab\u0000c")).toBe("Remove the NUL character at position 3 (U+0000); only printable text is allowed");
    expect(problem("x\ud800")).toBe("Remove the broken character at position 2 (an unpaired surrogate U+D800)");
    expect(problem("\udfffx")).toMatch(/position 1 .*U\+DFFF/);
    expect(problem("a\u001bb")).toMatch(/control character at position 2 \(U\+001B\)/);
    expect(problem("a\u007f")).toMatch(/U\+007F/);
    expect(problem("a\u0085")).toMatch(/U\+0085/);
  });

  it("counts positions in characters, so text after an emoji points at the right place", () => {
    expect(problem("🚀\u0000")).toMatch(/position 2/);
  });

  it("accepts well-formed text of any script, and tab and line breaks only where a field is multi-line", () => {
    for (const ok of ["Ana Müller", "张伟", "Zugang für 🚀", "O'Brien-Smith (ops)"]) expect(problem(ok)).toBeNull();
    expect(problem("line one\nline two\r\n\tthree", "multiline")).toBeNull();
    expect(problem("two\nlines")).toMatch(/line break or tab at position 4/);
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
      name: [{ key: "textNul", values: { position: 2, code: "U+0000" } }],
      "list.1": [{ key: "textSurrogate", values: { position: 1, code: "U+D800" } }],
      "nested.endpoint": [{ key: "textControl", values: { position: 9, code: "U+0001" } }],
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
