import { describe, expect, it } from "vitest";
import type { DbAccountRowDto } from "@/lib/accounts/list";
import { csvRows, filterRows, indexRows, orderRows, parseViewState, serializeViewState } from "./rows";

const base: DbAccountRowDto = {
  key: "",
  vendor: "tencent",
  userName: "",
  host: "%",
  dbName: null,
  readOnly: 0,
  delayThresh: null,
  slaveConst: null,
  maxConnections: 0,
  description: "",
  createdAt: null,
  updatedAt: null,
  roles: [],
  inheritedRoles: [],
  system: false,
  resetOnly: false,
  pending: false,
};
const tencent = (userName: string, host: string, readOnly: number, description = "") => ({ ...base, key: `${userName}@${host}`, userName, host, readOnly, description });
const dds = (userName: string, dbName: string, roles: { db: string; role: string }[]) => ({ ...base, vendor: "huawei" as const, key: `${dbName}.${userName}`, userName, host: null, dbName, readOnly: null, roles });

describe("the accounts table's rows", () => {
  const rows = indexRows([tencent("crm_app", "%", 0, "CRM backend"), tencent("crm_ro", "10.%", 1), tencent("bi_reader", "%", 3, "BI dashboards")]);

  it("finds accounts by user, host or description, without case or accents", () => {
    expect(filterRows(rows, { q: "crm", mode: "any" }).map((r) => r.key)).toEqual(["crm_app@%", "crm_ro@10.%"]);
    expect(filterRows(rows, { q: "10.%", mode: "any" }).map((r) => r.key)).toEqual(["crm_ro@10.%"]);
    expect(filterRows(rows, { q: "DASHBOARDS", mode: "any" }).map((r) => r.key)).toEqual(["bi_reader@%"]);
  });

  it("filters read-only modes together and read-write apart", () => {
    expect(filterRows(rows, { q: "", mode: "readOnly" }).map((r) => r.userName)).toEqual(["crm_ro", "bi_reader"]);
    expect(filterRows(rows, { q: "", mode: "readWrite" }).map((r) => r.userName)).toEqual(["crm_app"]);
  });

  it("filters DDS users by whether they hold roles, and searches their roles", () => {
    const users = indexRows([dds("app", "admin", [{ db: "sales", role: "readWrite" }]), dds("nobody", "admin", [])]);
    expect(filterRows(users, { q: "", mode: "noRoles" }).map((r) => r.userName)).toEqual(["nobody"]);
    expect(filterRows(users, { q: "sales.readwrite", mode: "any" }).map((r) => r.userName)).toEqual(["app"]);
  });

  it("orders by user name, then host, unless a sort is chosen", () => {
    expect(orderRows(rows, null, []).map((r) => r.userName)).toEqual(["bi_reader", "crm_app", "crm_ro"]);
  });

  it("exports one line per account with the vendor's own values", () => {
    expect(csvRows("tdsql-demo0001", rows.slice(1, 2))).toEqual([["tdsql-demo0001", "crm_ro", "10.%", 1, "", "", 0, "", "", ""]]);
    expect(csvRows("x", indexRows([dds("app", "admin", [{ db: "sales", role: "read" }])]))).toEqual([["x", "app", "admin", "sales.read", ""]]);
  });
});

describe("the page's URL state", () => {
  it("keeps what is valid and drops what is not", () => {
    const v = parseViewState(new URLSearchParams("account=7d8f3c52-1c1e-4c53-9a61-6e9fcb0a8d11&scope=ap-guangzhou&instance=tdsql-demo0001&q=crm&mode=readOnly&sort=user.desc"));
    expect(v).toEqual({ account: "7d8f3c52-1c1e-4c53-9a61-6e9fcb0a8d11", scope: "ap-guangzhou", instance: "tdsql-demo0001", q: "crm", mode: "readOnly", sort: { id: "user", dir: "desc" } });
    expect(serializeViewState(v)).toBe("account=7d8f3c52-1c1e-4c53-9a61-6e9fcb0a8d11&scope=ap-guangzhou&instance=tdsql-demo0001&q=crm&mode=readOnly&sort=user.desc");
    const bad = parseViewState(new URLSearchParams("account=x&scope=../..&instance=<script>&mode=all&sort=evil.up"));
    expect(bad).toEqual({ account: "", scope: "", instance: "", q: "", mode: "any", sort: null });
  });
});
