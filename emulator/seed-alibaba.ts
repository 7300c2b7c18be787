import type { DemoFixtures } from "./fixtures";
import type { Prng } from "./prng";
import type { DmsAccess, DmsInstance, DmsProxy, DmsRoleName, DmsTenant, DmsUser } from "./state-types";

const DAY = 86_400_000;
const SURNAMES = ["Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Luo", "Gao"];
const GIVEN = ["Wei", "Fang", "Na", "Min", "Jing", "Lei", "Qiang", "Yan", "Jie", "Tao", "Ming", "Xin", "Hao", "Yu", "Ting", "Peng", "Hui", "Lin", "Chao", "Ying"];
const WESTERN = ["Alice Chen", "Brian Wong", "Carol Lee", "David Ho", "Emma Tan", "Frank Lau", "Grace Ng", "Henry Koh", "Iris Lam", "Jack Yip"];
const ACCOUNTS = ["app_rw", "app_ro", "report_user", "etl_writer", "readonly"];

export interface DmsSeed {
  tenants: DmsTenant[];
  users: DmsUser[];
  instances: DmsInstance[];
  proxies: DmsProxy[];
  accesses: DmsAccess[];
}

function uid(rng: Prng): string {
  return "2" + rng.digits(15);
}

function makeUser(rng: Prng, f: DemoFixtures, tid: number, userId: number, nick: string, roles: DmsRoleName[], now: number, fixedUid?: string): DmsUser {
  const login = nick.toLowerCase().replace(/[^a-z]+/g, ".").replace(/^\.|\.$/g, "");
  const domain = tid === 3002 ? "demo-payments.example.com" : "demo-retail.example.com";
  return {
    userId, tid, uid: fixedUid ?? uid(rng), parentUid: f.alibaba.accountUid, nickName: nick, state: "NORMAL", roles,
    mobile: "13" + rng.digits(9), email: `${login}@${domain}`, lastLoginTime: now - rng.int(0, 60) * DAY - rng.int(0, DAY),
    maxExecuteCount: 2000, curExecuteCount: rng.int(0, 300), maxResultCount: 100_000, curResultCount: rng.int(0, 20_000),
  };
}

function users(rng: Prng, f: DemoFixtures, now: number): DmsUser[] {
  const out: DmsUser[] = [];
  const names = new Set<string>();
  const nextName = () => {
    for (;;) {
      const n = rng.chance(0.2) ? rng.pick(WESTERN) : `${rng.pick(SURNAMES)} ${rng.pick(GIVEN)}`;
      if (!names.has(n)) {
        names.add(n);
        return n;
      }
    }
  };
  const roleFor = (i: number): DmsRoleName[] =>
    i % 9 === 3 ? ["DBA"] : i === 5 ? ["SECURITY_ADMIN"] : i === 11 ? ["STRUCT_READ_ONLY"] : ["USER"];
  const plan: Array<{ tid: number; first: number; count: number }> = [
    { tid: 3001, first: f.alibaba.ownerUserId, count: 30 },
    { tid: 3002, first: 100101, count: 22 },
  ];
  for (const { tid, first, count } of plan) {
    out.push(makeUser(rng, f, tid, first, "Demo Owner", ["ADMIN"], now, f.alibaba.accountUid));
    for (let i = 1; i < count; i++) out.push(makeUser(rng, f, tid, first + i, nextName(), roleFor(i), now));
  }
  // A few people work in both tenants: same Alibaba Cloud UID, a separate DMS user per tenant.
  for (const [from, to] of [[100004, 100104], [100010, 100110], [100015, 100115]] as const) {
    const a = out.find((u) => u.userId === from);
    const b = out.find((u) => u.userId === to);
    if (a && b) Object.assign(b, { uid: a.uid, nickName: a.nickName, email: a.email.replace("demo-retail", "demo-payments") });
  }
  for (const id of [f.alibaba.disabledUserId, 100019, 100112]) {
    const u = out.find((x) => x.userId === id);
    if (u) u.state = "DISABLE";
  }
  return out;
}

function instance(rng: Prng, f: DemoFixtures, tid: number, id: number, alias: string, type: string, env: string, dba: number): DmsInstance {
  return {
    instanceId: id, tid, alias, instanceType: type, instanceSource: "RDS",
    host: `rm-bp1${rng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 17)}.mysql.rds.aliyuncs.com`,
    port: type === "PostgreSQL" ? 5432 : 3306, sid: "", state: "NORMAL", envType: env, netType: "VPC",
    dbaId: dba, ownerIds: [dba], regionId: f.alibaba.regionId, vpcId: `vpc-bp1${rng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 17)}`,
    ecsInstanceId: "", databaseUser: "dms_admin",
  };
}

function proxy(f: DemoFixtures, p: { tid: number; proxyId: number; instanceId: number; creatorId: number; protocol: string; port: number }): DmsProxy {
  const base = `dpx${p.proxyId}`;
  return {
    proxyId: p.proxyId, tid: p.tid, instanceId: p.instanceId, creatorId: p.creatorId,
    privateEnable: true, privateHost: `${base}.${f.alibaba.regionId}.proxy.dms.aliyuncs.com`,
    publicEnable: p.proxyId % 2 === 1, publicHost: `${base}-pub.${f.alibaba.regionId}.proxy.dms.aliyuncs.com`,
    protocolType: p.protocol, protocolPort: p.port, httpsPort: 443, regionId: f.alibaba.regionId,
  };
}

export function originInfo(rng: Prng, f: DemoFixtures): string {
  const chinese = rng.chance(0.4);
  if (rng.chance(0.5)) {
    const by = f.alibaba.accountUid;
    return chinese ? `阿里云账号(${by})授权` : `Authorization by the Alibaba Cloud Account(${by})`;
  }
  const ticket = String(rng.int(1_000_000, 39_999_999));
  return chinese ? `提交工单(${ticket})授权` : `Authorization by submitting the ticket(${ticket})`;
}

export function seedDms(rng: Prng, f: DemoFixtures, now: number, demo: boolean): DmsSeed {
  const tenants = f.alibaba.tenants.map((t) => ({ tid: t.tid, name: t.name, status: "ACTIVE" as const }));
  if (!demo) return { tenants, users: [], instances: [], proxies: [], accesses: [] };
  const us = users(rng, f, now);
  const instances = [
    instance(rng, f, 3001, f.alibaba.ownerInstanceId, "retail-orders-prod", "MySQL", "product", 100004),
    instance(rng, f, 3001, 5102, "retail-inventory-prod", "MySQL", "product", 100013),
    instance(rng, f, 3001, 5103, "retail-analytics-pg", "PostgreSQL", "product", 100013),
    instance(rng, f, 3001, 5104, "retail-staging", "MySQL", "test", 100004),
    instance(rng, f, 3002, 5201, "pay-ledger-prod", "MySQL", "product", 100104),
    instance(rng, f, 3002, 5202, "pay-risk-prod", "MySQL", "product", 100112),
    instance(rng, f, 3002, 5203, "pay-reporting", "PostgreSQL", "pre", 100104),
  ];
  const proxies = [
    proxy(f, { tid: 3001, proxyId: f.alibaba.ownerProxyId, instanceId: f.alibaba.ownerInstanceId, creatorId: f.alibaba.ownerUserId, protocol: "MYSQL", port: 3306 }),
    proxy(f, { tid: 3001, proxyId: 1202, instanceId: 5102, creatorId: 100013, protocol: "MYSQL", port: 3306 }),
    proxy(f, { tid: 3001, proxyId: 1203, instanceId: 5103, creatorId: 100013, protocol: "POSTGRESQL", port: 5432 }),
    proxy(f, { tid: 3002, proxyId: 1211, instanceId: 5201, creatorId: 100101, protocol: "MYSQL", port: 3306 }),
    proxy(f, { tid: 3002, proxyId: 1212, instanceId: 5202, creatorId: 100101, protocol: "MYSQL", port: 3306 }),
  ];
  const plan: Array<[number, number]> = [[f.alibaba.ownerProxyId, 12], [1202, 8], [1203, 5], [1211, 9], [1212, 6]];
  const accesses: DmsAccess[] = [];
  let nextId = 700_001;
  for (const [proxyId, count] of plan) {
    const p = proxies.find((x) => x.proxyId === proxyId);
    if (!p) continue;
    const pool = us.filter((u) => u.tid === p.tid && !u.roles.includes("ADMIN"));
    for (let i = 0; i < count && pool.length; i++) {
      const user = pool.splice(rng.int(0, pool.length - 1), 1)[0];
      if (!user) break;
      accesses.push({
        proxyAccessId: nextId++, tid: p.tid, proxyId, instanceId: p.instanceId, userId: user.userId,
        accessId: rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 24),
        accessSecret: rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32),
        originInfo: originInfo(rng, f), indepAccount: rng.chance(0.25) ? rng.pick(ACCOUNTS) : "",
        indepPasswordHash: "", gmtCreate: now - rng.int(1, 730) * DAY - rng.int(0, DAY - 1),
      });
    }
  }
  return { tenants, users: us, instances, proxies, accesses };
}
