import type { SortState } from "@/components/data-table-sort";

/*
 * The page's state as URL search parameters (cloud account, scope, instance, q, mode, sort), so a
 * view can be shared; what the first view needs. Filtering, sorting and CSV are in rows.ts.
 */

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
