import { describe, expect, it } from "vitest";
import { REDACTED, redactText, redactValue } from "@/lib/providers/redact";
import { parseJsonSafe } from "@/lib/providers/safe-json";

describe("parseJsonSafe", () => {
  it("turns integers beyond 2^53 into exact decimal strings and leaves the rest alone", () => {
    const parsed = parseJsonSafe(
      '{"a":9007199254740993,"b":-9223372036854775808,"c":9007199254740991,"d":1.5e300,"e":"12345678901234567890","f":[18446744073709551615, 3]}',
    );
    expect(parsed).toEqual({
      a: "9007199254740993",
      b: "-9223372036854775808",
      c: 9007199254740991,
      d: 1.5e300,
      e: "12345678901234567890",
      f: ["18446744073709551615", 3],
    });
  });

  it("ignores digits inside strings, including escaped quotes", () => {
    expect(parseJsonSafe('{"k\\"9007199254740993":"x \\" 9007199254740993","n":0}')).toEqual({
      'k"9007199254740993': 'x " 9007199254740993',
      n: 0,
    });
  });
});

describe("redaction", () => {
  it("replaces secret-named fields and secret values anywhere", () => {
    const value = redactValue(
      { Password: "p", nested: { user_pwd: "x", note: "key=TopSecret and TopSecret%21" }, list: [{ AccessSecret: "s" }] },
      ["TopSecret", "TopSecret!"],
    );
    expect(value).toEqual({
      Password: REDACTED,
      // "TopSecret!" sent RFC 3986-encoded is scrubbed whole, not just its "TopSecret" prefix.
      nested: { user_pwd: REDACTED, note: `key=${REDACTED} and ${REDACTED}` },
      list: [{ AccessSecret: REDACTED }],
    });
    expect(redactText("P%40ss in P@ss", ["P@ss"])).toBe(`${REDACTED} in ${REDACTED}`);
  });
});
