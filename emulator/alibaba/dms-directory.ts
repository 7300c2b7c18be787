import type { DmsInstance, DmsProxy, DmsRoleName, DmsTenant, DmsUser } from "../state-types";
import { formatChinaTime } from "../util";
import { DmsBusinessError, invalidParam } from "./errors";
import { activeTenant, optEnum, optLong, optPage, optString, resolveTenant, type DmsCall } from "./params";

const ROLE_IDS: Record<DmsRoleName, number> = { USER: 0, DBA: 1, ADMIN: 2, SECURITY_ADMIN: 3, STRUCT_READ_ONLY: 6 };
const ROLES = Object.keys(ROLE_IDS) as DmsRoleName[];

export function userView(u: DmsUser, userIdAsString: boolean): Record<string, unknown> {
  return {
    UserId: userIdAsString ? String(u.userId) : u.userId,
    Uid: u.uid,
    ParentUid: userIdAsString ? u.parentUid : Number(u.parentUid),
    NickName: u.nickName,
    State: u.state,
    RoleIdList: { RoleIds: u.roles.map((r) => ROLE_IDS[r]) },
    RoleNameList: { RoleNames: [...u.roles] },
    Mobile: u.mobile,
    Email: u.email,
    DingRobot: "",
    Webhook: "",
    SignatureMethod: "NONE",
    NotificationMode: "",
    LastLoginTime: formatChinaTime(u.lastLoginTime),
    MaxExecuteCount: u.maxExecuteCount,
    CurExecuteCount: u.curExecuteCount,
    MaxResultCount: u.maxResultCount,
    CurResultCount: u.curResultCount,
  };
}

const tenantView = (t: DmsTenant) => ({ Tid: t.tid, TenantName: t.name, Status: t.status });

function proxyView(p: DmsProxy, creator?: DmsUser): Record<string, unknown> {
  return {
    ProxyId: p.proxyId,
    InstanceId: p.instanceId,
    CreatorId: p.creatorId,
    CreatorName: creator?.nickName ?? "",
    PrivateEnable: p.privateEnable,
    PrivateHost: p.privateHost,
    PublicEnable: p.publicEnable,
    PublicHost: p.publicHost,
    ProtocolType: p.protocolType,
    ProtocolPort: p.protocolPort,
    HttpsPort: p.httpsPort,
    RegionId: p.regionId,
  };
}

function instanceView(i: DmsInstance, call: DmsCall): Record<string, unknown> {
  const nick = (id: number) => call.ctx.store.get("dmsUsers", id)?.nickName ?? "";
  return {
    InstanceId: String(i.instanceId),
    InstanceAlias: i.alias,
    InstanceType: i.instanceType,
    InstanceSource: i.instanceSource,
    Host: i.host,
    Port: i.port,
    Sid: i.sid,
    State: i.state,
    EnvType: i.envType,
    DbaId: String(i.dbaId),
    DbaNickName: nick(i.dbaId),
    OwnerIdList: { OwnerIds: i.ownerIds.map(String) },
    OwnerNameList: { OwnerNames: i.ownerIds.map(nick) },
    StandardGroup: { GroupMode: "COMMON", GroupName: "" },
    EcsRegion: i.regionId,
    EcsInstanceId: i.ecsInstanceId,
    VpcId: i.vpcId,
    DataLinkName: "",
    DatabaseUser: i.databaseUser,
    DatabasePassword: "******",
    QueryTimeout: 60,
    ExportTimeout: 600,
    SafeRuleId: "1",
    DdlOnline: 0,
    UseDsql: 0,
    SellSitd: true,
    SellTrust: false,
  };
}

export function tenantUser(call: DmsCall, tid: number, userId: number): DmsUser | undefined {
  const u = call.ctx.store.get("dmsUsers", userId);
  return u && u.tid === tid ? u : undefined;
}

export function tenantProxy(call: DmsCall, tid: number, proxyId: number): DmsProxy {
  const p = call.ctx.store.get("dmsProxies", proxyId);
  if (!p || p.tid !== tid) throw new DmsBusinessError("ProxyNotExist", `The proxy ${proxyId} does not exist in tenant ${tid}.`);
  return p;
}

export const directoryActions: Record<string, (call: DmsCall) => Record<string, unknown>> = {
  // GetUserActiveTenant: the caller's current tenant (or the named one, if the caller belongs to it).
  GetUserActiveTenant(call) {
    return { Tenant: tenantView(call.params.has("Tid") ? resolveTenant(call) : activeTenant(call)) };
  },
  ListUserTenants(call) {
    if (call.params.has("Tid")) resolveTenant(call);
    const tenants = call.ctx.store.values("dmsTenants").sort((a, b) => a.tid - b.tid);
    return { TenantList: tenants.map(tenantView) };
  },
  ListUsers(call) {
    const tenant = resolveTenant(call);
    const page = optPage(call, [10, 20, 50, 100]);
    const role = optEnum(call, "Role", ROLES);
    const state = optEnum(call, "UserState", ["NORMAL", "DISABLE", "DELETE"] as const);
    const key = optString(call, "SearchKey")?.toLowerCase();
    const rows = call.ctx.store
      .values("dmsUsers")
      .filter((u) => u.tid === tenant.tid)
      .filter((u) => !role || u.roles.includes(role))
      .filter((u) => (state ? u.state === state : u.state !== "DELETE"))
      .filter((u) => !key || u.nickName.toLowerCase().includes(key) || u.uid.includes(key) || String(u.userId).includes(key))
      .sort((a, b) => a.userId - b.userId);
    const slice = rows.slice((page.number - 1) * page.size, page.number * page.size);
    return { TotalCount: rows.length, UserList: { User: slice.map((u) => userView(u, true)) } };
  },
  GetUser(call) {
    const tenant = resolveTenant(call);
    const userId = optString(call, "UserId");
    const uid = optString(call, "Uid");
    if (userId !== undefined && !/^\d{1,19}$/.test(userId)) throw invalidParam("UserId");
    const inTenant = call.ctx.store.values("dmsUsers").filter((u) => u.tid === tenant.tid);
    const lookFor = userId === undefined && uid === undefined ? call.callerUid : uid;
    const user = userId !== undefined
      ? inTenant.find((u) => String(u.userId) === userId)
      : inTenant.find((u) => u.uid === lookFor);
    if (!user) throw new DmsBusinessError("UserNotExist", "The specified user does not exist in this tenant.");
    return { User: userView(user, true) };
  },
  ListProxies(call) {
    const tenant = resolveTenant(call);
    const rows = call.ctx.store.values("dmsProxies").filter((p) => p.tid === tenant.tid).sort((a, b) => a.proxyId - b.proxyId);
    return { ProxyList: rows.map((p) => proxyView(p, call.ctx.store.get("dmsUsers", p.creatorId))) };
  },
  GetProxy(call) {
    const tenant = resolveTenant(call);
    const proxyId = optLong(call, "ProxyId");
    if (proxyId === undefined) throw new DmsBusinessError("MissingProxyId", "ProxyId is mandatory for this action.");
    const p = tenantProxy(call, tenant.tid, proxyId);
    return proxyView(p, call.ctx.store.get("dmsUsers", p.creatorId));
  },
  ListInstances(call) {
    const tenant = resolveTenant(call);
    const page = optPage(call, { max: 100 });
    const key = optString(call, "SearchKey")?.toLowerCase();
    const dbType = optString(call, "DbType")?.toLowerCase();
    const env = optEnum(call, "EnvType", ["product", "dev", "pre", "test", "sit", "uat", "pet", "stag"] as const);
    const source = optEnum(call, "InstanceSource", ["PUBLIC_OWN", "RDS", "ECS_OWN", "VPC_IDC"] as const);
    const state = optEnum(call, "InstanceState", ["NORMAL", "DISABLE"] as const);
    const net = optEnum(call, "NetType", ["CLASSIC", "VPC"] as const);
    const rows = call.ctx.store
      .values("dmsInstances")
      .filter((i) => i.tid === tenant.tid)
      .filter((i) => !key || i.alias.toLowerCase().includes(key) || i.host.toLowerCase().includes(key))
      .filter((i) => !dbType || i.instanceType.toLowerCase() === dbType)
      .filter((i) => (!env || i.envType === env) && (!source || i.instanceSource === source))
      .filter((i) => (!state || i.state === state) && (!net || i.netType === net))
      .sort((a, b) => a.instanceId - b.instanceId);
    const slice = rows.slice((page.number - 1) * page.size, page.number * page.size);
    return { TotalCount: rows.length, InstanceList: { Instance: slice.map((i) => instanceView(i, call)) } };
  },
};
