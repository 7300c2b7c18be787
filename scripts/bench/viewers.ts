/**
 * Many people on one small list: N signed-in connections read one proxy's authorization list
 * (GET /api/proxy-accesses, what the page polls) as fast as they are answered, while the emulator
 * counts the ListProxyAccesses calls DMS sees.
 *
 * Run alone: `npx tsx scripts/bench/viewers.ts`; BENCH_VIEWERS_ROOT=<checkout> measures another
 * checkout's build (e.g. main, for a before/after figure). Ports: BENCH_CONSOLE_PORT (default
 * 3335, or a free one of BENCH_PORT_RANGE) and BENCH_EMULATOR_PORT (base of six; default a free block).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import fixtures from "@/emulator/demo-fixtures.json";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { cpuMs, findServerPid, startConsole } from "./console-server";
import { readAccountId } from "./list-setup";
import { runLoad, type LoadResult } from "./load";
import { freePort, freePortBlock, log, onCleanup, round, runCleanups, tempDir } from "./util";

export const VIEWERS = 20;
export const VIEWERS_TARGET = { requestsPerSecond: 100, p99Ms: 300, vendorCallsPerSecondPerProxy: 1 };
const DEMO_ADMIN = { email: "admin@example.com", password: "demo-console-2026" };
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface VendorListCalls {
  proxyId: string;
  calls: number;
  perSecond: number;
  /** Most calls the emulator saw for this proxy within any 1 000 ms. */
  maxInAnySecond: number;
}

export interface ViewersResult {
  proxyId: number;
  rows: number;
  oneViewer: LoadResult;
  crowd: LoadResult;
  /**
   * CPU the console server spent per request of the crowd run (user + system). The machine is
   * shared, so requests/s depends on what else runs; this figure does not.
   */
  serverCpuMsPerRequest: number;
  /** ListProxyAccesses calls DMS saw during the crowd run, per proxy. */
  vendorCalls: VendorListCalls[];
  target: typeof VIEWERS_TARGET;
  checkout: string;
}

function envPort(name: string): number | undefined {
  const raw = process.env[name];
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) throw new Error(`${name} must be a port number`);
  return port;
}

async function startDemoEmulator(): Promise<RunningEmulator> {
  const emu = await startEmulator({ basePort: envPort("BENCH_EMULATOR_PORT") ?? (await freePortBlock(6)), dataDir: tempDir("emulator-viewers"), seed: "demo" });
  onCleanup(() => emu.close());
  return emu;
}

/** The session cookie of the demo admin, signed in through the real login page. */
async function adminCookie(baseUrl: string): Promise<string> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").fill(DEMO_ADMIN.email);
    await page.getByLabel("Password").fill(DEMO_ADMIN.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 30_000 });
    return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}

interface LoggedCall {
  at: string;
  target?: Record<string, string>;
}

async function listCallsSince(emu: RunningEmulator, since: number): Promise<LoggedCall[]> {
  const res = await fetch(`${emu.urls.admin}/calls?service=dms&action=ListProxyAccesses&since=${since}`);
  return ((await res.json()) as { calls: LoggedCall[] }).calls;
}

function perProxy(calls: LoggedCall[], seconds: number): VendorListCalls[] {
  const byProxy = new Map<string, number[]>();
  for (const c of calls) {
    const id = c.target?.ProxyId ?? "?";
    byProxy.set(id, [...(byProxy.get(id) ?? []), Date.parse(c.at)]);
  }
  return [...byProxy].map(([proxyId, times]) => {
    times.sort((a, b) => a - b);
    let max = 0;
    for (let i = 0, j = 0; i < times.length; i += 1) {
      while ((times[i] ?? 0) - (times[j] ?? 0) >= 1000) j += 1;
      max = Math.max(max, i - j + 1);
    }
    return { proxyId, calls: times.length, perSecond: round(times.length / seconds, 2), maxInAnySecond: max };
  });
}

export async function measureViewers(root = process.cwd()): Promise<ViewersResult> {
  const emu = await startDemoEmulator();
  const port = envPort("BENCH_CONSOLE_PORT") ?? (process.env.BENCH_PORT_RANGE ? await freePort() : 3335);
  const dataDir = path.join(tempDir("viewers"), "pglite");
  // First start seeds users and demo accounts; the folder is read in between, then served.
  const seeding = startConsole({ port, dataDir, emulatorUrl: emu.urls.admin, cwd: root });
  try {
    await seeding.firstOk(["/api/health"]);
  } finally {
    await seeding.stop();
  }
  const accountId = await readAccountId(dataDir);
  const server = startConsole({ port, dataDir, emulatorUrl: emu.urls.admin, cwd: root });
  try {
    await server.firstOk(["/api/health"]);
    const tenantId = fixtures.alibaba.tenants[0]?.tid ?? 3001;
    const proxyId = fixtures.alibaba.proxyIds[0] ?? 1201;
    const rows = ((await (await fetch(`${emu.urls.admin}/state/dms/proxies/${proxyId}/accesses`)).json()) as { accesses: unknown[] }).accesses.length;
    const headers = { cookie: await adminCookie(server.baseUrl), accept: "application/json" };
    const url = `http://127.0.0.1:${port}/api/proxy-accesses?account=${accountId}&tenant=${tenantId}&proxy=${proxyId}`;
    const probe = await fetch(url, { headers });
    if (probe.status !== 200) throw new Error(`the list answered ${probe.status}: ${(await probe.text()).slice(0, 200)}`);
    log(`viewers: proxy ${proxyId} with ${rows} accesses at ${url.replace(/account=[^&]+/, "account=…")}`);
    await runLoad({ url, headers, connections: VIEWERS, durationMs: 3_000 }); // warm-up: JIT, pools
    const oneViewer = await runLoad({ url, headers, connections: 1, durationMs: 5_000 });
    log(`viewers: 1 connection → ${oneViewer.requestsPerSecond} req/s, p99 ${oneViewer.latency.p99} ms`);
    const { lastSeq } = (await (await fetch(`${emu.urls.admin}/calls?since=999999999`)).json()) as { lastSeq: number };
    const serverPid = findServerPid(server.pid);
    const cpuBefore = cpuMs(serverPid);
    const crowd = await runLoad({ url, headers, connections: VIEWERS, durationMs: 10_000 });
    const serverCpuMsPerRequest = round((cpuMs(serverPid) - cpuBefore) / Math.max(1, crowd.requests), 2);
    const vendorCalls = perProxy(await listCallsSince(emu, lastSeq), crowd.seconds);
    log(`viewers: ${VIEWERS} connections → ${crowd.requestsPerSecond} req/s, p50 ${crowd.latency.p50} ms, p99 ${crowd.latency.p99} ms; statuses ${JSON.stringify(crowd.statuses)}; server CPU ${serverCpuMsPerRequest} ms per request`);
    for (const v of vendorCalls) log(`viewers: DMS saw ${v.calls} ListProxyAccesses for proxy ${v.proxyId} (${v.perSecond}/s, at most ${v.maxInAnySecond} in any second)`);
    return { proxyId, rows, oneViewer, crowd, serverCpuMsPerRequest, vendorCalls, target: VIEWERS_TARGET, checkout: root };
  } finally {
    await server.stop();
    await emu.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(JSON.stringify(await measureViewers(process.env.BENCH_VIEWERS_ROOT || process.cwd()), null, 2));
  } finally {
    await runCleanups();
  }
}
