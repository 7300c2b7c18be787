import { describe, expect, it } from "vitest";
import type { ProxyAccessDto } from "@/lib/dal/proxy-accesses-parse";
import { filterRows, indexRows, sortAccessRows, summarize, type AccessFilters } from "./access-filters";
import { parseViewState, serializeViewState, TEXT_MAX } from "./view-state";

const NOW = Date.parse("2026-11-22T12:00:00Z");
const DAY = 86_400_000;

function access(id: number, over: Partial<ProxyAccessDto> = {}): ProxyAccessDto {
  return {
    id: String(id),
    proxyId: "1202",
    instanceId: "5102",
    userId: String(100000 + id),
    userUid: `2${String(id).padStart(15, "0")}`,
    userName: `User ${id}`,
    accessId: `ACC${id}`,
    indepAccount: "",
    origin: "owner",
    originRef: "1688000000000001",
    originInfo: "Authorization by the Alibaba Cloud Account(1688000000000001)",
    grantedAt: new Date(NOW - id * DAY).toISOString(),
    gmtCreate: "",
    ...over,
  };
}

const rows = indexRows([
  access(1, { userName: "Zhang Wei", indepAccount: "app_rw" }),
  access(10, { userName: "Alice Chen", origin: "ticket", originRef: "12345678", originInfo: "提交工单(12345678)授权" }),
  access(100, { userName: "Brian Wong" }),
  access(400, { userName: "Carol Lee", origin: "other", originRef: "Migrated", originInfo: "Migrated" }),
  access(5, { userName: "db10 user", grantedAt: null }),
  access(6, { userName: "db2 user" }),
]);
const none: AccessFilters = { q: "", origin: "all", age: "any", user: "" };
const names = (list: readonly { userName: string }[]) => list.map((r) => r.userName);

describe("filterRows", () => {
  it("returns the same array when nothing filters", () => {
    expect(filterRows(rows, none, NOW)).toBe(rows);
  });

  it("matches every term in any field, ignoring case and width", () => {
    expect(names(filterRows(rows, { ...none, q: "ZHANG app_rw" }, NOW))).toEqual(["Zhang Wei"]);
    expect(names(filterRows(rows, { ...none, q: "１２３４５６７８" }, NOW))).toEqual(["Alice Chen"]);
    expect(names(filterRows(rows, { ...none, q: "acc100" }, NOW))).toEqual(["Brian Wong"]);
    expect(filterRows(rows, { ...none, q: "zhang alice" }, NOW)).toHaveLength(0);
  });

  it("finds rows by the origin's label in the viewer's language", () => {
    const zh = indexRows(
      [access(1, { userName: "Wang", origin: "ticket", originRef: "1", originInfo: "x" }), access(2, { userName: "Li", origin: "owner", originRef: "2", originInfo: "y" })],
      { owner: "责任人授权", ticket: "工单授权", other: "其他" },
    );
    expect(names(filterRows(zh, { ...none, q: "工单" }, NOW))).toEqual(["Wang"]);
  });

  it("filters by origin, by age (rows without a readable time never match an age) and by user", () => {
    expect(names(filterRows(rows, { ...none, origin: "ticket" }, NOW))).toEqual(["Alice Chen"]);
    expect(names(filterRows(rows, { ...none, origin: "other" }, NOW))).toEqual(["Carol Lee"]);
    expect(names(filterRows(rows, { ...none, age: "gt90" }, NOW))).toEqual(["Brian Wong", "Carol Lee"]);
    expect(names(filterRows(rows, { ...none, age: "gt365" }, NOW))).toEqual(["Carol Lee"]);
    expect(names(filterRows(rows, { ...none, age: "lt7" }, NOW))).toEqual(["Zhang Wei", "db2 user"]);
    expect(names(filterRows(rows, { ...none, user: "100010" }, NOW))).toEqual(["Alice Chen"]);
    // The user filter looks at the user only, not at other fields.
    expect(filterRows(rows, { ...none, user: "app_rw" }, NOW)).toHaveLength(0);
  });

  it("keeps the sorted order", () => {
    const sorted = sortAccessRows(rows, { id: "user", dir: "desc" });
    expect(names(filterRows(sorted, { ...none, q: "user" }, NOW))).toEqual(["db10 user", "db2 user"]);
  });
});

describe("sortAccessRows", () => {
  it("sorts names naturally and empty values last in both directions", () => {
    expect(names(sortAccessRows(rows, { id: "user", dir: "asc" }))).toEqual(["Alice Chen", "Brian Wong", "Carol Lee", "db2 user", "db10 user", "Zhang Wei"]);
    expect(names(sortAccessRows(rows, { id: "granted", dir: "desc" })).at(-1)).toBe("db10 user");
    expect(names(sortAccessRows(rows, { id: "granted", dir: "asc" })).at(-1)).toBe("db10 user");
    expect(names(sortAccessRows(rows, { id: "granted", dir: "asc" }))[0]).toBe("Carol Lee");
  });

  it("sorts origins owner, ticket, other", () => {
    expect(sortAccessRows(rows, { id: "origin", dir: "asc" }).map((r) => r.origin)).toEqual(["owner", "owner", "owner", "owner", "ticket", "other"]);
  });

  it("sorts every column without throwing and leaves the input alone", () => {
    const before = rows.map((r) => r.id);
    for (const id of ["user", "accessId", "indepAccount", "instance", "origin", "granted", "id"]) {
      expect(sortAccessRows(rows, { id, dir: "asc" })).toHaveLength(rows.length);
    }
    expect(rows.map((r) => r.id)).toEqual(before);
    expect(sortAccessRows(rows, null)).toBe(rows);
  });
});

describe("summarize", () => {
  it("counts by origin and what is older than 90 days", () => {
    expect(summarize(rows, NOW)).toEqual({ total: 6, byOrigin: { owner: 4, ticket: 1, other: 1 }, olderThan90: 2 });
  });
});

describe("view state in the URL", () => {
  it("round-trips a shared view", () => {
    const url = "account=0b4c8a52-1f6e-4b8e-9d2c-3a1f5e6d7c8b&tenant=3001&proxy=1202&q=zhang&origin=ticket&age=gt90&user=wei&sort=granted.desc&tz=china";
    const state = parseViewState(new URLSearchParams(url));
    expect(state).toMatchObject({ tenant: "3001", proxy: "1202", q: "zhang", origin: "ticket", age: "gt90", user: "wei", sort: { id: "granted", dir: "desc" } });
    expect(serializeViewState(state)).toBe(url);
  });

  it("drops malformed values instead of failing", () => {
    const state = parseViewState(new URLSearchParams("account=x&tenant=abc&origin=evil&age=old&sort=password.up&job=1&tz=mars"));
    expect(state).toEqual({ account: "", tenant: "", proxy: "", q: "", origin: "all", age: "any", user: "", sort: null, job: "", tz: "viewer" });
    expect(serializeViewState(state)).toBe("");
  });

  it("writes at most TEXT_MAX characters of a pasted search or user filter into the URL", () => {
    const state = parseViewState(new URLSearchParams("proxy=1202"));
    const url = serializeViewState({ ...state, q: "x".repeat(10_240), user: "y".repeat(10_240) });
    const back = new URLSearchParams(url);
    expect(back.get("q")).toBe("x".repeat(TEXT_MAX));
    expect(back.get("user")).toBe("y".repeat(TEXT_MAX));
    expect(url.length).toBeLessThan(2 * TEXT_MAX + 40);
    expect(parseViewState(new URLSearchParams(`q=${"z".repeat(10_240)}`)).q).toHaveLength(TEXT_MAX);
  });
});
