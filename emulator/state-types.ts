/** Records held by the emulator's store. Timestamps are epoch milliseconds. */

export type DmsRoleName = "USER" | "DBA" | "ADMIN" | "SECURITY_ADMIN" | "STRUCT_READ_ONLY";

export interface DmsTenant {
  tid: number;
  name: string;
  status: "ACTIVE" | "IN_ACTIVE";
}

export interface DmsUser {
  userId: number;
  tid: number;
  uid: string;
  parentUid: string;
  nickName: string;
  state: "NORMAL" | "DISABLE" | "DELETE";
  roles: DmsRoleName[];
  mobile: string;
  email: string;
  lastLoginTime: number;
  maxExecuteCount: number;
  curExecuteCount: number;
  maxResultCount: number;
  curResultCount: number;
}

export interface DmsInstance {
  instanceId: number;
  tid: number;
  alias: string;
  instanceType: string;
  instanceSource: string;
  host: string;
  port: number;
  sid: string;
  state: "NORMAL" | "DISABLE";
  envType: string;
  netType: "CLASSIC" | "VPC";
  dbaId: number;
  ownerIds: number[];
  regionId: string;
  vpcId: string;
  ecsInstanceId: string;
  databaseUser: string;
}

export interface DmsProxy {
  proxyId: number;
  tid: number;
  instanceId: number;
  creatorId: number;
  privateEnable: boolean;
  privateHost: string;
  publicEnable: boolean;
  publicHost: string;
  protocolType: string;
  protocolPort: number;
  httpsPort: number;
  regionId: string;
}

export interface DmsAccess {
  proxyAccessId: number;
  tid: number;
  proxyId: number;
  instanceId: number;
  userId: number;
  accessId: string;
  /** Issued by the proxy and returned by InspectProxyAccessSecret, so it has to be kept. */
  accessSecret: string;
  originInfo: string;
  indepAccount: string;
  indepPasswordHash: string;
  gmtCreate: number;
}

export interface IpRule {
  ip: string;
  description: string;
}

export interface TaurusInstance {
  id: string;
  projectId: string;
  name: string;
  status: "creating" | "normal" | "abnormal" | "createfail";
  port: number;
  privateIps: string[];
  proxyIps: string[];
  readonlyPrivateIps: string[];
  publicIps: string[];
  vpcId: string;
  subnetId: string;
  securityGroupId: string;
  version: string;
  kernelVersion: string;
  flavorRef: string;
  vcpus: string;
  ram: string;
  volumeSize: number;
  created: number;
  updated: number;
  enterpriseProjectId: string;
}

export interface TaurusProxy {
  id: string;
  instanceId: string;
  projectId: string;
  name: string;
  status: string;
  address: string;
  port: number;
  mode: "readwrite" | "readonly";
  nodeNum: number;
  flavorRef: string;
  vcpus: string;
  ram: string;
  routeMode: 0 | 1 | 2;
  subnetId: string;
  accessControl: {
    open: boolean;
    type: "white" | "black";
    ipGroupId: string;
    ipList: IpRule[];
  };
}

export interface DdsInstance {
  id: string;
  projectId: string;
  name: string;
  status: "normal" | "abnormal" | "creating" | "frozen" | "data_disk_full" | "createfail" | "enlargefail";
  port: number;
  mode: "Sharding" | "ReplicaSet" | "Single";
  engine: string;
  version: string;
  ssl: 0 | 1;
  vpcId: string;
  subnetId: string;
  securityGroupId: string;
  created: number;
  updated: number;
  nodeIps: string[];
  /**
   * Operations in progress, as ListInstances reports them (e.g. ["RESIZE_FLAVOR"]); the status stays
   * "normal" meanwhile. Absent in snapshots written before it existed: none.
   */
  actions?: string[];
  /** Absent in snapshots written before it existed: DDS-Community. */
  datastoreType?: "DDS-Community" | "DDS-Enhanced";
}

export interface RoleRef {
  role: string;
  db: string;
}

export interface DdsUser {
  instanceId: string;
  db: string;
  user: string;
  roles: RoleRef[];
  passwordHash: string;
}

export interface DdsRole {
  instanceId: string;
  db: string;
  role: string;
  roles: RoleRef[];
  privileges: Array<{ resource: { db: string; collection: string }; actions: string[] }>;
}

export interface MariaInstance {
  instanceId: string;
  name: string;
  region: string;
  zone: string;
  projectId: number;
  appId: number;
  status: number;
  statusDesc: string;
  vip: string;
  vport: number;
  vpcId: string;
  subnetId: string;
  dbVersion: string;
  dbVersionId: string;
  memory: number;
  storage: number;
  nodeCount: number;
  createTime: number;
  periodEndTime: number;
}

export interface MariaAccount {
  instanceId: string;
  userName: string;
  host: string;
  description: string;
  readOnly: number;
  delayThresh: number;
  slaveConst: number;
  maxUserConnections: number;
  passwordHash: string;
  createTime: number;
  updateTime: number;
}

export interface IamToken {
  /** sha256 of the token; the token itself is never stored. */
  hash: string;
  userId: string;
  projectId: string | null;
  issuedAt: number;
  expiresAt: number;
}

export interface Collections {
  dmsTenants: DmsTenant;
  dmsUsers: DmsUser;
  dmsInstances: DmsInstance;
  dmsProxies: DmsProxy;
  dmsAccesses: DmsAccess;
  taurusInstances: TaurusInstance;
  taurusProxies: TaurusProxy;
  ddsInstances: DdsInstance;
  ddsUsers: DdsUser;
  ddsRoles: DdsRole;
  mariaInstances: MariaInstance;
  mariaAccounts: MariaAccount;
  iamTokens: IamToken;
}

export type CollName = keyof Collections;

export const COLL_NAMES: readonly CollName[] = [
  "dmsTenants", "dmsUsers", "dmsInstances", "dmsProxies", "dmsAccesses",
  "taurusInstances", "taurusProxies", "ddsInstances", "ddsUsers", "ddsRoles",
  "mariaInstances", "mariaAccounts", "iamTokens",
];

export interface SeedMeta {
  seed: "demo" | "none";
  largeSeed: number;
  /** Extra bench TaurusDB instances; absent in snapshots written before it existed. */
  largeTaurus?: number;
  seededAt: string;
}

/** A whole state image: what the seed produces and what a snapshot holds. */
export interface StateImage {
  version: 1;
  meta: SeedMeta;
  counters: Record<string, number>;
  collections: { [K in CollName]?: Array<[string, Collections[K]]> };
}
