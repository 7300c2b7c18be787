import type { EmuContext } from "../context";
import type { MariaInstance } from "../state-types";
import { formatChinaTime } from "../util";
import { generic, TencentError } from "./errors";
import type { MariaCall } from "./maria-call";
import { Params } from "./params";

export const INSTANCE_ID_RE = /^tdsql-[a-z0-9]{8}$/;
export const STATUS_DESC: Readonly<Record<number, string>> = {
  [-2]: "Deleted", [-1]: "Isolated", 0: "Creating", 1: "In flow", 2: "Running", 3: "Not initialized",
  4: "Initializing", 5: "Deleting", 6: "Restarting", 7: "Migrating",
};

/**
 * Finds an instance in the caller's region, or in any region when none was sent (CreateAccount);
 * a malformed or foreign id is "not found".
 */
export function findInstance(ctx: EmuContext, region: string | undefined, id: string | undefined): MariaInstance {
  if (id === undefined) throw new TencentError("MissingParameter", "The request is missing a required parameter `InstanceId`.");
  if (!INSTANCE_ID_RE.test(id)) throw generic(`InstanceId ${JSON.stringify(id)} is not in the format tdsql-xxxxxxxx.`);
  const inst = ctx.store.get("mariaInstances", id);
  if (!inst || (region !== undefined && inst.region !== region) || inst.status === -2) {
    throw new TencentError("ResourceNotFound.NoInstanceFound", region === undefined ? `No instance ${id} was found.` : `No instance ${id} was found in region ${region}.`);
  }
  return inst;
}

/** The kernel line ("10.1") an instance runs, from its own version fields. */
export function kernelOf(i: MariaInstance): string {
  return /^\d+\.\d+/.exec(i.dbVersionId || i.dbVersion)?.[0] ?? i.dbVersion;
}

/** Account operations need a running instance. */
export function requireRunning(inst: MariaInstance): void {
  if (inst.status === -2) throw new TencentError("ResourceUnavailable.InstanceAlreadyDeleted", "The database instance has been deleted.");
  if (inst.status !== 2) {
    throw new TencentError("ResourceUnavailable.InstanceStatusAbnormal", `Incorrect database instance status (${STATUS_DESC[inst.status] ?? inst.status}). Operations are not allowed.`);
  }
}

function instanceView(i: MariaInstance): Record<string, unknown> {
  return {
    InstanceId: i.instanceId,
    InstanceName: i.name,
    AppId: i.appId,
    ProjectId: i.projectId,
    Region: i.region,
    Zone: i.zone,
    VpcId: 0,
    SubnetId: 0,
    UniqueVpcId: i.vpcId,
    UniqueSubnetId: i.subnetId,
    Status: i.status,
    StatusDesc: i.statusDesc || STATUS_DESC[i.status] || "",
    Vip: i.vip,
    Vport: i.vport,
    WanDomain: "",
    WanVip: "",
    WanPort: 0,
    WanStatus: 0,
    CreateTime: formatChinaTime(i.createTime),
    UpdateTime: formatChinaTime(i.createTime),
    PeriodEndTime: formatChinaTime(i.periodEndTime),
    AutoRenewFlag: 1,
    Memory: i.memory,
    Storage: i.storage,
    Cpu: Math.max(1, Math.round(i.memory / 4)),
    Qps: i.memory * 1500,
    NodeCount: i.nodeCount,
    IsTmp: 0,
    ExclusterId: "",
    Paymode: "prepaid",
    Locker: 0,
    DbEngine: "MariaDB",
    DbVersion: i.dbVersion,
    DbVersionId: i.dbVersionId,
    TdsqlVersion: `基于MariaDB ${kernelOf(i)}内核`,
    InstanceType: 1,
    ResourceTags: [],
    ProtectedProperty: 0,
  };
}

const SPEC = {
  InstanceIds: { type: "string[]" }, SearchName: { type: "string" }, SearchKey: { type: "string" },
  ProjectIds: { type: "int[]" }, IsFilterVpc: { type: "bool" }, VpcId: { type: "string" }, SubnetId: { type: "string" },
  OrderBy: { type: "string" }, OrderByType: { type: "string" }, Offset: { type: "int" }, Limit: { type: "int" },
  OriginSerialIds: { type: "string[]" }, IsFilterExcluster: { type: "bool" }, ExclusterType: { type: "int" },
  ExclusterIds: { type: "string[]" }, TagKeys: { type: "string[]" }, Tags: { type: "object[]" },
  FilterInstanceType: { type: "string" }, Status: { type: "int[]" }, ExcludeStatus: { type: "int[]" },
} as const;

export function describeDbInstances({ ctx, region, params }: MariaCall): Record<string, unknown> {
  const p = new Params(params, SPEC);
  const offset = p.int("Offset") ?? 0;
  const limit = p.int("Limit") ?? 20;
  if (offset < 0) throw new TencentError("InvalidParameterValue", "Offset must be 0 or greater.");
  if (limit < 1 || limit > 100) throw new TencentError("InvalidParameterValue", "Limit must be between 1 and 100.");
  const ids = p.list("InstanceIds") as string[] | undefined;
  if (ids && ids.length > 100) throw new TencentError("InvalidParameterValue", "InstanceIds accepts at most 100 ids.");
  const searchName = p.str("SearchName") ?? "all";
  if (!["instancename", "vip", "all"].includes(searchName)) throw new TencentError("InvalidParameterValue", "SearchName must be instancename, vip or all.");
  const keys = (p.str("SearchKey") ?? "").split("\n").map((k) => k.trim().toLowerCase()).filter(Boolean);
  const projects = p.list("ProjectIds")?.map(Number);
  const status = p.list("Status")?.map(Number);
  const exclude = p.list("ExcludeStatus")?.map(Number);
  const orderBy = p.str("OrderBy") ?? "createtime";
  if (!["projectId", "createtime", "instancename"].includes(orderBy)) throw new TencentError("InvalidParameterValue", "OrderBy must be projectId, createtime or instancename.");
  const desc = (p.str("OrderByType") ?? "desc") === "desc";
  const hit = (i: MariaInstance, k: string) =>
    (searchName !== "vip" && (i.name.toLowerCase().includes(k) || i.instanceId.includes(k))) ||
    (searchName !== "instancename" && i.vip.includes(k));
  const rows = ctx.store
    .values("mariaInstances")
    .filter((i) => i.region === region && i.status !== -2)
    .filter((i) => !ids?.length || ids.includes(i.instanceId))
    .filter((i) => !keys.length || keys.some((k) => hit(i, k)))
    .filter((i) => !projects?.length || projects.includes(i.projectId))
    .filter((i) => (!status?.length || status.includes(i.status)) && !exclude?.includes(i.status));
  const sortKey = (i: MariaInstance): string | number =>
    orderBy === "projectId" ? i.projectId : orderBy === "instancename" ? i.name : i.createTime;
  rows.sort((a, b) => {
    const x = sortKey(a);
    const y = sortKey(b);
    const c = x < y ? -1 : x > y ? 1 : a.instanceId.localeCompare(b.instanceId);
    return desc ? -c : c;
  });
  return { TotalCount: rows.length, Instances: rows.slice(offset, offset + limit).map(instanceView) };
}
