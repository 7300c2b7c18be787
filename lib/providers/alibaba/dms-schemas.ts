import { z } from "zod";
import { int64Id, list, looseId, opt } from "@/lib/providers/schema-helpers";

/** Response schemas for DMS Enterprise 2018-11-01, mapped to camelCase DTOs. */

const envelope = { RequestId: opt(z.string()) };

const proxyAccessRaw = z.object({
  ProxyAccessId: int64Id,
  GmtCreate: opt(z.string()),
  AccessId: opt(z.string()),
  OriginInfo: opt(z.string()),
  IndepAccount: opt(z.string()),
  UserId: opt(int64Id),
  UserUid: opt(looseId),
  UserName: opt(z.string()),
  ProxyId: opt(int64Id),
  InstanceId: opt(int64Id),
});

export const proxyAccessSchema = proxyAccessRaw.transform((r) => ({
  proxyAccessId: r.ProxyAccessId,
  proxyId: r.ProxyId,
  instanceId: r.InstanceId,
  userId: r.UserId,
  userUid: r.UserUid,
  userName: r.UserName,
  /** The user name the proxy issues; pairs with the secret from InspectProxyAccessSecret. */
  accessId: r.AccessId,
  indepAccount: r.IndepAccount,
  originInfo: r.OriginInfo,
  /** As sent by DMS, e.g. "2021-03-31 10:34:18" (no time zone). */
  gmtCreate: r.GmtCreate,
}));
export type DmsProxyAccess = z.output<typeof proxyAccessSchema>;

const proxyFields = {
  ProxyId: int64Id,
  InstanceId: opt(int64Id),
  CreatorId: opt(int64Id),
  CreatorName: opt(z.string()),
  PrivateEnable: opt(z.boolean()),
  PrivateHost: opt(z.string()),
  PublicEnable: opt(z.boolean()),
  PublicHost: opt(z.string()),
  ProtocolType: opt(z.string()),
  ProtocolPort: opt(z.number()),
  HttpsPort: opt(z.number()),
  RegionId: opt(z.string()),
};

function toProxy(r: z.output<z.ZodObject<typeof proxyFields>>) {
  return {
    proxyId: r.ProxyId,
    instanceId: r.InstanceId,
    creatorId: r.CreatorId,
    creatorName: r.CreatorName,
    privateEnable: r.PrivateEnable,
    privateHost: r.PrivateHost,
    publicEnable: r.PublicEnable,
    /** Returned even when the public endpoint is disabled; then it does not resolve. */
    publicHost: r.PublicHost,
    protocolType: r.ProtocolType,
    protocolPort: r.ProtocolPort,
    httpsPort: r.HttpsPort,
    regionId: r.RegionId,
  };
}
export type DmsProxy = ReturnType<typeof toProxy>;

const userRaw = z.object({
  UserId: looseId,
  Uid: opt(looseId),
  ParentUid: opt(looseId),
  NickName: opt(z.string()),
  State: opt(z.string()),
  RoleIdList: opt(z.object({ RoleIds: list(z.number()) })),
  RoleNameList: opt(z.object({ RoleNames: list(z.string()) })),
  Mobile: opt(z.string()),
  Email: opt(z.string()),
  LastLoginTime: opt(z.string()),
});

export const userSchema = userRaw.transform((r) => ({
  userId: r.UserId,
  uid: r.Uid,
  parentUid: r.ParentUid,
  nickName: r.NickName,
  state: r.State,
  roleIds: r.RoleIdList?.RoleIds ?? [],
  roleNames: r.RoleNameList?.RoleNames ?? [],
  mobile: r.Mobile,
  email: r.Email,
  lastLoginTime: r.LastLoginTime,
}));
export type DmsUser = z.output<typeof userSchema>;

const instanceRaw = z.object({
  InstanceId: looseId,
  InstanceAlias: opt(z.string()),
  InstanceType: opt(z.string()),
  InstanceSource: opt(z.string()),
  Host: opt(z.string()),
  Port: opt(z.number()),
  State: opt(z.string()),
  EnvType: opt(z.string()),
  EcsRegion: opt(z.string()),
  DbaId: opt(looseId),
  DbaNickName: opt(z.string()),
  OwnerIdList: opt(z.object({ OwnerIds: list(looseId) })),
  OwnerNameList: opt(z.object({ OwnerNames: list(z.string()) })),
});

/** A DMS-registered instance. InstanceId is a string here but a long in the proxy APIs. */
export const instanceSchema = instanceRaw.transform((r) => ({
  instanceId: r.InstanceId,
  alias: r.InstanceAlias,
  /** Engine, e.g. "MySQL", "PostgreSQL". */
  instanceType: r.InstanceType,
  instanceSource: r.InstanceSource,
  host: r.Host,
  port: r.Port,
  state: r.State,
  envType: r.EnvType,
  regionId: r.EcsRegion,
  dbaId: r.DbaId,
  dbaNickName: r.DbaNickName,
  ownerIds: r.OwnerIdList?.OwnerIds ?? [],
  ownerNames: r.OwnerNameList?.OwnerNames ?? [],
}));
export type DmsInstance = z.output<typeof instanceSchema>;

export const tenantSchema = z
  .object({ Tid: int64Id, TenantName: opt(z.string()), Status: opt(z.string()) })
  .transform((r) => ({ tid: r.Tid, tenantName: r.TenantName, status: r.Status }));
export type DmsTenant = z.output<typeof tenantSchema>;

export const createProxyAccessResponse = z.object({ ...envelope, ProxyAccessId: int64Id });
export const listProxyAccessesResponse = z.object({ ...envelope, ProxyAccessList: list(proxyAccessSchema) });
export const getProxyAccessResponse = z.object({ ...envelope, ProxyAccess: proxyAccessSchema });
export const emptyResponse = z.object(envelope);
export const listProxiesResponse = z.object({
  ...envelope,
  ProxyList: list(z.object(proxyFields).transform(toProxy)),
});
export const getProxyResponse = z.object({ ...envelope, ...proxyFields }).transform(toProxy);
export const listUsersResponse = z.object({
  ...envelope,
  TotalCount: opt(z.union([z.number(), z.string()]).transform(Number)),
  UserList: opt(z.object({ User: list(userSchema) })),
});
export const listInstancesResponse = z.object({
  ...envelope,
  TotalCount: opt(z.union([z.number(), z.string()]).transform(Number)),
  InstanceList: opt(z.object({ Instance: list(instanceSchema) })),
});
export const getUserResponse = z.object({ ...envelope, User: userSchema });
export const activeTenantResponse = z.object({ ...envelope, Tenant: tenantSchema });
export const listTenantsResponse = z.object({ ...envelope, TenantList: list(tenantSchema) });
export const inspectSecretResponse = z.object({ ...envelope, AccessSecret: z.string() });
