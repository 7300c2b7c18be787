import type { DemoFixtures } from "./fixtures";
import type { Prng } from "./prng";
import type { DdsInstance, DdsRole, DdsUser, TaurusInstance, TaurusProxy } from "./state-types";
import { hashSecretWithSalt } from "./util";
import { DDS_ACTIONS, roleKey, userKey } from "./huawei/dds-model";

const DAY = 86_400_000;

export interface HuaweiSeed {
  taurusInstances: TaurusInstance[];
  taurusProxies: TaurusProxy[];
  ddsInstances: DdsInstance[];
  ddsUsers: Array<[string, DdsUser]>;
  ddsRoles: Array<[string, DdsRole]>;
}

function taurusInstance(rng: Prng, f: DemoFixtures, id: string, name: string, status: TaurusInstance["status"], now: number): TaurusInstance {
  const created = now - rng.int(30, 700) * DAY;
  const ip = (n: number) => `192.168.${rng.int(0, 3)}.${n}`;
  return {
    id, projectId: f.huawei.projectId, name, status, port: 3306,
    privateIps: [ip(rng.int(10, 99))], proxyIps: [ip(rng.int(100, 199))], readonlyPrivateIps: [ip(rng.int(200, 250))], publicIps: [],
    vpcId: "3f2b6c1e-0a4d-4b8e-9c7a-5e6f7a8b9c0d", subnetId: "7a1c2e3f-4b5d-4c6e-8f9a-0b1c2d3e4f5a", securityGroupId: "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e",
    version: "8.0", kernelVersion: "2.0.57.240900", flavorRef: "gaussdb.mysql.xlarge.x86.4", vcpus: "4", ram: "16",
    volumeSize: rng.int(1, 20) * 10, created, updated: created + rng.int(1, 20) * DAY, enterpriseProjectId: "0",
  };
}

interface ProxySpec {
  id: string;
  instanceId: string;
  name: string;
  status?: string;
  open?: boolean;
  type?: "white" | "black";
  ips?: string[];
}

function taurusProxy(rng: Prng, f: DemoFixtures, p: ProxySpec): TaurusProxy {
  return {
    id: p.id, instanceId: p.instanceId, projectId: f.huawei.projectId, name: p.name, status: p.status ?? "ACTIVE",
    address: `192.168.1.${rng.int(2, 250)}`, port: 3306, mode: "readwrite", nodeNum: 2, flavorRef: "gaussdb.proxy.large.x86.2",
    vcpus: "2", ram: "4", routeMode: 0, subnetId: "7a1c2e3f-4b5d-4c6e-8f9a-0b1c2d3e4f5a",
    accessControl: {
      open: p.open ?? false, type: p.type ?? "white", ipGroupId: rng.hex(32),
      ipList: (p.ips ?? []).map((ip, n) => ({ ip, description: n === 0 ? "office egress" : `rule ${n + 1}` })),
    },
  };
}

function ddsInstance(
  rng: Prng, f: DemoFixtures, id: string, name: string, mode: DdsInstance["mode"], status: DdsInstance["status"], now: number,
  extra: Pick<DdsInstance, "actions" | "datastoreType"> & { version?: string } = {},
): DdsInstance {
  const created = now - rng.int(30, 700) * DAY;
  const nodes = mode === "ReplicaSet" ? 3 : mode === "Sharding" ? 2 : 1;
  const { version = "4.4", ...states } = extra;
  return {
    id, projectId: f.huawei.projectId, name, status, port: 8635, mode, engine: "wiredTiger", version, ssl: 1,
    vpcId: "3f2b6c1e-0a4d-4b8e-9c7a-5e6f7a8b9c0d", subnetId: "7a1c2e3f-4b5d-4c6e-8f9a-0b1c2d3e4f5a", securityGroupId: "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e",
    created, updated: created + rng.int(1, 20) * DAY,
    nodeIps: Array.from({ length: nodes }, () => `192.168.2.${rng.int(2, 250)}`),
    ...states,
  };
}

/**
 * DDS instances whose db-user calls are refused (seed 004): by status (creating, frozen) or by an
 * operation in progress while the status stays normal, and one DDS-Enhanced instance. Drawn from
 * their own PRNG so the older demo rows stay as they were.
 */
function ddsStateInstances(rng: Prng, f: DemoFixtures, now: number): { instances: DdsInstance[]; users: DdsUser[] } {
  const ids = f.huawei.ddsStateInstances;
  const instances = [
    ddsInstance(rng, f, ids.creating, "dds-orders-next", "ReplicaSet", "creating", now, { actions: [DDS_ACTIONS.creating] }),
    ddsInstance(rng, f, ids.resizing, "dds-profiles", "ReplicaSet", "normal", now, { actions: [DDS_ACTIONS.resizing] }),
    ddsInstance(rng, f, ids.changingPort, "dds-audit-trail", "ReplicaSet", "normal", now, { actions: [DDS_ACTIONS.changingPort] }),
    ddsInstance(rng, f, ids.frozen, "dds-billing-archive", "Single", "frozen", now),
    ddsInstance(rng, f, ids.restarting, "dds-cache-meta", "ReplicaSet", "normal", now, { actions: [DDS_ACTIONS.restarting] }),
    ddsInstance(rng, f, f.huawei.enhancedDdsInstanceId, "dds-enhanced-analytics", "Sharding", "normal", now, { datastoreType: "DDS-Enhanced", version: "3.4" }),
  ];
  const user = (instanceId: string, name: string, rs: Array<[string, string]>): DdsUser => ({
    instanceId, db: "admin", user: name, roles: rs.map(([role, db]) => ({ role, db })), passwordHash: hashSecretWithSalt(rng.hex(16), rng.hex(8)),
  });
  const users = [
    ...instances.map((i) => user(i.id, "rwuser", [["root", "admin"]])),
    user(ids.resizing, "profiles-app", [["readWrite", "profiles"]]),
    user(ids.changingPort, "audit.writer", [["readWrite", "audit"]]),
    user(ids.frozen, "billing-app", [["readWrite", "billing"]]),
    user(ids.restarting, "cache-app", [["readWrite", "cache"]]),
  ];
  return { instances, users };
}

/** The demo TaurusDB and DDS rows; `states` draws the DDS instances added for the accounts page. */
export function seedHuawei(rng: Prng, states: Prng, f: DemoFixtures, now: number): HuaweiSeed {
  const h = f.huawei;
  const crm = rng.hex(32) + "in07";
  const archive = rng.hex(32) + "in07";
  const migration = rng.hex(32) + "in07";
  const taurusInstances = [
    taurusInstance(rng, f, h.ownerTaurusInstanceId, "taurus-orders-prod", "normal", now),
    taurusInstance(rng, f, crm, "taurus-crm", "normal", now),
    taurusInstance(rng, f, archive, "taurus-archive", "normal", now),
    taurusInstance(rng, f, migration, "taurus-migration-test", "abnormal", now),
  ];
  const taurusProxies = [
    taurusProxy(rng, f, { id: h.ownerTaurusProxyId, instanceId: h.ownerTaurusInstanceId, name: "proxy-orders-rw", open: true, type: "white", ips: ["10.0.0.0/16", "172.16.8.15", "192.168.10.0/24"] }),
    taurusProxy(rng, f, { id: rng.hex(32) + "po01", instanceId: h.ownerTaurusInstanceId, name: "proxy-orders-ro" }),
    taurusProxy(rng, f, { id: rng.hex(32) + "po01", instanceId: crm, name: "proxy-crm", open: true, type: "black", ips: ["203.0.113.7", "198.51.100.0/24"] }),
    taurusProxy(rng, f, { id: rng.hex(32) + "po01", instanceId: archive, name: "proxy-archive", type: "white", ips: ["10.8.0.0/16"] }),
    taurusProxy(rng, f, { id: rng.hex(32) + "po01", instanceId: migration, name: "proxy-migration", status: "ABNORMAL" }),
  ];
  const events = rng.hex(32) + "in02";
  const ddsInstances = [
    ddsInstance(rng, f, h.ownerDdsInstanceId, "dds-catalog-prod", "ReplicaSet", "normal", now),
    ddsInstance(rng, f, events, "dds-events", "Sharding", "normal", now),
    ddsInstance(rng, f, h.abnormalDdsInstanceId, "dds-legacy-sessions", "ReplicaSet", "abnormal", now),
  ];
  const roles: DdsRole[] = [
    { instanceId: h.ownerDdsInstanceId, db: "admin", role: "etlWriter", roles: [{ role: "readWrite", db: "catalog" }], privileges: [] },
    { instanceId: h.ownerDdsInstanceId, db: "catalog", role: "auditReader", roles: [{ role: "read", db: "catalog" }], privileges: [{ resource: { db: "catalog", collection: "audit" }, actions: ["find"] }] },
    { instanceId: events, db: "admin", role: "eventsIngest", roles: [{ role: "readWrite", db: "events" }], privileges: [] },
  ];
  const user = (instanceId: string, db: string, name: string, rs: Array<[string, string]>): DdsUser => ({
    instanceId, db, user: name, roles: rs.map(([role, rdb]) => ({ role, db: rdb })),
    passwordHash: hashSecretWithSalt(rng.hex(16), rng.hex(8)),
  });
  const users: DdsUser[] = [
    ...ddsInstances.map((i) => user(i.id, "admin", "rwuser", [["root", "admin"]])),
    user(h.ownerDdsInstanceId, "admin", "catalog-app", [["readWrite", "catalog"]]),
    user(h.ownerDdsInstanceId, "catalog", "catalog.ro", [["read", "catalog"]]),
    user(h.ownerDdsInstanceId, "admin", "reporting", [["readAnyDatabase", "admin"]]),
    user(h.ownerDdsInstanceId, "admin", "etl.loader", [["etlWriter", "admin"]]),
    user(h.ownerDdsInstanceId, "catalog", "auditor", [["auditReader", "catalog"]]),
    user(events, "admin", "events-ingest", [["eventsIngest", "admin"]]),
    user(events, "events", "events.ro", [["read", "events"]]),
    user(h.abnormalDdsInstanceId, "admin", "sessions-app", [["readWrite", "sessions"]]),
  ];
  const blocked = ddsStateInstances(states, f, now);
  ddsInstances.push(...blocked.instances);
  users.push(...blocked.users);
  return {
    taurusInstances,
    taurusProxies,
    ddsInstances,
    ddsUsers: users.map((u) => [userKey(u.instanceId, u.db, u.user), u]),
    ddsRoles: roles.map((r) => [roleKey(r.instanceId, r.db, r.role), r]),
  };
}

export const LARGE_TAURUS_MAX = 500;
const PROXIES_PER_LARGE_INSTANCE = 4;

/** One bench proxy's access control: on or off, white or black, 0-5 rules, all from the PRNG. */
function benchProxy(rng: Prng, instanceId: string, name: string, seq: number): ProxySpec {
  const rules = rng.int(0, 5);
  return {
    id: rng.hex(32) + "po01", instanceId, name,
    open: rng.chance(0.5), type: rng.chance(0.6) ? "white" : "black",
    ips: Array.from({ length: rules }, (_, n) => (n % 2 === 0 ? `10.${seq % 250}.${n}.0/24` : `172.16.${seq % 250}.${n + 10}`)),
  };
}

/**
 * `n` extra normal instances in the primary project (bench-taurus-001...), four ACTIVE proxies each,
 * for a page that has to read access control across many proxies. Its own PRNG, so the demo data
 * stays the same whatever `n` is.
 */
export function largeTaurus(rng: Prng, f: DemoFixtures, n: number, now: number): { instances: TaurusInstance[]; proxies: TaurusProxy[] } {
  const instances: TaurusInstance[] = [];
  const proxies: TaurusProxy[] = [];
  for (let i = 1; i <= n; i++) {
    const name = `bench-taurus-${String(i).padStart(3, "0")}`;
    const inst = taurusInstance(rng, f, rng.hex(32) + "in07", name, "normal", now);
    instances.push(inst);
    for (let k = 1; k <= PROXIES_PER_LARGE_INSTANCE; k++) {
      proxies.push(taurusProxy(rng, f, benchProxy(rng, inst.id, `${name}-proxy-${k}`, i)));
    }
  }
  return { instances, proxies };
}
