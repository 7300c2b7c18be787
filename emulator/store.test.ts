import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { loadFixtures } from "./fixtures";
import { send, signAlibabaAcs3, signTencent } from "./testing/signers";
import { startTestEmulator, tempDir } from "./testing/harness";
import { canListOpenFiles, pidsHoldingOpen } from "./testing/open-files";

const f = loadFixtures();
const ALI = { id: f.alibaba.accessKeyId, secret: f.alibaba.accessKeySecret };
const TC = { id: f.tencent.secretId, secret: f.tencent.secretKey };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function freshDir(): string {
  const d = tempDir("emu-store-");
  dirs.push(d);
  return d;
}

async function grant(dmsUrl: string, userId: string): Promise<number> {
  const r = await send(signAlibabaAcs3(dmsUrl, ALI, "CreateProxyAccess", { UserId: userId, ProxyId: String(f.alibaba.ownerProxyId) }));
  expect(r.json.Success).toBe(true);
  return r.json.ProxyAccessId as number;
}

describe("persistence", () => {
  it("keeps mutations across a clean restart and does not reseed", async () => {
    const dataDir = freshDir();
    const a = await startTestEmulator({ dataDir });
    const id = await grant(a.urls.dms, "100011");
    const acc = await send(signTencent(a.urls.mariadb, TC, "CreateAccount", { InstanceId: f.tencent.ownerInstanceId, UserName: "persisted", Host: "%", Password: "Abcd1234!" }));
    expect((acc.json.Response as { Error?: unknown }).Error).toBeUndefined();
    await a.close();

    const b = await startTestEmulator({ dataDir, seed: "none" });
    const accesses = await b.admin<{ accesses: Array<{ proxyAccessId: number }> }>("GET", `/state/dms/proxies/${f.alibaba.ownerProxyId}/accesses`);
    expect(accesses.accesses.map((x) => x.proxyAccessId)).toContain(id);
    const accounts = await b.admin<{ accounts: Array<{ userName: string }> }>("GET", `/state/mariadb/instances/${f.tencent.ownerInstanceId}/accounts`);
    expect(accounts.accounts.map((x) => x.userName)).toContain("persisted");
    // New ids continue after the persisted sequence.
    expect(await grant(b.urls.dms, "100012")).toBeGreaterThan(id);
    await b.close();
  });

  it("loses nothing acknowledged when the process is killed with SIGKILL", async () => {
    const dataDir = freshDir();
    const journal = path.join(dataDir, "journal.jsonl");
    // Node itself with tsx as a loader, so the pid we kill is the emulator's. Through the tsx CLI it
    // would be a wrapper, whose death leaves the emulator running and the crash untested.
    const child = spawn(process.execPath, ["--import", "tsx", "emulator/main.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, EMULATOR_PORT: "0", EMULATOR_DATA_DIR: dataDir, EMULATOR_SEED: "demo" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    const urls = await new Promise<Record<string, string>>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        const m = /EMULATOR_URLS=(\{.*\})/.exec(out);
        if (m?.[1]) resolve(JSON.parse(m[1]) as Record<string, string>);
      });
      child.once("exit", (code) => reject(new Error(`emulator exited early (${code})`)));
    });
    const ids: number[] = [];
    for (const u of ["100002", "100003", "100005"]) ids.push(await grant(urls.dms ?? "", u));
    if (canListOpenFiles) expect(pidsHoldingOpen(journal)).toEqual([child.pid]);

    const exited = new Promise<NodeJS.Signals | null>((r) => child.once("exit", (_code, signal) => r(signal)));
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    // The store's process is really gone: nothing answers on its ports or holds its journal.
    await expect(fetch(`${urls.admin}/health`)).rejects.toThrow();
    if (canListOpenFiles) expect(pidsHoldingOpen(journal)).toEqual([]);
    expect(fs.readFileSync(journal, "utf8").trim().split("\n")).toHaveLength(3);

    const b = await startTestEmulator({ dataDir });
    const accesses = await b.admin<{ accesses: Array<{ proxyAccessId: number }> }>("GET", `/state/dms/proxies/${f.alibaba.ownerProxyId}/accesses`);
    expect(accesses.accesses.map((x) => x.proxyAccessId)).toEqual(expect.arrayContaining(ids));
    await b.close();
  }, 30_000);

  it("skips a torn trailing journal line left by a crash mid-write", async () => {
    const dataDir = freshDir();
    const a = await startTestEmulator({ dataDir });
    const id = await grant(a.urls.dms, "100013");
    await a.close();
    fs.appendFileSync(path.join(dataDir, "journal.jsonl"), '{"at":1,"ops":[{"op":"put","coll":"dmsAcc');
    const b = await startTestEmulator({ dataDir });
    const accesses = await b.admin<{ accesses: Array<{ proxyAccessId: number }> }>("GET", `/state/dms/proxies/${f.alibaba.ownerProxyId}/accesses`);
    expect(accesses.accesses.map((x) => x.proxyAccessId)).toContain(id);
    expect(fs.readFileSync(path.join(dataDir, "journal.jsonl"), "utf8")).toBe("");
    await b.close();
  });

  it("reseeds on POST /reset", async () => {
    const emu = await startTestEmulator({ dataDir: freshDir() });
    await grant(emu.urls.dms, "100014");
    const before = await emu.admin<Record<string, number>>("GET", "/state/summary");
    const reset = await emu.admin<{ counts: Record<string, number> }>("POST", "/reset", { seed: "demo" });
    expect(reset.counts.dmsAccesses).toBe((before.dmsAccesses ?? 0) - 1);
    const none = await emu.admin<{ counts: Record<string, number> }>("POST", "/reset", { seed: "none" });
    expect(none.counts).toMatchObject({ dmsTenants: 2, dmsUsers: 0, taurusInstances: 0, mariaInstances: 0 });
    await emu.close();
  });
});
