import type { SortState } from "@/components/data-table-sort";
import { normalise } from "@/components/search-text";
import type { ProxyRowDto } from "@/lib/access-control/read";

/*
 * What the page's first view needs of the access-control table: the view's state as URL search
 * parameters (account, q, exposure, type, sort) so a filtered view can be shared, rows indexed
 * once for search, and the summary. Filtering, sorting and CSV are in rows.ts, with the panel.
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

