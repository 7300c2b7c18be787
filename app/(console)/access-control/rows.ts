import { sortRows, type DataTableColumn, type SortState, type SortValue } from "@/components/data-table-sort";
import { normalise } from "@/components/search-text";
import type { ProxyRowDto } from "@/lib/access-control/read";

/*
 * Search, filters, sorting and the summary of the access-control table, as pure functions over
 * rows indexed once, and the view's state as URL search parameters (account, q, exposure, type,
 * sort) so a filtered view can be shared.
 */

export type AcRow = ProxyRowDto & { search: string };

export const EXPOSURE_FILTERS = ["all", "exposed", "drift", "on", "off", "unread"] as const;
export type ExposureFilter = (typeof EXPOSURE_FILTERS)[number];
export const TYPE_FILTERS = ["any", "white", "black"] as const;
export type TypeFilter = (typeof TYPE_FILTERS)[number];
export const SORT_IDS = ["instance", "proxy", "address", "mode", "status", "access", "type", "rules", "changed", "account"] as const;

export const TEXT_MAX = 200;

export interface ViewState {
  account: string;
  q: string;
  exposure: ExposureFilter;
  type: TypeFilter;
  sort: SortState;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const oneOf = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  value && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
const bounded = (text: string) => text.slice(0, TEXT_MAX).trim();

export function parseViewState(params: { get(name: string): string | null }): ViewState {
  const account = params.get("account") ?? "";
  const [id, dir] = (params.get("sort") ?? "").split(".");
  const sort = id && (SORT_IDS as readonly string[]).includes(id) && (dir === "asc" || dir === "desc") ? { id, dir: dir as "asc" | "desc" } : null;
  return {
    account: UUID.test(account) ? account : "",
    q: bounded(params.get("q") ?? ""),
    exposure: oneOf(params.get("exposure"), EXPOSURE_FILTERS, "all"),
    type: oneOf(params.get("type"), TYPE_FILTERS, "any"),
    sort,
  };
}

export function serializeViewState(state: ViewState): string {
  const out = new URLSearchParams();
  if (state.account) out.set("account", state.account);
  if (bounded(state.q)) out.set("q", bounded(state.q));
  if (state.exposure !== "all") out.set("exposure", state.exposure);
  if (state.type !== "any") out.set("type", state.type);
  if (state.sort) out.set("sort", `${state.sort.id}.${state.sort.dir}`);
  return out.toString();
}

export function indexRows(rows: readonly ProxyRowDto[]): AcRow[] {
  return rows.map((r) => ({
    ...r,
    search: normalise([r.instanceName, r.instanceId, r.proxyName, r.proxyId, r.address, r.port ?? "", r.accountName, r.region, ...(r.state?.ipList.map((e) => `${e.ip} ${e.description}`) ?? [])].join("\u0001")),
  }));
}

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

export interface Summary {
  proxies: number;
  instances: number;
  exposed: number;
  off: number;
  emptyBlacklist: number;
  drift: number;
  unread: number;
}

export function summarize(rows: readonly AcRow[]): Summary {
  const s: Summary = { proxies: rows.length, instances: new Set(rows.map((r) => `${r.accountId}:${r.instanceId}`)).size, exposed: 0, off: 0, emptyBlacklist: 0, drift: 0, unread: 0 };
  for (const r of rows) {
    if (r.exposure) s.exposed += 1;
    if (r.exposure === "off") s.off += 1;
    if (r.exposure === "emptyBlacklist") s.emptyBlacklist += 1;
    if (r.drift) s.drift += 1;
    if (!r.state) s.unread += 1;
  }
  return s;
}

/** Stored rows, each source's replaced by its live read once that arrived. */
export function mergeSources(stored: readonly ProxyRowDto[], live: ReadonlyMap<string, readonly ProxyRowDto[]>): ProxyRowDto[] {
  const kept = stored.filter((r) => !live.has(`${r.accountId}:${r.projectId}`));
  return [...kept, ...[...live.values()].flat()];
}

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
