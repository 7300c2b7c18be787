import { describe, expect, it } from "vitest";
import {
  accessControlProbeSource,
  countVendorCalls,
  notLoadedMessage,
  parseRowCount,
  summarizeRuns,
  type AccessControlRun,
  type ProbeState,
} from "./access-control-figures";
import { accessControlRows } from "./report";

/** Runs the probe against a stand-in DOM: one root element and a MutationObserver that can be fired. */
function runProbe() {
  const attrs: Record<string, string> = {};
  let root: { getAttribute(n: string): string | null } | null = null;
  let fire = () => {};
  let disconnected = false;
  const win: { __accessControl?: ProbeState } = {};
  const env = {
    window: win,
    document: { querySelector: (sel: string) => (sel === '[data-testid="access-control-page"]' ? root : null) },
    performance: { now: () => 1234.5 },
    MutationObserver: class {
      constructor(cb: () => void) {
        fire = cb;
      }
      observe() {}
      disconnect() {
        disconnected = true;
      }
    },
  };
  new Function(...Object.keys(env), accessControlProbeSource())(...Object.values(env));
  return {
    state: () => win.__accessControl,
    mount: () => (root = { getAttribute: (n) => attrs[n] ?? null }),
    set: (name: string, value: string) => {
      attrs[name] = value;
      fire();
    },
    disconnected: () => disconnected,
  };
}

describe("access-control probe", () => {
  it("records the time and row count when the root first reads data-loaded=true, then stops watching", () => {
    const p = runProbe();
    p.set("data-loaded", "true"); // no root yet
    expect(p.state()).toEqual({ loadedAt: null, rowCount: null });
    p.mount();
    p.set("data-loaded", "false");
    expect(p.state()?.loadedAt).toBeNull();
    p.set("data-row-count", "410");
    p.set("data-loaded", "true");
    expect(p.state()).toEqual({ loadedAt: 1234.5, rowCount: "410" });
    expect(p.disconnected()).toBe(true);
  });
});

describe("access-control figures", () => {
  it("reads data-row-count strictly", () => {
    expect(parseRowCount("205")).toBe(205);
    expect(parseRowCount(" 0 ")).toBe(0);
    expect(() => parseRowCount(null)).toThrow(/data-row-count is missing/);
    expect(() => parseRowCount("many")).toThrow(/"many"/);
    expect(() => parseRowCount("-1")).toThrow();
  });

  it("says what the page looked like when the wait ran out", () => {
    expect(notLoadedMessage(60_000, { url: "http://x/access-control", rootFound: false, loaded: null, rowCount: null })).toBe(
      'the access-control page did not mark the table complete within 60 s: no [data-testid="access-control-page"] element (at http://x/access-control)',
    );
    expect(notLoadedMessage(60_000, { url: "http://x/login", rootFound: true, loaded: "false", rowCount: "12" })).toBe(
      'the access-control page did not mark the table complete within 60 s: data-loaded="false", data-row-count="12" (at http://x/login)',
    );
  });

  it("counts TaurusDB and IAM calls by action, with refusals, and ignores other services", () => {
    const calls = [
      { seq: 1, service: "iam", action: "KeystoneCreateUserTokenByPassword", outcome: "OK" },
      { seq: 2, service: "iam", action: "KeystoneListAuthProjects", outcome: "OK" },
      { seq: 3, service: "taurus", action: "ShowProxyIpgroup", outcome: "OK" },
      { seq: 4, service: "taurus", action: "ShowProxyIpgroup", outcome: "APIGW.0308" },
      { seq: 5, service: "dms", action: "ListProxyAccesses", outcome: "OK" },
    ];
    expect(countVendorCalls(calls)).toEqual({
      total: 4, taurus: 2, iam: 2, notOk: 1,
      byAction: { KeystoneCreateUserTokenByPassword: 1, KeystoneListAuthProjects: 1, ShowProxyIpgroup: 2 },
    });
  });

  const run = (n: number, ms: number, calls: number, rows = 410): AccessControlRun => ({
    run: n, navigationToLoadedMs: ms, wallClockMs: ms + 20, rows,
    vendorCalls: { total: calls, taurus: calls - 2, iam: 2, notOk: 0, byAction: {} },
  });

  it("keeps the first open apart from the later ones", () => {
    const s = summarizeRuns([run(1, 4000, 260), run(2, 900, 60), run(3, 700, 58), run(4, 800, 58), run(5, 1000, 60)]);
    expect(s.cold.navigationToLoadedMs).toBe(4000);
    expect([s.warm.time.n, s.warm.time.median, s.warm.time.max]).toEqual([4, 850, 1000]);
    expect([s.warm.vendorCalls.median, s.warm.vendorCalls.max]).toEqual([59, 60]);
    expect(s.rowsAgree).toBe(true);
    expect(summarizeRuns([run(1, 1, 1), run(2, 1, 1, 409)]).rowsAgree).toBe(false);
  });

  it("turns a measurement into README rows, and a failure into one row with its reason", () => {
    const runs = [run(1, 4000, 260), run(2, 900, 60), run(3, 700, 58)];
    const value = { status: "measured" as const, instances: 50, proxiesPerInstance: 4, emulatorProxies: 205, url: "/access-control", runs, ...summarizeRuns(runs) };
    const rows = accessControlRows({ ok: true, value });
    expect(rows.map((r) => r[1])).toEqual(["4000 ms / 800 ms / 900 ms", "260 (258 TaurusDB + 2 IAM) / 59 / 60", "410"]);
    expect(rows.every((r) => r[3] === "info")).toBe(true);
    expect(accessControlRows({ ok: false, error: "the access-control page did not mark the table complete within 60 s" })[0]?.[3]).toBe("not measured");
    expect(accessControlRows({ ok: true, value: { status: "not measured", reason: "page missing" } })[0]?.[1]).toBe("not measured: page missing");
    expect(accessControlRows(undefined)).toEqual([]);
  });
});
