import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixtures } from "../fixtures";
import { buildSeedImage } from "../seed";
import { Store } from "../store";
import { send, signHuawei } from "../testing/signers";
import { startTestEmulator, tempDir, type TestEmulator } from "../testing/harness";

const f = loadFixtures();
const H = f.huawei;
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

const signed = (p: string) => send(signHuawei(emu.urls.taurus, { ak: H.ak, sk: H.sk }, "GET", p));
type ProxyList = { proxy_list: Array<{ proxy: { pool_id: string; name: string; status: string } }> };

describe("POST /reset with largeTaurus", () => {
  it("serves the extra instances and their proxies through the vendor API, paged as documented", async () => {
    const reset = await emu.admin<{ seed: { largeTaurus: number }; counts: Record<string, number> }>("POST", "/reset", { largeTaurus: 50 });
    expect(reset.seed.largeTaurus).toBe(50);
    expect(reset.counts).toMatchObject({ taurusInstances: 54, taurusProxies: 205 });
    const list = await signed(`/v3.1/${H.projectId}/instances?name=bench-taurus-007`);
    const inst = (list.json.instances as Array<{ id: string; status: string }>)[0];
    expect(inst?.status).toBe("normal");
    expect((await signed(`/v3.1/${H.projectId}/instances?name=*bench-taurus-`)).json.total_count).toBe(50);

    const base = `/v3/${H.projectId}/instances/${inst?.id}/proxies`;
    const all = (await signed(base)).json as ProxyList;
    expect(all.proxy_list.map((p) => p.proxy.name)).toEqual([1, 2, 3, 4].map((k) => `bench-taurus-007-proxy-${k}`));
    expect(all.proxy_list.every((p) => p.proxy.status === "ACTIVE")).toBe(true);
    const first = (await signed(`${base}?limit=3`)).json as ProxyList;
    const rest = (await signed(`${base}?offset=3&limit=3`)).json as ProxyList;
    expect([...first.proxy_list, ...rest.proxy_list].map((p) => p.proxy.pool_id)).toEqual(all.proxy_list.map((p) => p.proxy.pool_id));
  });

  it("keeps the default limit of 10 proxies per page", async () => {
    // No seed puts more than four proxies on an instance, so this one starts from a crafted state.
    const dataDir = tempDir();
    const image = buildSeedImage({ kind: "demo", largeSeed: 0, largeTaurus: 3, fixtures: f });
    const proxies = image.collections.taurusProxies ?? [];
    const target = proxies.find(([, p]) => p.name === "bench-taurus-001-proxy-1")?.[1];
    if (!target) throw new Error("seed without bench proxies");
    for (const [, p] of proxies) if (p.name.startsWith("bench-taurus-")) p.instanceId = target.instanceId;
    Store.open(dataDir, () => image).close();
    const crafted = await startTestEmulator({ dataDir });
    try {
      const base = `/v3/${H.projectId}/instances/${target.instanceId}/proxies`;
      const get = async (q: string) => ((await send(signHuawei(crafted.urls.taurus, { ak: H.ak, sk: H.sk }, "GET", base + q))).json as ProxyList).proxy_list;
      expect(await get("")).toHaveLength(10);
      expect(await get("?offset=10")).toHaveLength(2);
      expect(await get("?limit=100")).toHaveLength(12);
    } finally {
      await crafted.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("goes back to the demo data on a reset without it, and refuses more than 500", async () => {
    expect((await emu.admin<{ counts: Record<string, number> }>("POST", "/reset", {})).counts.taurusInstances).toBe(4);
    const res = await fetch(`${emu.urls.admin}/reset`, { method: "POST", body: JSON.stringify({ largeTaurus: 501 }) });
    expect(res.status).toBe(400);
  });
});
