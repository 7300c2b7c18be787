import type { EmuContext } from "./context";
import { COLL_NAMES, type DdsInstance, type DmsUser, type TaurusInstance } from "./state-types";
import { delOp, putOp } from "./store";
import { formatChinaTime } from "./util";

/** Read-only views for tests; password hashes and access secrets never leave the store. */
export function summary(ctx: EmuContext): Record<string, number> {
  return Object.fromEntries(COLL_NAMES.map((c) => [c, ctx.store.count(c)]));
}

export function dmsAccessesOfProxy(ctx: EmuContext, proxyId: number) {
  return ctx.store
    .values("dmsAccesses")
    .filter((a) => a.proxyId === proxyId)
    .sort((a, b) => a.proxyAccessId - b.proxyAccessId)
    .map((a) => {
      const u = ctx.store.get("dmsUsers", a.userId);
      return {
        proxyAccessId: a.proxyAccessId, proxyId: a.proxyId, instanceId: a.instanceId, tid: a.tid, userId: a.userId,
        userUid: u?.uid ?? "", userName: u?.nickName ?? "", accessId: a.accessId, originInfo: a.originInfo,
        indepAccount: a.indepAccount, hasIndepPassword: a.indepPasswordHash !== "", gmtCreate: formatChinaTime(a.gmtCreate),
      };
    });
}

/** Pairs (proxy, user) holding more than one access: what the console must never create. */
export function dmsDuplicates(ctx: EmuContext) {
  const groups = new Map<string, number[]>();
  for (const a of ctx.store.values("dmsAccesses")) {
    const k = `${a.proxyId}:${a.userId}`;
    groups.set(k, [...(groups.get(k) ?? []), a.proxyAccessId]);
  }
  return [...groups.entries()]
    .filter(([, ids]) => ids.length > 1)
    .map(([k, ids]) => {
      const [proxyId, userId] = k.split(":").map(Number);
      return { proxyId, userId, proxyAccessIds: ids.sort((x, y) => x - y) };
    });
}

export function dmsUsers(ctx: EmuContext, tid?: number) {
  return ctx.store
    .values("dmsUsers")
    .filter((u) => tid === undefined || u.tid === tid)
    .sort((a, b) => a.userId - b.userId)
    .map((u) => ({ userId: u.userId, tid: u.tid, uid: u.uid, nickName: u.nickName, state: u.state, roles: u.roles }));
}

export function mariaAccounts(ctx: EmuContext, instanceId: string) {
  return ctx.store
    .values("mariaAccounts")
    .filter((a) => a.instanceId === instanceId)
    .map((a) => ({
      userName: a.userName, host: a.host, readOnly: a.readOnly, description: a.description,
      createTime: formatChinaTime(a.createTime), updateTime: formatChinaTime(a.updateTime),
    }));
}

export function ddsUsers(ctx: EmuContext, instanceId: string) {
  return ctx.store
    .values("ddsUsers")
    .filter((u) => u.instanceId === instanceId)
    .map((u) => ({ db: u.db, user: u.user, roles: u.roles }));
}

export function taurusProxy(ctx: EmuContext, proxyId: string) {
  const p = ctx.store.get("taurusProxies", proxyId);
  return p && { id: p.id, instanceId: p.instanceId, name: p.name, status: p.status, accessControl: p.accessControl };
}

export interface AccessControlChange {
  open?: boolean;
  type?: "white" | "black";
  ipList?: Array<{ ip: string; description?: string }>;
}

/**
 * Test hook: changes a proxy's access control as if someone did it in Huawei's own console, so a
 * test can see how the console copes with drift. As with the vendor, a new type without a list
 * discards the old list. Undefined when the proxy does not exist.
 */
export function setTaurusAccessControl(ctx: EmuContext, proxyId: string, change: AccessControlChange) {
  const p = ctx.store.get("taurusProxies", proxyId);
  if (!p) return undefined;
  const ac = p.accessControl;
  const type = change.type ?? ac.type;
  const ipList = change.ipList
    ? change.ipList.map((r) => ({ ip: r.ip, description: r.description ?? "" }))
    : type === ac.type ? ac.ipList : [];
  ctx.store.commit([putOp("taurusProxies", p.id, { ...p, accessControl: { ...ac, open: change.open ?? ac.open, type, ipList } })]);
  return taurusProxy(ctx, proxyId);
}

/**
 * Test hook: put an instance into a given state (e.g. to exercise "instance not normal"). DDS also
 * takes `actions` (operations in progress, e.g. ["RESTARTING"]; [] clears them) with or without a status.
 */
export function setStatus(ctx: EmuContext, service: string, id: string, status: unknown, actions?: unknown): boolean {
  const s = ctx.store;
  if (service === "mariadb") {
    const i = s.get("mariaInstances", id);
    if (!i || typeof status !== "number") return false;
    s.commit([putOp("mariaInstances", id, { ...i, status })]);
    return true;
  }
  if (service === "dds") {
    const i = s.get("ddsInstances", id);
    const validActions = actions === undefined || (Array.isArray(actions) && actions.every((a) => typeof a === "string"));
    if (!i || !validActions || (status === undefined && actions === undefined) || (status !== undefined && typeof status !== "string")) return false;
    s.commit([putOp("ddsInstances", id, {
      ...i,
      status: (status as DdsInstance["status"] | undefined) ?? i.status,
      actions: (actions as string[] | undefined) ?? i.actions,
    })]);
    return true;
  }
  if (service === "taurus") {
    const i = s.get("taurusInstances", id);
    if (!i || typeof status !== "string") return false;
    s.commit([putOp("taurusInstances", id, { ...i, status: status as TaurusInstance["status"] })]);
    return true;
  }
  return false;
}

export function revokeTokens(ctx: EmuContext): number {
  const all = ctx.store.values("iamTokens");
  ctx.store.commit(all.map((t) => delOp("iamTokens", t.hash)));
  return all.length;
}

/** Users added by tests sit above every seeded id (the large seed starts at 200,001). */
export const EXTRA_USER_BASE = 900_000;

/**
 * Test hook: `count` more DMS users in tenant `tid` (e.g. for a bulk grant larger than the demo
 * tenant), named `extra-user-NNNNN`. Null when the tenant does not exist.
 */
export function addDmsUsers(ctx: EmuContext, tid: number, count: number, now = Date.now()) {
  const s = ctx.store;
  if (!s.get("dmsTenants", tid)) return null;
  const all = s.values("dmsUsers");
  const parentUid = all.find((u) => u.tid === tid)?.parentUid ?? "";
  let next = all.reduce((max, u) => Math.max(max, u.userId), EXTRA_USER_BASE) + 1;
  const made: DmsUser[] = [];
  for (let i = 0; i < count; i++, next++) {
    const seq = String(next - EXTRA_USER_BASE).padStart(5, "0");
    made.push({
      userId: next, tid, uid: String(2_950_000_000_000_000 + next), parentUid, nickName: `extra-user-${seq}`, state: "NORMAL", roles: ["USER"],
      mobile: "", email: `extra-user-${seq}@example.com`, lastLoginTime: now, maxExecuteCount: 2000, curExecuteCount: 0, maxResultCount: 100_000, curResultCount: 0,
    });
  }
  s.commit(made.map((u) => putOp("dmsUsers", u.userId, u)));
  return made.map((u) => ({ userId: u.userId, tid: u.tid, uid: u.uid, nickName: u.nickName, state: u.state, roles: u.roles }));
}

/** Test hook: removes the users `addDmsUsers` made and every access they hold, so later specs see the demo state. */
export function removeExtraDmsUsers(ctx: EmuContext): { users: number; accesses: number } {
  const s = ctx.store;
  const users = s.values("dmsUsers").filter((u) => u.userId > EXTRA_USER_BASE);
  const ids = new Set(users.map((u) => u.userId));
  const accesses = s.values("dmsAccesses").filter((a) => ids.has(a.userId));
  s.commit([...accesses.map((a) => delOp("dmsAccesses", a.proxyAccessId)), ...users.map((u) => delOp("dmsUsers", u.userId))]);
  return { users: users.length, accesses: accesses.length };
}
