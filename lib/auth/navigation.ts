import type { NavItem } from "@/components/app-sidebar";
import { canAny, type Permission, type Principal } from "./permissions";

/** The console's areas in sidebar order, each shown only to those the matrix lets in. */
const AREAS: (NavItem & { permission: Permission })[] = [
  { href: "/", label: "Overview", icon: "dashboard", permission: "dashboard:view" },
  { href: "/proxy-accesses", label: "Proxy accesses", icon: "proxy-accesses", permission: "proxyAccess:read" },
  { href: "/cloud-accounts", label: "Cloud accounts", icon: "cloud-accounts", permission: "cloudAccounts:manage" },
  { href: "/users", label: "Users", icon: "users", permission: "users:manage" },
  { href: "/audit", label: "Audit log", icon: "audit", permission: "audit:read" },
  { href: "/jobs", label: "Jobs", icon: "jobs", permission: "jobs:read" },
];

export function navigationFor(principal: Principal): NavItem[] {
  return AREAS.filter((area) => canAny(principal, area.permission)).map(
    ({ href, label, icon }) => ({ href, label, icon }),
  );
}
