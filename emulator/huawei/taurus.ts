import { isIP } from "node:net";
import type { EmuContext } from "../context";
import type { IpRule, TaurusInstance, TaurusProxy } from "../state-types";
import { putOp } from "../store";
import type { ServiceHandler } from "../types";
import { formatHuaweiTime, isPlainObject } from "../util";
import { createHuaweiHandler, HwError, nameFilter, pageParams, paramError, type HwCall, type HwRoute } from "./gateway";

const INSTANCE_RE = /^[A-Za-z0-9]{32}in07$/;
const PROXY_RE = /^[A-Za-z0-9]{32}po01$/;
const P = "(?<project>[^/]+)";
const I = "(?<instance>[^/]+)";
const X = "(?<proxy>[^/]+)";
export const MAX_IPS = 300;

function instanceView(i: TaurusInstance, region: string): Record<string, unknown> {
  return {
    id: i.id, name: i.name, status: i.status, type: "Cluster", port: String(i.port),
    private_ips: i.privateIps, proxy_ips: i.proxyIps, readonly_private_ips: i.readonlyPrivateIps, public_ips: i.publicIps,
    region, vpc_id: i.vpcId, subnet_id: i.subnetId, security_group_id: i.securityGroupId,
    datastore: { type: "gaussdb-mysql", version: i.version, kernel_version: i.kernelVersion },
    flavor_ref: i.flavorRef, flavor_info: { vcpus: i.vcpus, ram: i.ram },
    volume: { type: "POOLED", size: i.volumeSize }, charge_info: { charge_mode: "postPaid" },
    backup_strategy: { start_time: "18:00-19:00", keep_days: "7" }, tags: [], time_zone: "UTC+08:00",
    created: formatHuaweiTime(i.created), updated: formatHuaweiTime(i.updated),
    enterprise_project_id: i.enterpriseProjectId, db_user_name: "root",
  };
}

function proxyView(p: TaurusProxy, inst: TaurusInstance): Record<string, unknown> {
  return {
    proxy: {
      pool_id: p.id, name: p.name, status: p.status, pool_status: p.status === "ACTIVE" ? "ACTIVE" : "ABNORMAL",
      address: p.address, port: p.port, eip: "", elb_vip: "", mode: p.mode, node_num: p.nodeNum,
      flavor_ref: p.flavorRef, vcpus: p.vcpus, ram: p.ram, route_mode: p.routeMode, subnet_id: p.subnetId,
      transaction_split: "OFF", consistence_mode: "session", connection_pool_type: "CLOSED", ssl_option: "false",
      new_node_auto_add_status: "OFF", new_node_weight: 0, delay_threshold_in_seconds: 30,
      balance_route_mode_enabled: true, switch_connection_pool_type_enabled: true,
      nodes: Array.from({ length: p.nodeNum }, (_, n) => ({
        id: `${p.id.slice(0, 28)}no${String(n + 1).padStart(2, "0")}`, name: `${p.name}_node_${n + 1}`,
        role: "master", status: "ACTIVE", az_code: "cn-north-4a", frozen_flag: 0,
      })),
    },
    master_node: { id: `${inst.id.slice(0, 32)}no01`, instance_id: inst.id, name: `${inst.name}_node01`, status: "ACTIVE", weight: 100, availability_zone: [{ code: "cn-north-4a", description: "AZ1" }] },
    readonly_nodes: [],
  };
}

function findInstance(call: HwCall): TaurusInstance {
  const id = call.path.instance ?? "";
  if (!INSTANCE_RE.test(id)) throw paramError("instance_id must be 32 letters or digits followed by in07");
  const inst = call.ctx.store.get("taurusInstances", id);
  if (!inst || inst.projectId !== call.projectId) throw new HwError(400, "DBS.200022", "The DB instance does not exist.");
  return inst;
}

function findProxy(call: HwCall, inst: TaurusInstance): TaurusProxy {
  const id = call.path.proxy ?? "";
  if (!PROXY_RE.test(id)) throw paramError("proxy_id must be 32 letters or digits followed by po01");
  const p = call.ctx.store.get("taurusProxies", id);
  if (!p || p.instanceId !== inst.id) throw new HwError(400, "DBS.201028", "The database proxy does not exist.");
  return p;
}

/** Mutations need a normal instance and an ACTIVE proxy. */
function mutableProxy(call: HwCall): TaurusProxy {
  const inst = findInstance(call);
  const proxy = findProxy(call, inst);
  if (inst.status !== "normal" || proxy.status !== "ACTIVE") {
    throw new HwError(400, "DBS.200019", "Operation cannot be executed in current state of the DB instance or proxy.");
  }
  return proxy;
}

function listInstances(call: HwCall) {
  const { offset, limit } = pageParams(call.query, 100);
  const byId = nameFilter(call.query, "id");
  const byName = nameFilter(call.query, "name");
  const type = call.query.get("type");
  const ds = call.query.get("datastore_type");
  if (type && type !== "Cluster") throw paramError("type must be Cluster");
  if (ds && ds !== "gaussdb-mysql") throw paramError("datastore_type must be gaussdb-mysql");
  const region = call.ctx.fixtures.huawei.region;
  const rows = call.ctx.store
    .values("taurusInstances")
    .filter((i) => i.projectId === call.projectId && (!byId || byId(i.id)) && (!byName || byName(i.name)))
    .filter((i) => !call.query.get("vpc_id") || i.vpcId === call.query.get("vpc_id"))
    .filter((i) => !call.query.get("private_ip") || i.privateIps.includes(call.query.get("private_ip") ?? ""))
    .filter((i) => !call.query.get("proxy_ip") || i.proxyIps.includes(call.query.get("proxy_ip") ?? ""))
    .sort((a, b) => b.created - a.created);
  return { total_count: rows.length, instances: rows.slice(offset, offset + limit).map((i) => instanceView(i, region)) };
}

function listProxies(call: HwCall) {
  const inst = findInstance(call);
  const { offset, limit } = pageParams(call.query, 10);
  const rows = call.ctx.store.values("taurusProxies").filter((p) => p.instanceId === inst.id).sort((a, b) => a.name.localeCompare(b.name));
  return { proxy_list: rows.slice(offset, offset + limit).map((p) => proxyView(p, inst)) };
}

function switchAccessControl(call: HwCall) {
  const proxy = mutableProxy(call);
  const open = call.json().open_access_control;
  if (typeof open !== "boolean") throw paramError("open_access_control is required and must be a boolean");
  call.ctx.store.commit([putOp("taurusProxies", proxy.id, { ...proxy, accessControl: { ...proxy.accessControl, open } })]);
  return { open_access_control: open };
}

export function validIpOrCidr(v: string): boolean {
  const [addr = "", prefix, extra] = v.split("/");
  const family = isIP(addr);
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** The documented description rule: at most 50 characters, no < or >. */
export function validIpDescription(d: string): boolean {
  return [...d].length <= 50 && !/[<>]/.test(d);
}

function parseIpList(raw: unknown): IpRule[] {
  if (!Array.isArray(raw)) throw paramError("ip_list is required and must be an array");
  if (raw.length > MAX_IPS) throw paramError(`ip_list accepts at most ${MAX_IPS} entries`);
  return raw.map((e, n) => {
    if (!isPlainObject(e) || typeof e.ip !== "string" || !validIpOrCidr(e.ip)) throw paramError(`ip_list[${n}].ip must be an IP address or CIDR block`);
    const d = e.description ?? "";
    if (typeof d !== "string" || !validIpDescription(d)) {
      throw paramError(`ip_list[${n}].description must be at most 50 characters without < or >`);
    }
    return { ip: e.ip, description: d };
  });
}

// One list is active at a time; a call replaces it wholesale, so switching type drops the old one.
function setAccessControl(call: HwCall) {
  const proxy = mutableProxy(call);
  const body = call.json();
  const type = body.type;
  if (type !== "white" && type !== "black") throw paramError("type must be white or black");
  const ipList = parseIpList(body.ip_list);
  call.ctx.store.commit([putOp("taurusProxies", proxy.id, { ...proxy, accessControl: { ...proxy.accessControl, type, ipList } })]);
  return {};
}

function showIpGroup(call: HwCall) {
  const proxy = findProxy(call, findInstance(call));
  const ac = proxy.accessControl;
  return {
    enable_ip_group: ac.open,
    type: ac.type,
    ip_group: { id: ac.ipGroupId, name: `${proxy.name}-ipgroup`, ip_list: ac.ipList.map((r) => ({ ...r })) },
  };
}

const routes: HwRoute[] = [
  { method: "GET", pattern: new RegExp(`^/v3\\.1/${P}/instances$`), action: "ListGaussMySqlInstancesUnifyStatus", run: listInstances },
  { method: "GET", pattern: new RegExp(`^/v3/${P}/instances$`), action: "ListGaussMySqlInstances", run: listInstances },
  { method: "GET", pattern: new RegExp(`^/v3/${P}/instances/${I}/proxies$`), action: "ShowGaussMySqlProxyList", run: listProxies },
  { method: "POST", pattern: new RegExp(`^/v3/${P}/instances/${I}/proxy/${X}/access-control-switch$`), action: "SwitchAccessControl", run: switchAccessControl },
  { method: "POST", pattern: new RegExp(`^/v3/${P}/instances/${I}/proxy/${X}/access-control$`), action: "CreateAccessControl", run: setAccessControl },
  { method: "GET", pattern: new RegExp(`^/v3/${P}/instances/${I}/proxy/${X}/ipgroup$`), action: "ShowProxyIpgroup", run: showIpGroup },
];

export function createTaurusHandler(ctx: EmuContext): ServiceHandler {
  return createHuaweiHandler("taurus", routes, ctx);
}
