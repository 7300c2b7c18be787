import type { DemoFixtures } from "./fixtures";
import { Prng } from "./prng";
import { originInfo, seedDms } from "./seed-alibaba";
import { LARGE_TAURUS_MAX, largeTaurus, seedHuawei } from "./seed-huawei";
import { seedTencent } from "./seed-tencent";
import type { Collections, CollName, DmsAccess, DmsUser, StateImage } from "./state-types";

const DAY = 86_400_000;
const SEED = 20_241_122;
const LARGE_USER_BASE = 200_000;
const LARGE_ACCESS_BASE = 1_000_000;

export interface SeedOptions {
  kind: "demo" | "none";
  largeSeed: number;
  /** Extra TaurusDB instances (four proxies each) in the primary project, 0-500. */
  largeTaurus?: number;
  fixtures: DemoFixtures;
  /** Reference "now" for generated dates; defaults to the start of the current UTC day. */
  clock?: number;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** The large proxy gets its own instance and N users with one access each, for benchmarks. */
function largeRows(rng: Prng, f: DemoFixtures, n: number, now: number): { users: DmsUser[]; accesses: DmsAccess[] } {
  const tid = f.alibaba.tenants[0]?.tid ?? 3001;
  const users: DmsUser[] = new Array(n);
  const accesses: DmsAccess[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const userId = LARGE_USER_BASE + i + 1;
    const seq = String(i + 1).padStart(5, "0");
    users[i] = {
      userId, tid, uid: String(2_900_000_000_000_000 + i + 1), parentUid: f.alibaba.accountUid, nickName: `bench-user-${seq}`,
      state: "NORMAL", roles: ["USER"], mobile: "", email: `bench-user-${seq}@demo-retail.example.com`,
      lastLoginTime: now - (i % 90) * DAY, maxExecuteCount: 2000, curExecuteCount: 0, maxResultCount: 100_000, curResultCount: 0,
    };
    accesses[i] = {
      proxyAccessId: LARGE_ACCESS_BASE + i + 1, tid, proxyId: f.alibaba.largeProxyId, instanceId: f.alibaba.largeInstanceId, userId,
      accessId: rng.chars(ALNUM, 24), accessSecret: rng.chars(ALNUM, 32), originInfo: originInfo(rng, f),
      indepAccount: "", indepPasswordHash: "", gmtCreate: now - (i % 730) * DAY - (i % 86_400) * 1000,
    };
  }
  return { users, accesses };
}

function rows<K extends CollName>(items: Array<Collections[K]>, key: (x: Collections[K]) => string | number): Array<[string, Collections[K]]> {
  return items.map((x) => [String(key(x)), x]);
}

/** Builds the initial state; deterministic for a given kind, largeSeed, fixtures and clock. */
export function buildSeedImage(o: SeedOptions): StateImage {
  const f = o.fixtures;
  const now = o.clock ?? Math.floor(Date.now() / DAY) * DAY;
  const rng = new Prng(SEED);
  const demo = o.kind === "demo";
  const dms = seedDms(rng, f, now, demo);
  const tid = f.alibaba.tenants[0]?.tid ?? 3001;
  dms.instances.push({
    instanceId: f.alibaba.largeInstanceId, tid, alias: "bench-large-mysql", instanceType: "MySQL", instanceSource: "RDS",
    host: "rm-bp1benchlarge0000000.mysql.rds.aliyuncs.com", port: 3306, sid: "", state: "NORMAL", envType: "test",
    netType: "VPC", dbaId: f.alibaba.ownerUserId, ownerIds: [f.alibaba.ownerUserId], regionId: f.alibaba.regionId,
    vpcId: "vpc-bp1benchlarge0000000", ecsInstanceId: "", databaseUser: "dms_admin",
  });
  dms.proxies.push({
    proxyId: f.alibaba.largeProxyId, tid, instanceId: f.alibaba.largeInstanceId, creatorId: f.alibaba.ownerUserId,
    privateEnable: true, privateHost: `dpx${f.alibaba.largeProxyId}.${f.alibaba.regionId}.proxy.dms.aliyuncs.com`,
    publicEnable: false, publicHost: `dpx${f.alibaba.largeProxyId}-pub.${f.alibaba.regionId}.proxy.dms.aliyuncs.com`,
    protocolType: "MYSQL", protocolPort: 3306, httpsPort: 443, regionId: f.alibaba.regionId,
  });
  if (o.largeSeed > 0) {
    const large = largeRows(new Prng(SEED + 1), f, o.largeSeed, now);
    dms.users.push(...large.users);
    dms.accesses.push(...large.accesses);
  }
  const hw = demo ? seedHuawei(rng, new Prng(SEED + 3), f, now) : undefined;
  const taurusExtra = o.largeTaurus ?? 0;
  if (!Number.isInteger(taurusExtra) || taurusExtra < 0 || taurusExtra > LARGE_TAURUS_MAX) {
    throw new Error(`largeTaurus must be an integer from 0 to ${LARGE_TAURUS_MAX}`);
  }
  const bench = largeTaurus(new Prng(SEED + 2), f, taurusExtra, now);
  // The instances added for the accounts page draw from their own PRNG, so the older demo rows stay as they were.
  const tc = demo ? seedTencent(rng, new Prng(SEED + 4), f, now) : undefined;
  const maxAccess = dms.accesses.reduce((m, a) => Math.max(m, a.proxyAccessId), 0);
  return {
    version: 1,
    meta: { seed: o.kind, largeSeed: o.largeSeed, largeTaurus: taurusExtra, seededAt: new Date(now).toISOString() },
    counters: { dmsAccess: maxAccess },
    collections: {
      dmsTenants: rows<"dmsTenants">(dms.tenants, (t) => t.tid),
      dmsUsers: rows<"dmsUsers">(dms.users, (u) => u.userId),
      dmsInstances: rows<"dmsInstances">(dms.instances, (i) => i.instanceId),
      dmsProxies: rows<"dmsProxies">(dms.proxies, (p) => p.proxyId),
      dmsAccesses: rows<"dmsAccesses">(dms.accesses, (a) => a.proxyAccessId),
      taurusInstances: rows<"taurusInstances">([...(hw?.taurusInstances ?? []), ...bench.instances], (i) => i.id),
      taurusProxies: rows<"taurusProxies">([...(hw?.taurusProxies ?? []), ...bench.proxies], (p) => p.id),
      ddsInstances: rows<"ddsInstances">(hw?.ddsInstances ?? [], (i) => i.id),
      ddsUsers: hw?.ddsUsers ?? [],
      ddsRoles: hw?.ddsRoles ?? [],
      mariaInstances: rows<"mariaInstances">(tc?.instances ?? [], (i) => i.instanceId),
      mariaAccounts: tc?.accounts ?? [],
      iamTokens: [],
    },
  };
}
