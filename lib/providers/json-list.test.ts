import { describe, expect, it } from "vitest";
import { elementText, splitListField } from "./json-list";

const utf8 = (text: string) => new TextEncoder().encode(text);

function elements(text: string, field = "List") {
  const bytes = utf8(text);
  const split = splitListField(bytes, field);
  if (!split) return null;
  return { envelope: split.envelope, items: Array.from({ length: split.count }, (_, i) => elementText(bytes, split, i)), split };
}

describe("splitListField", () => {
  it("hands out each element of the top-level array and the envelope without it", () => {
    const got = elements(`{"RequestId":"r1","List":[{"a":1,"b":"x,]}"}, {"a":2,"c":[1,[2]]} ,3,"s"],"Success":true}`);
    expect(got?.items).toEqual([`{"a":1,"b":"x,]}"}`, `{"a":2,"c":[1,[2]]}`, "3", `"s"`]);
    expect(JSON.parse(got!.envelope)).toEqual({ RequestId: "r1", List: [], Success: true });
  });

  it("keeps multi-byte text intact and strips a leading byte-order mark from the envelope only", () => {
    const got = elements(`\uFEFF {"List":[{"o":"阿里云账号(1688000000000001)授权"},{"o":"提交工单(7)授权"}]}`);
    expect(got?.items.map((t) => JSON.parse(t))).toEqual([{ o: "阿里云账号(1688000000000001)授权" }, { o: "提交工单(7)授权" }]);
    expect(JSON.parse(got!.envelope)).toEqual({ List: [] });
  });

  it("reads an empty array as no elements, and a hole as an empty element (which JSON.parse refuses)", () => {
    expect(elements(`{"List":[ ]}`)?.items).toEqual([]);
    expect(elements(`{"List":[1,]}`)?.items).toEqual(["1", ""]);
    expect(elements(`{"List":[,1]}`)?.items).toEqual(["", "1"]);
  });

  it("ignores the field's name inside nested objects and string values", () => {
    const got = elements(`{"Note":"\\"List\\":[9]","Inner":{"List":[8]},"List":[7]}`);
    expect(got?.items).toEqual(["7"]);
    expect(JSON.parse(got!.envelope)).toEqual({ Note: `"List":[9]`, Inner: { List: [8] }, List: [] });
  });

  it("flags only the elements holding a literal that may not fit a double", () => {
    const got = elements(`{"List":[{"id":9007199254740993},{"id":12,"s":"12345678901234567890"},{"id":-1234567890123456789}]}`);
    expect([0, 1, 2].map((i) => got!.split.mayHoldUnsafeInteger(i))).toEqual([true, false, true]);
  });

  it("gives up (the caller parses the body whole) when it cannot be sure", () => {
    expect(elements(`[1,2]`)).toBeNull(); // not an object
    expect(elements(`{"Other":[1]}`)).toBeNull(); // no such field
    expect(elements(`{"List":null}`)).toBeNull(); // not an array
    expect(elements(`{"List":{"a":[1]}}`)).toBeNull();
    expect(elements(`{"List":[1,2`)).toBeNull(); // unterminated
    expect(elements(`{"List":[1}`)).toBeNull(); // mismatched bracket
    expect(elements(``)).toBeNull();
  });
});
