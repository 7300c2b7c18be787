import { sortRows, type DataTableColumn, type SortState, type SortValue } from "@/components/data-table-sort";
import { normalise } from "@/components/search-text";
import type { DbAccountRowDto } from "@/lib/accounts/list";
import type { ModeFilter, SORT_IDS, ViewState } from "./view-state";

/*
 * Search, filters, sorting and CSV of an instance's accounts, as pure functions over rows indexed
 * once; the URL state is in view-state.ts, which this re-exports.
 */

export * from "./view-state";

export type AccountRow = DbAccountRowDto & { search: string };

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
