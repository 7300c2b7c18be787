import { z } from "zod";
import { list, opt } from "@/lib/providers/schema-helpers";

/** Response schemas for TencentDB for MariaDB 2017-03-12 (the Response envelope is already unwrapped). */

const envelope = { RequestId: opt(z.string()) };

export const mariadbInstanceSchema = z
  .object({
    InstanceId: z.string(),
    InstanceName: opt(z.string()),
    Region: opt(z.string()),
    Zone: opt(z.string()),
    ProjectId: opt(z.number()),
    Vip: opt(z.string()),
    Vport: opt(z.number()),
    WanDomain: opt(z.string()),
    WanVip: opt(z.string()),
    WanPort: opt(z.number()),
    WanStatus: opt(z.number()),
    UniqueVpcId: opt(z.string()),
    UniqueSubnetId: opt(z.string()),
    Status: opt(z.number()),
    StatusDesc: opt(z.string()),
    DbEngine: opt(z.string()),
    DbVersion: opt(z.string()),
    DbVersionId: opt(z.string()),
    TdsqlVersion: opt(z.string()),
    NodeCount: opt(z.number()),
    Memory: opt(z.number()),
    Storage: opt(z.number()),
    CreateTime: opt(z.string()),
    PeriodEndTime: opt(z.string()),
    InstanceType: opt(z.number()),
  })
  .transform((r) => ({
    instanceId: r.InstanceId,
    instanceName: r.InstanceName,
    region: r.Region,
    zone: r.Zone,
    projectId: r.ProjectId,
    vip: r.Vip,
    vport: r.Vport,
    wanDomain: r.WanDomain,
    wanVip: r.WanVip,
    wanPort: r.WanPort,
    wanStatus: r.WanStatus,
    vpcId: r.UniqueVpcId,
    subnetId: r.UniqueSubnetId,
    /** 0 creating, 1 in flow, 2 running, 3 not initialised, -1 isolated, 4..7 transitional. */
    status: r.Status,
    statusDesc: r.StatusDesc,
    dbEngine: r.DbEngine,
    dbVersion: r.DbVersion,
    /** Kernel line, e.g. "10.1" (MaxUserConnections is not supported there). */
    dbVersionId: r.DbVersionId,
    tdsqlVersion: r.TdsqlVersion,
    nodeCount: r.NodeCount,
    memoryGb: r.Memory,
    storageGb: r.Storage,
    createTime: r.CreateTime,
    periodEndTime: r.PeriodEndTime,
    instanceType: r.InstanceType,
  }));
export type MariadbInstance = z.output<typeof mariadbInstanceSchema>;

export const mariadbAccountSchema = z
  .object({
    UserName: z.string(),
    Host: z.string(),
    Description: opt(z.string()),
    CreateTime: opt(z.string()),
    UpdateTime: opt(z.string()),
    ReadOnly: opt(z.number()),
    DelayThresh: opt(z.number()),
    SlaveConst: opt(z.number()),
    MaxUserConnections: opt(z.number()),
  })
  .transform((r) => ({
    userName: r.UserName,
    host: r.Host,
    description: r.Description,
    createTime: r.CreateTime,
    updateTime: r.UpdateTime,
    readOnly: r.ReadOnly,
    delayThresh: r.DelayThresh,
    slaveConst: r.SlaveConst,
    maxUserConnections: r.MaxUserConnections,
  }));
export type MariadbAccount = z.output<typeof mariadbAccountSchema>;

export const describeDbInstancesResponse = z.object({
  ...envelope,
  TotalCount: z.number(),
  Instances: list(mariadbInstanceSchema),
});
export const describeAccountsResponse = z.object({ ...envelope, InstanceId: opt(z.string()), Users: list(mariadbAccountSchema) });
export const createAccountResponse = z.object({
  ...envelope,
  InstanceId: opt(z.string()),
  UserName: opt(z.string()),
  Host: opt(z.string()),
  ReadOnly: opt(z.number()),
});
export const emptyResponse = z.object(envelope);
/** GetPublicKey: the instance's RSA public key as PEM (shape assumed, see emulator/README.md). */
export const getPublicKeyResponse = z.object({ ...envelope, PublicKey: z.string().min(1) });
