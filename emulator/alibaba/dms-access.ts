import type { DmsAccess } from "../state-types";
import { counterOp, delOp, putOp } from "../store";
import { formatChinaTime, hashSecret, randomAlnum } from "../util";
import { tenantProxy, tenantUser } from "./dms-directory";
import { DmsBusinessError } from "./errors";
import { optString, reqLong, resolveTenant, type DmsCall } from "./params";

/** ProxyAccessIds are global; new ones start above anything the seed used. */
const ACCESS_ID_FLOOR = 900_000;

function accessView(a: DmsAccess, call: DmsCall): Record<string, unknown> {
  const user = call.ctx.store.get("dmsUsers", a.userId);
  return {
    ProxyAccessId: a.proxyAccessId,
    GmtCreate: formatChinaTime(a.gmtCreate),
    AccessId: a.accessId,
    OriginInfo: a.originInfo,
    IndepAccount: a.indepAccount,
    UserId: a.userId,
    UserUid: user?.uid ?? "",
    UserName: user?.nickName ?? "",
    ProxyId: a.proxyId,
    InstanceId: a.instanceId,
  };
}

function tenantAccess(call: DmsCall): DmsAccess {
  const tenant = resolveTenant(call);
  const id = reqLong(call, "ProxyAccessId");
  const a = call.ctx.store.get("dmsAccesses", id);
  if (!a || a.tid !== tenant.tid) {
    throw new DmsBusinessError("ProxyAccessNotExist", `The proxy access ${id} does not exist in tenant ${tenant.tid}.`);
  }
  return a;
}

export const accessActions: Record<string, (call: DmsCall) => Record<string, unknown>> = {
  // Deliberately no duplicate check: a second grant for the same user and proxy creates a
  // second access, as the real service appears to; the console must prevent duplicates itself.
  CreateProxyAccess(call) {
    const tenant = resolveTenant(call);
    const userId = reqLong(call, "UserId");
    const proxyId = reqLong(call, "ProxyId");
    const proxy = tenantProxy(call, tenant.tid, proxyId);
    const user = tenantUser(call, tenant.tid, userId);
    if (!user || user.state === "DELETE") {
      throw new DmsBusinessError("UserNotExist", `The user ${userId} does not exist in tenant ${tenant.tid}.`);
    }
    const indepPassword = optString(call, "IndepPassword");
    const id = call.ctx.store.nextId("dmsAccess", ACCESS_ID_FLOOR);
    const access: DmsAccess = {
      proxyAccessId: id,
      tid: tenant.tid,
      proxyId,
      instanceId: proxy.instanceId,
      userId,
      accessId: randomAlnum(24),
      accessSecret: randomAlnum(32),
      originInfo: `Authorization by the Alibaba Cloud Account(${call.callerUid})`,
      indepAccount: optString(call, "IndepAccount") ?? "",
      indepPasswordHash: indepPassword ? hashSecret(indepPassword) : "",
      gmtCreate: call.ctx.now(),
    };
    call.ctx.store.commit([counterOp("dmsAccess", id), putOp("dmsAccesses", id, access)]);
    return { ProxyAccessId: id };
  },
  ListProxyAccesses(call) {
    const tenant = resolveTenant(call);
    const proxyId = reqLong(call, "ProxyId");
    tenantProxy(call, tenant.tid, proxyId);
    const rows = call.ctx.store
      .values("dmsAccesses")
      .filter((a) => a.proxyId === proxyId)
      .sort((a, b) => a.proxyAccessId - b.proxyAccessId);
    return { ProxyAccessList: rows.map((a) => accessView(a, call)) };
  },
  GetProxyAccess(call) {
    return { ProxyAccess: accessView(tenantAccess(call), call) };
  },
  DeleteProxyAccess(call) {
    const a = tenantAccess(call);
    call.ctx.store.commit([delOp("dmsAccesses", a.proxyAccessId)]);
    return {};
  },
  // The returned AccessSecret is a credential: it never goes to logs or the call log.
  InspectProxyAccessSecret(call) {
    return { AccessSecret: tenantAccess(call).accessSecret };
  },
};
