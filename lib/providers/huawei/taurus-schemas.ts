import { z } from "zod";
import { list, looseId, opt } from "@/lib/providers/schema-helpers";

/** Response schemas for TaurusDB (GaussDB for MySQL) instances and database proxies. */

const datastore = z
  .object({ type: opt(z.string()), version: opt(z.string()), kernel_version: opt(z.string()) })
  .transform((d) => ({ type: d.type, version: d.version, kernelVersion: d.kernel_version }));

export const taurusInstanceSchema = z
  .object({
    id: z.string(),
    name: opt(z.string()),
    status: opt(z.string()),
    type: opt(z.string()),
    port: opt(looseId),
    private_ips: list(z.string()),
    proxy_ips: list(z.string()),
    readonly_private_ips: list(z.string()),
    public_ips: list(z.string()),
    region: opt(z.string()),
    vpc_id: opt(z.string()),
    subnet_id: opt(z.string()),
    security_group_id: opt(z.string()),
    datastore: opt(datastore),
    created: opt(z.string()),
    updated: opt(z.string()),
    enterprise_project_id: opt(z.string()),
    db_user_name: opt(z.string()),
  })
  .transform((r) => ({
    id: r.id,
    name: r.name,
    /** creating | normal | abnormal | createfail */
    status: r.status,
    type: r.type,
    port: r.port,
    privateIps: r.private_ips,
    proxyIps: r.proxy_ips,
    readonlyPrivateIps: r.readonly_private_ips,
    publicIps: r.public_ips,
    region: r.region,
    vpcId: r.vpc_id,
    subnetId: r.subnet_id,
    securityGroupId: r.security_group_id,
    datastore: r.datastore,
    created: r.created,
    updated: r.updated,
    enterpriseProjectId: r.enterprise_project_id,
    dbUserName: r.db_user_name,
  }));
export type TaurusInstance = z.output<typeof taurusInstanceSchema>;

const proxyNode = z
  .object({ id: z.string(), name: opt(z.string()), role: opt(z.string()), status: opt(z.string()), az_code: opt(z.string()) })
  .transform((n) => ({ id: n.id, name: n.name, role: n.role, status: n.status, azCode: n.az_code }));

export const taurusProxySchema = z
  .object({
    proxy: z.object({
      pool_id: z.string(),
      name: opt(z.string()),
      status: opt(z.string()),
      address: opt(z.string()),
      port: opt(looseId),
      eip: opt(z.string()),
      elb_vip: opt(z.string()),
      mode: opt(z.string()),
      node_num: opt(z.number()),
      route_mode: opt(z.number()),
      nodes: list(proxyNode),
    }),
  })
  .transform(({ proxy: p }) => ({
    /** pool_id, used as proxy_id in the access-control APIs. */
    proxyId: p.pool_id,
    name: p.name,
    /** ACTIVE, ENABLING PROXY, DISABLING PROXY, ABNORMAL, FAILED, DELETED, ... */
    status: p.status,
    address: p.address,
    port: p.port,
    eip: p.eip,
    /** Set when the proxy is in load-balanced (ELB) mode, where only access control filters sources. */
    elbVip: p.elb_vip,
    mode: p.mode,
    nodeNum: p.node_num,
    routeMode: p.route_mode,
    nodes: p.nodes,
  }));
export type TaurusProxy = z.output<typeof taurusProxySchema>;

export const listInstancesResponse = z.object({ total_count: opt(z.number()), instances: list(taurusInstanceSchema) });
export const listProxiesResponse = z.object({ total_count: opt(z.number()), proxy_list: list(taurusProxySchema) });
export const switchResponse = z.object({ open_access_control: opt(z.boolean()) });

const ipEntry = z
  .object({ ip: z.string(), description: opt(z.string()) })
  .transform((e) => ({ ip: e.ip, description: e.description }));

export const ipGroupResponse = z
  .object({
    enable_ip_group: opt(z.boolean()),
    type: opt(z.enum(["white", "black"])),
    ip_group: opt(z.object({ id: opt(z.string()), name: opt(z.string()), ip_list: list(ipEntry) })),
  })
  .transform((r) => ({
    enabled: r.enable_ip_group ?? false,
    type: r.type,
    groupId: r.ip_group?.id,
    groupName: r.ip_group?.name,
    ipList: r.ip_group?.ip_list ?? [],
  }));
export type TaurusIpGroup = z.output<typeof ipGroupResponse>;

/** The documented 200 schema of CreateAccessControl looks like a copy-paste slip; accept any object. */
export const setAccessControlResponse = z.record(z.string(), z.unknown());
