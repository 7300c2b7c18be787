import { describe, expect, it } from "vitest";
import {
  descriptionProblem,
  diffRules,
  findCovered,
  findDuplicates,
  findWarnings,
  isNoChange,
  parseAddress,
  parsePastedLines,
  rulesFingerprint,
  sameRules,
  type RuleEntry,
  type RulesState,
} from "./rules";

const e = (ip: string, description = ""): RuleEntry => ({ ip, description });
const canonical = (text: string) => {
  const parsed = parseAddress(text);
  return parsed.ok ? parsed.value.canonical : parsed.problem.key;
};

describe("parseAddress", () => {
  it("reads IPv4 addresses and ranges, an address being its own /32", () => {
    expect(canonical("10.0.0.1")).toBe("10.0.0.1/32");
    expect(canonical("10.0.0.1/32")).toBe("10.0.0.1/32");
    expect(canonical("10.0.0.0/16")).toBe("10.0.0.0/16");
    expect(canonical("255.255.255.255")).toBe("255.255.255.255/32");
    expect(canonical("0.0.0.0/0")).toBe("0.0.0.0/0");
  });

  it("reads IPv6 in any spelling as compressed lowercase", () => {
    expect(canonical("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1/128");
    expect(canonical("2001:db8::1/128")).toBe("2001:db8::1/128");
    expect(canonical("2001:db8::/32")).toBe("2001:db8::/32");
    expect(canonical("::/0")).toBe("::/0");
    expect(canonical("::1")).toBe("::1/128");
    expect(canonical("::ffff:10.0.0.1")).toBe("::ffff:a00:1/128");
  });

  it("gives the range start and end as integers", () => {
    const parsed = parseAddress("10.0.0.0/24");
    expect(parsed.ok && [parsed.value.start, parsed.value.end]).toEqual([0x0a000000n, 0x0a0000ffn]);
    const all = parseAddress("::/0");
    expect(all.ok && all.value.end).toBe((1n << 128n) - 1n);
  });

  it("accepts a CIDR with host bits set and reports the range it really covers", () => {
    const parsed = parseAddress("10.0.0.1/24");
    expect(parsed.ok && parsed.value).toMatchObject({ hostBitsSet: true, canonical: "10.0.0.0/24", network: "10.0.0.0" });
    const v6 = parseAddress("2001:db8::1/64");
    expect(v6.ok && v6.value).toMatchObject({ hostBitsSet: true, canonical: "2001:db8::/64" });
    expect(parseAddress("10.0.0.0/24").ok && (parseAddress("10.0.0.0/24") as { value: { hostBitsSet: boolean } }).value.hostBitsSet).toBe(false);
  });

  it("refuses inet_aton's short, hex and octal forms instead of guessing", () => {
    expect(canonical("1.2.3")).toBe("ipFormat");
    expect(canonical("10")).toBe("ipFormat");
    expect(canonical("0x0a.0.0.1")).toBe("ipFormat");
    expect(canonical("256.0.0.1")).toBe("ipFormat");
    expect(canonical("1.2.3.4.5")).toBe("ipFormat");
    const octal = parseAddress("010.1.1.1");
    expect(octal).toEqual({ ok: false, problem: { key: "ipLeadingZero", values: { suggestion: "10.1.1.1" } } });
    expect(canonical("00.0.0.0")).toBe("ipLeadingZero");
  });

  it("refuses empty text, spaces, zone ids and anything that is not an address", () => {
    expect(canonical("")).toBe("ipRequired");
    expect(canonical("10.0.0.1 ")).toBe("ipSpace");
    expect(canonical("10.0.0.1 /24")).toBe("ipSpace");
    expect(canonical("fe80::1%eth0")).toBe("ipZone");
    expect(canonical("fe80::1%eth0/64")).toBe("ipZone");
    expect(canonical("example.com")).toBe("ipFormat");
    expect(canonical("2001:db8:::1")).toBe("ipFormat");
    expect(canonical("/24")).toBe("ipFormat");
    expect(canonical("10.0.0.0/8/8")).toBe("ipFormat");
    expect(canonical(`${"1".repeat(70)}`)).toBe("ipFormat");
  });

  it("keeps the prefix within the family's bounds, written plainly", () => {
    expect(parseAddress("10.0.0.0/33")).toEqual({ ok: false, problem: { key: "ipPrefix", values: { max: 32 } } });
    expect(parseAddress("2001:db8::/129")).toEqual({ ok: false, problem: { key: "ipPrefix", values: { max: 128 } } });
    for (const bad of ["10.0.0.0/", "10.0.0.0/024", "10.0.0.0/+24", "10.0.0.0/-1", "10.0.0.0/2a", "10.0.0.0/1e1"]) expect(canonical(bad), bad).toBe("ipPrefix");
    expect(canonical("2001:db8::/128")).toBe("2001:db8::/128");
    expect(canonical("10.0.0.0/0")).toBe("0.0.0.0/0");
  });
});

describe("descriptionProblem", () => {
  it("allows 0 to 50 characters and counts CJK characters once", () => {
    expect(descriptionProblem("")).toBeNull();
    expect(descriptionProblem("a".repeat(50))).toBeNull();
    expect(descriptionProblem("办".repeat(50))).toBeNull();
    expect(descriptionProblem("a".repeat(51))).toEqual({ key: "tooLong", values: { maximum: 50 } });
  });

  it("refuses < and >, control characters and lone surrogates", () => {
    expect(descriptionProblem("<b>")?.key).toBe("descriptionAngle");
    expect(descriptionProblem("a > b")?.key).toBe("descriptionAngle");
    expect(descriptionProblem("x\uD800y")).toEqual({ key: "textSurrogate", values: { position: 2, code: "U+D800" } });
    expect(descriptionProblem("tab\there")?.key).toBe("textLineBreak");
    expect(descriptionProblem("nul\0")?.key).toBe("textNul");
    expect(descriptionProblem("😀 ok")).toBeNull();
  });
});

describe("duplicates and coverage", () => {
  it("finds entries that repeat an earlier one in another spelling", () => {
    const entries = [e("10.0.0.1"), e("10.0.0.2"), e("10.0.0.1/32"), e("2001:DB8::1"), e("2001:db8::1/128"), e("10.0.0.1")];
    expect(findDuplicates(entries)).toEqual([
      { index: 2, other: 0 },
      { index: 4, other: 3 },
      { index: 5, other: 0 },
    ]);
  });

  it("finds entries inside another's range, naming the widest covering entry", () => {
    const entries = [e("10.0.1.5"), e("10.0.0.0/16"), e("10.0.0.0/8"), e("192.168.1.1"), e("10.0.1.0/24"), e("11.0.0.0/8")];
    expect(findCovered(entries)).toEqual([
      { index: 0, other: 2 },
      { index: 1, other: 2 },
      { index: 4, other: 2 },
    ]);
  });

  it("counts a duplicate inside a wider range as both", () => {
    const entries = [e("10.0.0.0/8"), e("10.1.0.0/16"), e("10.1.0.0/16")];
    expect(findDuplicates(entries)).toEqual([{ index: 2, other: 1 }]);
    expect(findCovered(entries)).toEqual([
      { index: 1, other: 0 },
      { index: 2, other: 0 },
    ]);
  });

  it("keeps IPv4 and IPv6 apart and skips entries that do not parse", () => {
    const entries = [e("::/0"), e("10.0.0.1"), e("::ffff:10.0.0.1"), e("not an ip"), e("0.0.0.0/0")];
    expect(findDuplicates(entries)).toEqual([]);
    expect(findCovered(entries)).toEqual([
      { index: 1, other: 4 },
      { index: 2, other: 0 },
    ]);
  });

  it("sees disjoint neighbours as disjoint", () => {
    expect(findCovered([e("10.0.0.0/24"), e("10.0.1.0/24"), e("10.0.0.255"), e("10.0.2.0")])).toEqual([{ index: 2, other: 0 }]);
  });

  it("handles a full list of 300 entries", () => {
    const entries = Array.from({ length: 300 }, (_, i) => e(`10.${Math.floor(i / 256)}.${i % 256}.1`));
    entries.push(e("10.0.0.0/8"));
    expect(findDuplicates(entries)).toEqual([]);
    expect(findCovered(entries)).toHaveLength(300);
  });

  it("warns about host bits and /0 ranges as well, in entry order", () => {
    expect(findWarnings([e("0.0.0.0/0"), e("10.0.0.1/24"), e("10.0.0.0/24"), e("::/0")])).toEqual([
      { kind: "everything", index: 0, family: "ipv4" },
      { kind: "covered", index: 1, other: 0 },
      { kind: "duplicate", index: 2, other: 1 },
      { kind: "hostBits", index: 1, suggestion: "10.0.0.0/24" },
      { kind: "covered", index: 2, other: 0 },
      { kind: "everything", index: 3, family: "ipv6" },
    ].sort((a, b) => a.index - b.index));
  });
});

describe("parsePastedLines", () => {
  it("reads an address and an optional description per line, separated by spaces, tabs or commas", () => {
    const text = "10.0.0.1\n10.0.0.2 office VPN\n10.0.0.3\tbuild farm\n10.0.0.4, floor 2, east\r\n2001:db8::/32,lab";
    expect(parsePastedLines(text)).toEqual({
      entries: [e("10.0.0.1"), e("10.0.0.2", "office VPN"), e("10.0.0.3", "build farm"), e("10.0.0.4", "floor 2, east"), e("2001:db8::/32", "lab")],
      lines: [1, 2, 3, 4, 5],
      problems: [],
    });
  });

  it("skips blank lines and # comments and reports bad lines by number", () => {
    const text = "\uFEFF# office\n\n   \n10.0.0.1\n1.2.3 old\n10.0.0.2 <script>\n  # indented comment\nfe80::1%eth0\n10.0.0.3 " + "x".repeat(51);
    const { entries, lines, problems } = parsePastedLines(text);
    expect(entries).toEqual([e("10.0.0.1")]);
    expect(lines).toEqual([4]);
    expect(problems).toEqual([
      { line: 5, text: "1.2.3 old", field: "ip", key: "ipFormat" },
      { line: 6, text: "10.0.0.2 <script>", field: "description", key: "descriptionAngle" },
      { line: 8, text: "fe80::1%eth0", field: "ip", key: "ipZone" },
      { line: 9, text: `10.0.0.3 ${"x".repeat(51)}`, field: "description", key: "tooLong", values: { maximum: 50 } },
    ]);
  });

  it("returns nothing for empty text", () => {
    expect(parsePastedLines("")).toEqual({ entries: [], lines: [], problems: [] });
  });
});

describe("diffRules", () => {
  const before: RulesState = { type: "white", ipList: [e("10.0.0.1", "a"), e("10.0.0.2", "b"), e("10.0.0.0/24", "net")] };

  it("compares entries by canonical range", () => {
    const after: RulesState = { type: "white", ipList: [e("10.0.0.1/32", "a"), e("10.0.0.2", "b2"), e("192.168.0.1", "new")] };
    expect(diffRules(before, after)).toEqual({
      typeChanged: false,
      added: [e("192.168.0.1", "new")],
      removed: [e("10.0.0.0/24", "net")],
      changed: [{ ip: "10.0.0.2", before: "b", after: "b2" }],
      unchanged: 1,
    });
  });

  it("removes the whole old list when the type changes, as the vendor does", () => {
    const after: RulesState = { type: "black", ipList: [e("10.0.0.1", "a")] };
    const change = diffRules(before, after);
    expect(change).toEqual({ typeChanged: true, added: [e("10.0.0.1", "a")], removed: before.ipList, changed: [], unchanged: 0 });
    expect(isNoChange(change)).toBe(false);
  });

  it("says when nothing changes", () => {
    expect(isNoChange(diffRules(before, { type: "white", ipList: [...before.ipList].reverse() }))).toBe(true);
    expect(isNoChange(diffRules({ type: "black", ipList: [] }, { type: "black", ipList: [] }))).toBe(true);
  });
});

describe("sameRules and rulesFingerprint", () => {
  const a: RulesState = { type: "white", ipList: [e("10.0.0.1", "a"), e("2001:DB8::1", "v6")] };
  const b: RulesState = { type: "white", ipList: [e("2001:db8::1/128", "v6 "), e(" 10.0.0.1/32", "a")] };

  it("treats order, spelling and surrounding spaces as the same rules", () => {
    expect(sameRules(a, b)).toBe(true);
    expect(rulesFingerprint(a)).toBe(rulesFingerprint(b));
  });

  it("tells apart a different type, range or description", () => {
    const variants: RulesState[] = [
      { ...a, type: "black" },
      { ...a, ipList: [e("10.0.0.1", "a")] },
      { ...a, ipList: [e("10.0.0.1", "A"), e("2001:db8::1", "v6")] },
      { ...a, ipList: [e("10.0.0.0/24", "a"), e("2001:db8::1", "v6")] },
    ];
    for (const v of variants) {
      expect(sameRules(a, v)).toBe(false);
      expect(rulesFingerprint(a)).not.toBe(rulesFingerprint(v));
    }
  });

  it("is a short digest that stays the same across releases (stored fingerprints must still match)", () => {
    // FNV-1a 64 of "black\n" and of "white\n10.0.0.1/32\ta\n2001:db8::1/128\tv6", checked independently.
    expect(rulesFingerprint({ type: "black", ipList: [] })).toBe("r1-802b81d131e6876a");
    expect(rulesFingerprint(a)).toBe("r1-31a03b454b2d5b91");
  });
});
