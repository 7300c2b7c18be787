import { sortRows, type DataTableColumn, type SortState, type SortValue } from "@/components/data-table-sort";
import { normalise } from "@/components/search-text";
import type { DbAccountRowDto } from "@/lib/accounts/list";

/*
 * Search, filters and sorting of an instance's accounts, as pure functions over rows indexed once,
 * and the page's state as URL search parameters (account, scope, instance, q, mode, sort) so a
 * view can be shared.
 */

export type AccountRow = DbAccountRowDto & { search: string };

/** Tencent read-only modes and DDS role states, in one filter. */
export const MODE_FILTERS = ["any", "readWrite", "readOnly", "withRoles", "noRoles", "system"] as const;
export type ModeFilter = (typeof MODE_FILTERS)[number];
export const TENCENT_MODE_FILTERS: readonly ModeFilter[] = ["any", "readWrite", "readOnly", "system"];
export const DDS_MODE_FILTERS: readonly ModeFilter[] = ["any", "withRoles", "noRoles", "system"];
export const SORT_IDS = ["user", "host", "db", "mode", "roles", "description", "maxConnections", "created", "updated"] as const;

export const TEXT_MAX = 200;

export interface ViewState {
  account: string;
  scope: string;
  instance: string;
  q: string;
  mode: ModeFilter;
  sort: SortState;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCOPE = /^(?:[a-z]{2}-[a-z]+(?:-\d+)?|[A-Za-z0-9]{32})$/;
const INSTANCE = /^(?:tdsql-[a-z0-9]{8}|[A-Za-z0-9]{8,64})$/;
const oneOf = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  value && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
const bounded = (text: string) => text.slice(0, TEXT_MAX).trim();

export function parseViewState(params: { get(name: string): string | null }): ViewState {
  const [id, dir] = (params.get("sort") ?? "").split(".");
  const sort = id && (SORT_IDS as readonly string[]).includes(id) && (dir === "asc" || dir === "desc") ? { id, dir: dir as "asc" | "desc" } : null;
  const pick = (name: string, re: RegExp) => {
    const v = params.get(name) ?? "";
    return re.test(v) ? v : "";
  };
  return {
    account: pick("account", UUID),
    scope: pick("scope", SCOPE),
    instance: pick("instance", INSTANCE),
    q: bounded(params.get("q") ?? ""),
    mode: oneOf(params.get("mode"), MODE_FILTERS, "any"),
    sort,
  };
}

export function serializeViewState(state: ViewState): string {
  const out = new URLSearchParams();
  if (state.account) out.set("account", state.account);
  if (state.scope) out.set("scope", state.scope);
  if (state.instance) out.set("instance", state.instance);
  if (bounded(state.q)) out.set("q", bounded(state.q));
  if (state.mode !== "any") out.set("mode", state.mode);
  if (state.sort) out.set("sort", `${state.sort.id}.${state.sort.dir}`);
  return out.toString();
}

export function indexRows(rows: readonly DbAccountRowDto[]): AccountRow[] {
  return rows.map((r) => ({
    ...r,
    search: normalise([r.userName, r.host ?? "", r.dbName ?? "", r.description, ...r.roles.map((x) => `${x.db}.${x.role}`)].join("\u0001")),
  }));
}

function modeTest(f: ModeFilter): ((r: AccountRow) => boolean) | null {
  switch (f) {
    case "any":
      return null;
    case "readWrite":
      return (r) => r.readOnly === 0;
    case "readOnly":
      return (r) => (r.readOnly ?? 0) > 0;
    case "withRoles":
      return (r) => r.roles.length > 0;
    case "noRoles":
      return (r) => r.roles.length === 0;
    case "system":
      return (r) => r.system || r.resetOnly;
  }
}

export function filterRows(rows: readonly AccountRow[], f: Pick<ViewState, "q" | "mode">): AccountRow[] {
  const q = normalise(f.q.trim());
  const mode = modeTest(f.mode);
  return rows.filter((r) => (!q || r.search.includes(q)) && (!mode || mode(r)));
}

export const isFiltered = (v: Pick<ViewState, "q" | "mode">) => Boolean(v.q || v.mode !== "any");

export const SORT_VALUES: Record<(typeof SORT_IDS)[number], (r: AccountRow) => SortValue> = {
  user: (r) => r.userName.toLowerCase(),
  host: (r) => r.host ?? "",
  db: (r) => r.dbName ?? "",
  mode: (r) => r.readOnly ?? -1,
  roles: (r) => r.roles.length,
  description: (r) => r.description,
  maxConnections: (r) => r.maxConnections ?? -1,
  created: (r) => r.createdAt ?? "",
  updated: (r) => r.updatedAt ?? "",
};

/** By user name, then host or database, unless the viewer picked a sort. */
export function orderRows(rows: readonly AccountRow[], sort: SortState, columns: readonly DataTableColumn<AccountRow>[]): AccountRow[] {
  if (sort) return sortRows(rows, columns, sort);
  return [...rows].sort((a, b) => a.userName.localeCompare(b.userName) || (a.host ?? a.dbName ?? "").localeCompare(b.host ?? b.dbName ?? ""));
}

export const TENCENT_CSV_FIELDS = ["instance_id", "user_name", "host", "read_only_mode", "delay_threshold_s", "replica_pinned", "max_connections", "description", "created_utc", "updated_utc"] as const;
export const DDS_CSV_FIELDS = ["instance_id", "user_name", "database", "roles", "inherited_roles"] as const;
export type CsvField = (typeof TENCENT_CSV_FIELDS)[number] | (typeof DDS_CSV_FIELDS)[number];

export function csvRows(instanceId: string, rows: readonly AccountRow[]): (string | number)[][] {
  return rows.map((r) =>
    r.vendor === "tencent"
      ? [instanceId, r.userName, r.host ?? "", r.readOnly ?? "", r.delayThresh ?? "", r.slaveConst === null ? "" : r.slaveConst ? "yes" : "no", r.maxConnections ?? "", r.description, r.createdAt ?? "", r.updatedAt ?? ""]
      : [instanceId, r.userName, r.dbName ?? "", r.roles.map((x) => `${x.db}.${x.role}`).join("; "), r.inheritedRoles.map((x) => `${x.db}.${x.role}`).join("; ")],
  );
}
