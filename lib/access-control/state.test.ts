import { describe, expect, it } from "vitest";
import { changedFields, exposureOf, shutsEveryoneOut, stateFingerprint } from "./state";

const white = (ips: string[], open = true) => ({ open, type: "white" as const, ipList: ips.map((ip) => ({ ip, description: "" })) });
const black = (ips: string[], open = true) => ({ open, type: "black" as const, ipList: ips.map((ip) => ({ ip, description: "" })) });

describe("access-control state", () => {
  it("calls a proxy exposed when access control is off or its blacklist is empty", () => {
    expect(exposureOf(white(["10.0.0.0/8"], false))).toBe("off");
    expect(exposureOf(black([], false))).toBe("off");
    expect(exposureOf(black([]))).toBe("emptyBlacklist");
    expect(exposureOf(black(["203.0.113.7"]))).toBeNull();
    expect(exposureOf(white([]))).toBeNull();
    expect(exposureOf(null)).toBeNull();
  });

  it("knows an empty whitelist with access control on shuts everyone out", () => {
    expect(shutsEveryoneOut(white([]))).toBe(true);
    expect(shutsEveryoneOut(white([], false))).toBe(false);
    expect(shutsEveryoneOut(black([]))).toBe(false);
    expect(shutsEveryoneOut(white(["10.0.0.1"]))).toBe(false);
  });

  it("fingerprints the switch and the rules, not their order or spelling", () => {
    expect(stateFingerprint(white(["10.0.0.1", "10.0.0.0/16"]))).toBe(stateFingerprint(white(["10.0.0.0/16", "10.0.0.1/32"])));
    expect(stateFingerprint(white(["10.0.0.1"]))).not.toBe(stateFingerprint(white(["10.0.0.1"], false)));
    expect(stateFingerprint(white(["10.0.0.1"]))).not.toBe(stateFingerprint(black(["10.0.0.1"])));
    expect(stateFingerprint(null)).toBe("unread");
  });

  it("names what changed between two reads", () => {
    expect(changedFields(white(["10.0.0.1"]), white(["10.0.0.1"], false))).toEqual(["switch"]);
    expect(changedFields(white(["10.0.0.1"]), white(["10.0.0.2"]))).toEqual(["rules"]);
    expect(changedFields(white(["10.0.0.1"]), black(["10.0.0.1"], false))).toEqual(["switch", "type"]);
    expect(changedFields(white(["10.0.0.1"]), white(["10.0.0.1"]))).toEqual([]);
  });
});
