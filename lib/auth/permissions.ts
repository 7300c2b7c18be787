/**
 * The single source of truth for who may do what. The UI reads it to decide what to show; every
 * server action and data function reads it to decide what is allowed. Pure: no I/O.
 */

export const ROLES = ["admin", "dba", "owner", "requester", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  dba: "DBA",
  owner: "Instance owner",
  requester: "Requester",
  auditor: "Auditor",
};

/** "all": any resource. "owned": only resources listed on the user (instance owners). */
export type Scope = "all" | "owned";

export const RESOURCE_KINDS = ["dms-instance", "taurus-instance", "mariadb-instance", "dds-instance"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const RESOURCE_KIND_LABELS: Record<ResourceKind, string> = {
  "dms-instance": "Alibaba DMS instance",
  "taurus-instance": "Huawei TaurusDB instance",
  "mariadb-instance": "Tencent MariaDB instance",
  "dds-instance": "Huawei DDS instance",
};

/** A cloud resource as "<kind>:<vendor id>", e.g. "dms-instance:5101". */
export type ResourceKey = `${ResourceKind}:${string}`;

export function resourceKey(kind: ResourceKind, id: string | number): ResourceKey {
  return `${kind}:${id}`;
}

const MATRIX = {
  "dashboard:view": { admin: "all", dba: "all", owner: "all", requester: "all", auditor: "all" },
  /** One's own settings (the console language): every role, and only on oneself. */
  "preferences:update": { admin: "all", dba: "all", owner: "all", requester: "all", auditor: "all" },
  "users:manage": { admin: "all" },
  "audit:read": { admin: "all", auditor: "all" },
  "jobs:read": { admin: "all", auditor: "all" },
  "jobs:retry": { admin: "all" },
  "cloudAccounts:manage": { admin: "all" },
  "proxyAccess:read": { admin: "all", dba: "all", auditor: "all", owner: "owned" },
  "proxyAccess:grant": { admin: "all", dba: "all", owner: "owned" },
  "proxyAccess:revoke": { admin: "all", dba: "all", owner: "owned" },
  "proxyAccess:revealSecret": { admin: "all" },
  /** TaurusDB database proxies' access control, on "taurus-instance:<instance id>". */
  "accessControl:read": { admin: "all", dba: "all", auditor: "all", owner: "owned" },
  "accessControl:switch": { admin: "all", dba: "all", owner: "owned" },
  "accessControl:rules": { admin: "all", dba: "all", owner: "owned" },
  /** Database accounts (Tencent MariaDB accounts, Huawei DDS users), on "mariadb-instance:<id>" / "dds-instance:<id>". */
  "dbAccounts:read": { admin: "all", dba: "all", auditor: "all", owner: "owned" },
  /** Create, reset the password of and delete database accounts. */
  "dbAccounts:manage": { admin: "all", dba: "all", owner: "owned" },
} as const satisfies Record<string, Partial<Record<Role, Scope>>>;

export type Permission = keyof typeof MATRIX;
export const PERMISSIONS = Object.keys(MATRIX) as Permission[];

export interface Principal {
  roles: readonly Role[];
  /** Resource keys the user owns; only consulted for "owned" scopes. */
  resources: ReadonlySet<string>;
}

export function scopesFor(principal: Principal, permission: Permission): Scope[] {
  const row: Partial<Record<Role, Scope>> = MATRIX[permission];
  return principal.roles.flatMap((role) => (row[role] ? [row[role]] : []));
}

/** True when the principal may exercise the permission on at least one resource (UI: show the area or button). */
export function canAny(principal: Principal, permission: Permission): boolean {
  return scopesFor(principal, permission).some((scope) => scope === "all" || principal.resources.size > 0);
}

/** True when the principal may exercise the permission on every resource. */
export function canAll(principal: Principal, permission: Permission): boolean {
  return scopesFor(principal, permission).includes("all");
}

/**
 * True when the principal may exercise the permission on this resource. A permission that is
 * resource-scoped for some role must be asked with the resource; without one only "all" counts.
 */
export function can(principal: Principal, permission: Permission, resource?: ResourceKey | null): boolean {
  return scopesFor(principal, permission).some(
    (scope) => scope === "all" || (scope === "owned" && resource != null && principal.resources.has(resource)),
  );
}

/** The matrix as rows for display (users page legend) and tests. */
export function describeMatrix(): { permission: Permission; scopes: Partial<Record<Role, Scope>> }[] {
  return PERMISSIONS.map((permission) => ({ permission, scopes: { ...MATRIX[permission] } }));
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
