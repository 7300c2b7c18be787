import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadFixtures } from "./fixtures";
import { buildSeedImage } from "./seed";
import type { DmsAccess, DmsUser, StateImage, TaurusInstance, TaurusProxy } from "./state-types";
import { send, signAlibabaAcs3 } from "./testing/signers";
import { startTestEmulator } from "./testing/harness";

const f = loadFixtures();
const CLOCK = Date.UTC(2026, 10, 1);

function rows<T>(image: StateImage, coll: keyof StateImage["collections"]): T[] {
  return ((image.collections[coll] ?? []) as Array<[string, T]>).map(([, v]) => v);
}

describe("demo seed", () => {
  const image = buildSeedImage({ kind: "demo", largeSeed: 0, fixtures: f, clock: CLOCK });

  it("is deterministic for a given clock", () => {
    const again = buildSeedImage({ kind: "demo", largeSeed: 0, fixtures: f, clock: CLOCK });
    expect(JSON.stringify(again)).toBe(JSON.stringify(image));
  });

  it("writes identical snapshots from two emulators with the same seed clock", async () => {
    const a = await startTestEmulator({ seedClock: CLOCK });
    const b = await startTestEmulator({ seedClock: CLOCK });
    const snap = (d: string) => fs.readFileSync(path.join(d, "snapshot.json"), "utf8");
    // Access secrets are generated from the seeded PRNG too, so the files match byte for byte.
    expect(snap(a.dataDir)).toBe(snap(b.dataDir));
    await Promise.all([a.stop(), b.stop()]);
  });

  it("has about fifty DMS users over both tenants, a few disabled", () => {
    const users = rows<DmsUser>(image, "dmsUsers");
    expect(users.length).toBeGreaterThanOrEqual(45);
    expect(new Set(users.map((u) => u.tid))).toEqual(new Set([3001, 3002]));
    expect(users.filter((u) => u.state === "DISABLE").map((u) => u.userId)).toContain(f.alibaba.disabledUserId);
  });

  it("puts the owner proxy on the owner instance and mixes grant origins, ages and accounts", () => {
    const proxy = rows<{ proxyId: number; instanceId: number; tid: number }>(image, "dmsProxies").find((p) => p.proxyId === f.alibaba.ownerProxyId);
    expect(proxy).toMatchObject({ instanceId: f.alibaba.ownerInstanceId, tid: 3001 });
    const accesses = rows<DmsAccess>(image, "dmsAccesses");
    const origins = accesses.map((a) => a.originInfo);
    expect(origins.some((o) => o.startsWith("Authorization by the Alibaba Cloud Account("))).toBe(true);
    expect(origins.some((o) => o.startsWith("Authorization by submitting the ticket("))).toBe(true);
    expect(origins.some((o) => /^阿里云账号\(\d+\)授权$/.test(o))).toBe(true);
    expect(origins.some((o) => /^提交工单\(\d+\)授权$/.test(o))).toBe(true);
    const ages = accesses.map((a) => (CLOCK - a.gmtCreate) / 86_400_000);
    expect(ages.some((d) => d > 90) && ages.some((d) => d < 90)).toBe(true);
    expect(Math.max(...ages)).toBeGreaterThan(500);
    expect(accesses.some((a) => a.indepAccount !== "")).toBe(true);
    expect(accesses.filter((a) => a.proxyId === f.alibaba.ownerProxyId).length).toBeGreaterThanOrEqual(10);
  });

  it("seeds TaurusDB, DDS and MariaDB with the fixed ids", () => {
    const taurus = rows<{ id: string }>(image, "taurusInstances");
    expect(taurus.map((i) => i.id)).toContain(f.huawei.ownerTaurusInstanceId);
    const proxies = rows<TaurusProxy>(image, "taurusProxies");
    expect(proxies.find((p) => p.id === f.huawei.ownerTaurusProxyId)?.accessControl).toMatchObject({ open: true, type: "white" });
    expect(proxies.some((p) => p.accessControl.open && p.accessControl.type === "black")).toBe(true);
    const dds = rows<{ id: string; status: string; actions?: string[]; datastoreType?: string }>(image, "ddsInstances");
    const states = f.huawei.ddsStateInstances;
    expect(dds.map((i) => i.id)).toEqual(expect.arrayContaining([f.huawei.ownerDdsInstanceId, f.huawei.abnormalDdsInstanceId, ...Object.values(states), f.huawei.enhancedDdsInstanceId]));
    const ready = dds.filter((i) => i.status === "normal" && !i.actions?.length && (i.datastoreType ?? "DDS-Community") === "DDS-Community");
    expect(ready.map((i) => i.id)).toHaveLength(2);
    expect(ready.map((i) => i.id)).toContain(f.huawei.ownerDdsInstanceId);
    const byId = new Map(dds.map((i) => [i.id, i]));
    expect([byId.get(states.creating)?.status, byId.get(states.frozen)?.status, byId.get(f.huawei.abnormalDdsInstanceId)?.status]).toEqual(["creating", "frozen", "abnormal"]);
    expect([states.resizing, states.changingPort, states.restarting].map((id) => [byId.get(id)?.status, byId.get(id)?.actions])).toEqual([
      ["normal", ["RESIZE_FLAVOR"]], ["normal", ["MODIFY_PORT"]], ["normal", ["RESTARTING"]],
    ]);
    expect(byId.get(f.huawei.enhancedDdsInstanceId)?.datastoreType).toBe("DDS-Enhanced");
    const ddsUsers = rows<{ user: string; roles: Array<{ role: string }> }>(image, "ddsUsers");
    expect(ddsUsers.every((u) => /^[A-Za-z0-9.-]{1,64}$/.test(u.user))).toBe(true);
    const maria = rows<{ instanceId: string; region: string; status: number; dbVersion: string }>(image, "mariaInstances");
    expect(maria.filter((i) => i.region === f.tencent.region).map((i) => i.instanceId)).toEqual(f.tencent.instanceIds);
    expect(maria.find((i) => i.instanceId === f.tencent.otherRegion.instanceId)?.region).toBe(f.tencent.otherRegion.region);
    const status = (id: string) => maria.find((i) => i.instanceId === id)?.status;
    expect([status(f.tencent.isolatedInstanceId), status(f.tencent.inFlowInstanceId), status(f.tencent.restartingInstanceId), status(f.tencent.kernel101InstanceId)]).toEqual([-1, 1, 6, 2]);
    expect(maria.find((i) => i.instanceId === f.tencent.kernel101InstanceId)?.dbVersion).toBe("10.1");
    const accounts = rows<{ instanceId: string }>(image, "mariaAccounts");
    for (const id of [f.tencent.ownerInstanceId, f.tencent.kernel101InstanceId, f.tencent.otherRegion.instanceId]) {
      expect(accounts.some((a) => a.instanceId === id)).toBe(true);
    }
  });
});

describe("large seed", () => {
  it("seeds 20,000 accesses on the large proxy in seconds and lists them quickly", async () => {
    const t0 = performance.now();
    const emu = await startTestEmulator({ largeSeed: 20_000 });
    const startMs = performance.now() - t0;
    const t1 = performance.now();
    const r = await send(signAlibabaAcs3(emu.urls.dms, { id: f.alibaba.accessKeyId, secret: f.alibaba.accessKeySecret }, "ListProxyAccesses", { ProxyId: String(f.alibaba.largeProxyId) }));
    const listMs = performance.now() - t1;
    const list = r.json.ProxyAccessList as Array<{ InstanceId: number }>;
    expect(list).toHaveLength(20_000);
    expect(list[0]?.InstanceId).toBe(f.alibaba.largeInstanceId);
    console.log(`largeSeed 20000: start ${startMs.toFixed(0)} ms, ListProxyAccesses ${listMs.toFixed(0)} ms`);
    const t2 = performance.now();
    await emu.close();
    const again = await startTestEmulator({ dataDir: emu.dataDir });
    console.log(`largeSeed 20000: restart from snapshot ${(performance.now() - t2).toFixed(0)} ms`);
    await again.stop();
  }, 60_000);
});

describe("large TaurusDB seed", () => {
  const image = buildSeedImage({ kind: "demo", largeSeed: 0, largeTaurus: 50, fixtures: f, clock: CLOCK });
  const bench = rows<TaurusInstance>(image, "taurusInstances").filter((i) => i.name.startsWith("bench-taurus-"));
  const benchIds = new Set(bench.map((i) => i.id));
  const proxies = rows<TaurusProxy>(image, "taurusProxies").filter((p) => benchIds.has(p.instanceId));

  it("adds N normal instances in the primary project with four ACTIVE proxies each, ids in the vendor's format", () => {
    expect(bench.map((i) => i.name).slice(0, 2)).toEqual(["bench-taurus-001", "bench-taurus-002"]);
    expect(bench).toHaveLength(50);
    expect(bench.every((i) => /^[0-9a-f]{32}in07$/.test(i.id) && i.status === "normal" && i.projectId === f.huawei.projectId)).toBe(true);
    expect(proxies).toHaveLength(200);
    expect(proxies.every((p) => /^[0-9a-f]{32}po01$/.test(p.id) && p.status === "ACTIVE")).toBe(true);
  });

  it("mixes access control on and off, white and black, with 0 to 5 rules", () => {
    const ac = proxies.map((p) => p.accessControl);
    expect(new Set(ac.map((a) => a.open))).toEqual(new Set([true, false]));
    expect(new Set(ac.map((a) => a.type))).toEqual(new Set(["white", "black"]));
    expect(new Set(ac.map((a) => a.ipList.length))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
  });

  it("is deterministic and leaves the demo data as it was", () => {
    const again = buildSeedImage({ kind: "demo", largeSeed: 0, largeTaurus: 50, fixtures: f, clock: CLOCK });
    expect(JSON.stringify(again)).toBe(JSON.stringify(image));
    const plain = buildSeedImage({ kind: "demo", largeSeed: 0, fixtures: f, clock: CLOCK });
    const demoOnly = (img: StateImage) => rows<TaurusProxy>(img, "taurusProxies").filter((p) => !p.name.startsWith("bench-taurus-"));
    expect(demoOnly(image)).toEqual(demoOnly(plain));
    expect(image.meta.largeTaurus).toBe(50);
  });

  it("refuses more than 500 instances", () => {
    expect(() => buildSeedImage({ kind: "demo", largeSeed: 0, largeTaurus: 501, fixtures: f, clock: CLOCK })).toThrow(/largeTaurus/);
  });
});
