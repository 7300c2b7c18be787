import { describe, expect, it } from "vitest";
import { can, canAll, canAny, describeMatrix, PERMISSIONS, resourceKey, ROLES, type Principal, type Role } from "./permissions";

const as = (roles: Role[], resources: string[] = []): Principal => ({ roles, resources: new Set(resources) });

describe("permission matrix", () => {
  it("gives admins every permission on every resource", () => {
    for (const p of PERMISSIONS) expect(can(as(["admin"]), p, resourceKey("dms-instance", 1))).toBe(true);
  });

  it("lets only admins manage users and cloud accounts and reveal secrets", () => {
    for (const role of ROLES.filter((r) => r !== "admin")) {
      expect(canAny(as([role], ["dms-instance:1"]), "users:manage")).toBe(false);
      expect(canAny(as([role], ["dms-instance:1"]), "cloudAccounts:manage")).toBe(false);
      expect(canAny(as([role], ["dms-instance:1"]), "proxyAccess:revealSecret")).toBe(false);
    }
  });

  it("lets auditors read but never change", () => {
    const auditor = as(["auditor"]);
    expect(can(auditor, "audit:read")).toBe(true);
    expect(can(auditor, "proxyAccess:read", "dms-instance:5")).toBe(true);
    expect(canAny(auditor, "proxyAccess:grant")).toBe(false);
    expect(canAny(auditor, "proxyAccess:revoke")).toBe(false);
  });

  it("lets admins and auditors see background jobs and only admins retry them", () => {
    for (const role of ROLES) {
      expect(can(as([role]), "jobs:read")).toBe(role === "admin" || role === "auditor");
      expect(can(as([role]), "jobs:retry")).toBe(role === "admin");
    }
  });

  it("scopes owners to the resources listed on them", () => {
    const owner = as(["owner"], ["dms-instance:5101"]);
    expect(can(owner, "proxyAccess:grant", "dms-instance:5101")).toBe(true);
    expect(can(owner, "proxyAccess:grant", "dms-instance:5102")).toBe(false);
    expect(can(owner, "proxyAccess:grant")).toBe(false);
    expect(canAny(owner, "proxyAccess:grant")).toBe(true);
    expect(canAll(owner, "proxyAccess:grant")).toBe(false);
  });

  it("gives an owner with no resources nothing to act on", () => {
    expect(canAny(as(["owner"]), "proxyAccess:grant")).toBe(false);
  });

  it("gives requesters no access to other people's grants or the audit log", () => {
    const requester = as(["requester"]);
    expect(canAny(requester, "proxyAccess:read")).toBe(false);
    expect(canAny(requester, "audit:read")).toBe(false);
    expect(can(requester, "dashboard:view")).toBe(true);
  });

  it("unions the scopes of several roles", () => {
    const both = as(["auditor", "owner"], ["dms-instance:7"]);
    expect(can(both, "proxyAccess:read", "dms-instance:99")).toBe(true);
    expect(can(both, "proxyAccess:grant", "dms-instance:7")).toBe(true);
    expect(can(both, "proxyAccess:grant", "dms-instance:99")).toBe(false);
  });

  it("describes every permission for display", () => {
    expect(describeMatrix().map((r) => r.permission)).toEqual(PERMISSIONS);
  });
});
