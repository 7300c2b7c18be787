import { sortRows, type DataTableColumn, type SortState, type SortValue } from "@/components/data-table-sort";
import { normalise } from "@/components/search-text";
import type { AcRow, ExposureFilter, SORT_IDS, ViewState } from "./view-state";

/*
 * Search, filters, sorting and CSV of the access-control table, as pure functions over rows
 * indexed once (view-state.ts, which this re-exports).
 */

export * from "./view-state";

function exposureTest(f: ExposureFilter): ((r: AcRow) => boolean) | null {
  switch (f) {
    case "all":
      return null;
    case "exposed":
      return (r) => r.exposure !== null;
    case "drift":
      return (r) => r.drift !== null;
    case "on":
      return (r) => r.state?.open === true;
    case "off":
      return (r) => r.state?.open === false;
    case "unread":
      return (r) => r.state === null;
  }
}

export function filterRows(rows: readonly AcRow[], f: Pick<ViewState, "account" | "q" | "exposure" | "type">): AcRow[] {
  const q = normalise(f.q.trim());
  const ex = exposureTest(f.exposure);
  return rows.filter(
    (r) =>
      (!f.account || r.accountId === f.account) &&
      (!q || r.search.includes(q)) &&
      (!ex || ex(r)) &&
      (f.type === "any" || r.state?.type === f.type),
  );
}

export function isFiltered(v: ViewState): boolean {
  return Boolean(v.account || v.q || v.exposure !== "all" || v.type !== "any");
}

/** Exposed first, then by instance and proxy name, unless the viewer picked a sort. */
export function orderRows(rows: readonly AcRow[], sort: SortState, columns: readonly DataTableColumn<AcRow>[]): AcRow[] {
  if (sort) return sortRows(rows, columns, sort);
  return [...rows].sort(
    (a, b) =>
      Number(b.exposure !== null) - Number(a.exposure !== null) ||
      Number(b.drift !== null) - Number(a.drift !== null) ||
      a.instanceName.localeCompare(b.instanceName) ||
      a.proxyName.localeCompare(b.proxyName),
  );
}

export const SORT_VALUES: Record<(typeof SORT_IDS)[number], (r: AcRow) => SortValue> = {
  instance: (r) => r.instanceName || r.instanceId,
  proxy: (r) => r.proxyName || r.proxyId,
  address: (r) => r.address,
  mode: (r) => (r.loadBalanced ? 1 : 0),
  status: (r) => r.proxyStatus,
  access: (r) => (r.state ? (r.state.open ? 1 : 0) : -1),
  type: (r) => r.state?.type ?? "",
  rules: (r) => r.state?.ipList.length ?? -1,
  changed: (r) => r.changedAt ?? "",
  account: (r) => r.accountName,
};

export const CSV_FIELDS = [
  "account",
  "region",
  "project_id",
  "instance_name",
  "instance_id",
  "proxy_name",
  "proxy_id",
  "address",
  "port",
  "load_balanced",
  "proxy_status",
  "access_control",
  "rule_type",
  "rule_count",
  "rules",
  "exposed",
  "changed_outside_console",
  "last_changed_utc",
  "seen_utc",
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

export function csvRows(rows: readonly AcRow[]): (string | number)[][] {
  return rows.map((r) => [
    r.accountName,
    r.region,
    r.projectId,
    r.instanceName,
    r.instanceId,
    r.proxyName,
    r.proxyId,
    r.address,
    r.port ?? "",
    r.loadBalanced ? "yes" : "no",
    r.proxyStatus,
    r.state ? (r.state.open ? "on" : "off") : "",
    r.state?.type ?? "",
    r.state?.ipList.length ?? "",
    r.state?.ipList.map((e) => (e.description ? `${e.ip} ${e.description}` : e.ip)).join("; ") ?? "",
    r.exposure ? "yes" : "no",
    r.drift ? r.drift.fields.join("+") : "",
    r.changedAt ?? "",
    r.seenAt,
  ]);
}
