import type { SortState } from "@/components/data-table-sort";
import { AGE_FILTERS, ORIGIN_FILTERS, SORT_IDS, type AgeFilter, type OriginFilter } from "./access-filters";

/*
 * The page's state as URL search parameters, so a filtered view can be shared:
 * account, tenant, proxy, q, origin, age, user, sort ("granted.desc"), job (an open bulk grant) and
 * tz ("china": times in DMS's China time instead of the viewer's zone).
 * Unknown or malformed values fall back to the defaults instead of failing. Free text is cut to
 * TEXT_MAX both ways: a pasted wall of text must not reach the URL, where a reload or a shared link
 * would exceed the server's header limit (HTTP 431) and show an empty page.
 */

/** Longest search or user filter kept; the inputs stop there too. */
export const TEXT_MAX = 200;

export interface ViewState {
  account: string;
  tenant: string;
  proxy: string;
  q: string;
  origin: OriginFilter;
  age: AgeFilter;
  user: string;
  sort: SortState;
  job: string;
  tz: TimeZoneChoice;
}

/** Whose clock the list's times are read on: the viewer's, or China time as DMS shows them. */
export const TIME_ZONE_CHOICES = ["viewer", "china"] as const;
export type TimeZoneChoice = (typeof TIME_ZONE_CHOICES)[number];

const ID = /^\d{1,19}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function bounded(text: string): string {
  return text.slice(0, TEXT_MAX).trim();
}

export function parseSort(raw: string | null): SortState {
  const [id, dir] = (raw ?? "").split(".");
  if (!id || !(SORT_IDS as string[]).includes(id) || (dir !== "asc" && dir !== "desc")) return null;
  return { id, dir };
}

export function parseViewState(params: { get(name: string): string | null }): ViewState {
  const id = (name: string) => {
    const v = params.get(name) ?? "";
    return ID.test(v) ? v : "";
  };
  const account = params.get("account") ?? "";
  const job = params.get("job") ?? "";
  return {
    account: UUID.test(account) ? account : "",
    tenant: id("tenant"),
    proxy: id("proxy"),
    q: bounded(params.get("q") ?? ""),
    origin: oneOf(params.get("origin"), ORIGIN_FILTERS, "all"),
    age: oneOf(params.get("age"), AGE_FILTERS, "any"),
    user: bounded(params.get("user") ?? ""),
    sort: parseSort(params.get("sort")),
    job: UUID.test(job) ? job : "",
    tz: oneOf(params.get("tz"), TIME_ZONE_CHOICES, "viewer"),
  };
}

/** Only non-default values, in a stable order, so equal views have equal URLs. */
export function serializeViewState(state: ViewState): string {
  const out = new URLSearchParams();
  if (state.account) out.set("account", state.account);
  if (state.tenant) out.set("tenant", state.tenant);
  if (state.proxy) out.set("proxy", state.proxy);
  if (bounded(state.q)) out.set("q", bounded(state.q));
  if (state.origin !== "all") out.set("origin", state.origin);
  if (state.age !== "any") out.set("age", state.age);
  if (bounded(state.user)) out.set("user", bounded(state.user));
  if (state.sort) out.set("sort", `${state.sort.id}.${state.sort.dir}`);
  if (state.job) out.set("job", state.job);
  if (state.tz !== "viewer") out.set("tz", state.tz);
  return out.toString();
}
