import type { NavItem } from "@/components/app-sidebar";
import { canAny, type Permission, type Principal } from "./permissions";

/** Keys of the areas' names in the Shell.nav messages. */
export type AreaKey = "overview" | "proxyAccesses" | "accessControl" | "dbAccounts" | "cloudAccounts" | "users" | "audit" | "jobs";

/** The console's areas in sidebar order, each shown only to those the matrix lets in. */
const AREAS: (Omit<NavItem, "label"> & { key: AreaKey; permission: Permission })[] = [
  { href: "/", key: "overview", icon: "dashboard", permission: "dashboard:view" },
  { href: "/proxy-accesses", key: "proxyAccesses", icon: "proxy-accesses", permission: "proxyAccess:read" },
  { href: "/access-control", key: "accessControl", icon: "taurus", permission: "accessControl:read" },
  { href: "/accounts", key: "dbAccounts", icon: "mariadb", permission: "dbAccounts:read" },
  { href: "/cloud-accounts", key: "cloudAccounts", icon: "cloud-accounts", permission: "cloudAccounts:manage" },
  { href: "/users", key: "users", icon: "users", permission: "users:manage" },
  { href: "/audit", key: "audit", icon: "audit", permission: "audit:read" },
  { href: "/jobs", key: "jobs", icon: "jobs", permission: "jobs:read" },
];

/** The principal's areas, named in the request's language by `name`. */
export function navigationFor(principal: Principal, name: (key: AreaKey) => string): NavItem[] {
  return AREAS.filter((area) => canAny(principal, area.permission)).map(({ href, key, icon }) => ({ href, label: name(key), icon }));
}
