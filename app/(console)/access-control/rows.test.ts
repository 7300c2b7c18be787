import { describe, expect, it } from "vitest";
import type { ProxyRowDto } from "@/lib/access-control/read";
import { csvRows, filterRows, indexRows, mergeSources, orderRows, parseViewState, serializeViewState, summarize } from "./rows";

const base: ProxyRowDto = {
  key: "a:p1",
  accountId: "a",
  accountName: "Prod",
  projectId: "P",
  region: "cn-north-4",
  instanceId: "i1",
  instanceName: "orders",
  instanceStatus: "normal",
  proxyId: "p1",
  proxyName: "proxy-rw",
  address: "192.168.1.2",
  port: "3306",
  loadBalanced: false,
  proxyStatus: "ACTIVE",
  state: { open: true, type: "white", ipList: [{ ip: "10.0.0.0/16", description: "office" }] },
  exposure: null,
  readError: null,
  firstSeenAt: "2026-12-01T00:00:00.000Z",
  seenAt: "2026-12-04T00:00:00.000Z",
  changedAt: null,
  drift: null,
  gone: false,
  pending: false,
  canSwitch: true,
  canEditRules: true,
};
const row = (patch: Partial<ProxyRowDto>): ProxyRowDto => ({ ...base, ...patch });

const rows = indexRows([
  base,
  row({ key: "a:p2", proxyId: "p2", proxyName: "proxy-ro", instanceName: "crm", state: { open: false, type: "white", ipList: [] }, exposure: "off" }),
  row({ key: "b:p3", accountId: "b", projectId: "Q", proxyId: "p3", proxyName: "proxy-bl", state: { open: true, type: "black", ipList: [] }, exposure: "emptyBlacklist", drift: { at: "x", fields: ["rules"], before: {}, after: {} } }),
  row({ key: "b:p4", accountId: "b", projectId: "Q", proxyId: "p4", proxyName: "proxy-x", state: null }),
]);

describe("access-control rows", () => {
  it("filters by search (rules included), exposure, type and account", () => {
    const all = { account: "", q: "", exposure: "all", type: "any" } as const;
    expect(filterRows(rows, { ...all, q: "10.0.0.0" }).map((r) => r.proxyId)).toEqual(["p1"]);
    expect(filterRows(rows, { ...all, q: "OFFICE" }).map((r) => r.proxyId)).toEqual(["p1"]);
    expect(filterRows(rows, { ...all, exposure: "exposed" }).map((r) => r.proxyId)).toEqual(["p2", "p3"]);
    expect(filterRows(rows, { ...all, exposure: "drift" }).map((r) => r.proxyId)).toEqual(["p3"]);
    expect(filterRows(rows, { ...all, exposure: "unread" }).map((r) => r.proxyId)).toEqual(["p4"]);
    expect(filterRows(rows, { ...all, type: "black" }).map((r) => r.proxyId)).toEqual(["p3"]);
    expect(filterRows(rows, { ...all, account: "b" }).map((r) => r.proxyId)).toEqual(["p3", "p4"]);
  });

  it("puts exposed proxies first, then drift, unless a sort is chosen", () => {
    expect(orderRows(rows, null, []).map((r) => r.proxyId).slice(0, 2)).toEqual(["p3", "p2"]);
  });

  it("counts exposure for the summary", () => {
    expect(summarize(rows)).toMatchObject({ proxies: 4, exposed: 2, off: 1, emptyBlacklist: 1, drift: 1, unread: 1 });
  });

  it("replaces a source's stored rows by its live read", () => {
    const live = new Map([["b:Q", [row({ key: "b:p5", accountId: "b", projectId: "Q", proxyId: "p5" })]]]);
    expect(mergeSources(rows, live).map((r) => r.proxyId)).toEqual(["p1", "p2", "p5"]);
  });

  it("keeps the view in the URL and ignores what it does not know", () => {
    const v = parseViewState(new URLSearchParams("exposure=exposed&type=black&sort=rules.desc&q=%20crm%20&account=nope"));
    expect(v).toEqual({ account: "", q: "crm", exposure: "exposed", type: "black", sort: { id: "rules", dir: "desc" } });
    expect(serializeViewState(v)).toBe("q=crm&exposure=exposed&type=black&sort=rules.desc");
    expect(parseViewState(new URLSearchParams("exposure=bogus&sort=x.up"))).toMatchObject({ exposure: "all", sort: null });
  });

  it("exports one CSV row per proxy with its rules", () => {
    expect(csvRows(rows.slice(0, 1))[0]).toContain("10.0.0.0/16 office");
  });
});
