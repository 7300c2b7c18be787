import type { EmuContext } from "../context";
import type { DmsTenant } from "../state-types";
import { DmsBusinessError, invalidParam } from "./errors";

/** One authenticated DMS call, as the action implementations see it. */
export interface DmsCall {
  ctx: EmuContext;
  params: Map<string, string>;
  accessKeyId: string;
  /** Alibaba Cloud account UID that owns the AccessKey. */
  callerUid: string;
}

const LONG_RE = /^-?\d{1,19}$/;

export function optLong(call: DmsCall, name: string): number | undefined {
  const raw = call.params.get(name);
  if (raw === undefined || raw === "") return undefined;
  if (!LONG_RE.test(raw)) throw invalidParam(name);
  return Number(raw);
}

/** A required id whose absence DMS reports as a business error (e.g. MissingProxyId). */
export function reqLong(call: DmsCall, name: string): number {
  const v = optLong(call, name);
  if (v === undefined) throw new DmsBusinessError(`Missing${name}`, `${name} is mandatory for this action.`);
  return v;
}

export function optString(call: DmsCall, name: string): string | undefined {
  const v = call.params.get(name);
  return v === undefined || v === "" ? undefined : v;
}

export function optEnum<T extends string>(call: DmsCall, name: string, allowed: readonly T[]): T | undefined {
  const v = optString(call, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw invalidParam(name);
  return v as T;
}

export function optPage(call: DmsCall, sizes: readonly number[] | { max: number }, defaultSize = 10) {
  const number = optLong(call, "PageNumber") ?? 1;
  const size = optLong(call, "PageSize") ?? defaultSize;
  if (number < 1) throw invalidParam("PageNumber");
  const okSize = Array.isArray(sizes) ? sizes.includes(size) : size >= 1 && size <= (sizes as { max: number }).max;
  if (!okSize) throw invalidParam("PageSize");
  return { number, size };
}

/** Tid is optional everywhere and defaults to the caller's active tenant. */
export function resolveTenant(call: DmsCall): DmsTenant {
  const raw = call.params.get("Tid");
  if (raw !== undefined && raw !== "") {
    if (!/^\d{1,19}$/.test(raw) || Number(raw) <= 0) {
      throw new DmsBusinessError("InvalidTid", `The tenant ID ${JSON.stringify(raw)} is invalid.`);
    }
    const t = call.ctx.store.get("dmsTenants", Number(raw));
    if (!t) throw new DmsBusinessError("TenantNotExist", `The tenant ${raw} does not exist or the caller is not a member.`);
    return t;
  }
  return activeTenant(call);
}

export function activeTenant(call: DmsCall): DmsTenant {
  const first = call.ctx.fixtures.alibaba.tenants[0];
  const t = first && call.ctx.store.get("dmsTenants", first.tid);
  const any = t ?? call.ctx.store.values("dmsTenants")[0];
  if (!any) throw new DmsBusinessError("TenantNotExist", "The caller has no DMS tenant.");
  return any;
}
