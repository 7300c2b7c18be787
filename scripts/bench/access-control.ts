/**
 * The TaurusDB access-control page on a large account: the emulator reseeded with 50 extra
 * instances × 4 proxies (POST /reset {largeTaurus}), the built console in demo mode pointing at it,
 * the demo admin signed in; then /access-control is opened a few times in Chromium. Each open is
 * timed from navigation start until the page marks the table complete (see access-control-figures.ts
 * for the contract), and the TaurusDB and IAM calls the emulator logged in between are counted.
 * The first open follows the console's start (no IAM token, nothing cached); the others are warm.
 *
 * Run alone (on an existing build): `npx tsx --conditions=react-server scripts/bench/access-control.ts`.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import {
  accessControlProbeSource,
  countVendorCalls,
  notLoadedMessage,
  PAGE_SELECTOR,
  parseRowCount,
  summarizeRuns,
  type AccessControlRun,
  type LoggedCall,
  type ProbeState,
  type RunSummary,
} from "./access-control-figures";
import { launchChromium, signIn } from "./browser";
import { startConsole, type RunningConsole } from "./console-server";
import { builtPages } from "./first-load";
import { errorMessage, freePort, freePortBlock, log, onCleanup, runCleanups, tempDir } from "./util";

export const ACCESS_CONTROL_INSTANCES = 50;
export const PROXIES_PER_INSTANCE = 4;
export const LOAD_TIMEOUT_MS = 60_000;
const RUNS = 5;
const ROUTE = "/access-control";

export interface AccessControlMeasured extends RunSummary {
  status: "measured";
  instances: number;
  proxiesPerInstance: number;
  /** TaurusDB proxies the emulator holds after the reset (the demo ones included), per account. */
  emulatorProxies: number;
  url: string;
  runs: AccessControlRun[];
}

export type AccessControlResult = AccessControlMeasured | { status: "not measured"; reason: string };

export function accessControlPageBuilt(root = process.cwd()): boolean {
  return existsSync(path.join(root, "app", "(console)", "access-control", "page.tsx")) && builtPages(root).includes(ROUTE);
}

interface Stage {
  emulator: RunningEmulator;
  console: RunningConsole;
  emulatorProxies: number;
}

async function admin<T>(emu: RunningEmulator, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(emu.urls.admin + p, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`emulator admin ${method} ${p} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
}

/** basePort 0 would scatter the listeners; the console finds each service at admin port + offset. */
async function startBlockEmulator(): Promise<RunningEmulator> {
  const dataDir = tempDir("emulator-access-control");
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const emu = await startEmulator({ basePort: await freePortBlock(6), dataDir, seed: "demo" });
      onCleanup(() => emu.close());
      return emu;
    } catch (error) {
      lastError = error; // another process took one of the ports in between
    }
  }
  throw new Error(`emulator did not start: ${errorMessage(lastError)}`);
}

async function startStage(): Promise<Stage> {
  const emulator = await startBlockEmulator();
  const reset = await admin<{ counts: Record<string, number> }>(emulator, "POST", "/reset", { largeTaurus: ACCESS_CONTROL_INSTANCES });
  const emulatorProxies = reset.counts.taurusProxies ?? 0;
  log(`emulator at ${emulator.urls.admin} reseeded with ${ACCESS_CONTROL_INSTANCES} extra TaurusDB instances (${emulatorProxies} proxies in all)`);
  const server = startConsole({ port: await freePort(), dataDir: path.join(tempDir("access-control"), "pglite"), emulatorUrl: emulator.urls.admin });
  await server.firstOk(["/api/health"], 180_000);
  return { emulator, console: server, emulatorProxies };
}

async function lastSeq(emu: RunningEmulator): Promise<number> {
  return (await admin<{ lastSeq: number }>(emu, "GET", "/calls?since=999999999")).lastSeq;
}

type ProbeWindow = { __accessControl?: ProbeState };

/** Why the wait ran out, in words: no root element, or its attributes as they stood. */
async function pageAtTimeout(page: Page) {
  const root = page.locator(PAGE_SELECTOR).first();
  const rootFound = (await root.count()) > 0;
  return {
    url: page.url(),
    rootFound,
    loaded: rootFound ? await root.getAttribute("data-loaded") : null,
    rowCount: rootFound ? await root.getAttribute("data-row-count") : null,
  };
}

/** One open of the page: until data-loaded="true", or a clear failure after LOAD_TIMEOUT_MS. */
async function openOnce(page: Page, stage: Stage, url: string, run: number): Promise<AccessControlRun> {
  const since = await lastSeq(stage.emulator);
  const started = performance.now();
  await page.goto(url, { waitUntil: "commit", timeout: LOAD_TIMEOUT_MS });
  try {
    // A function, not a string: a string would be eval'd in the page, which the CSP forbids.
    await page.waitForFunction(() => (window as unknown as ProbeWindow).__accessControl?.loadedAt != null, undefined, { timeout: LOAD_TIMEOUT_MS, polling: 50 });
  } catch {
    throw new Error(notLoadedMessage(LOAD_TIMEOUT_MS, await pageAtTimeout(page)));
  }
  const wallClockMs = Math.round(performance.now() - started);
  const probe = (await page.evaluate("window.__accessControl")) as ProbeState;
  const calls = (await admin<{ calls: LoggedCall[] }>(stage.emulator, "GET", `/calls?since=${since}`)).calls;
  return {
    run,
    navigationToLoadedMs: Math.round(probe.loadedAt ?? NaN),
    wallClockMs,
    rows: parseRowCount(probe.rowCount),
    vendorCalls: countVendorCalls(calls),
  };
}

async function measureInBrowser(stage: Stage): Promise<AccessControlMeasured> {
  const url = `${stage.console.baseUrl}${ROUTE}`;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "en-GB" });
    await context.addInitScript({ content: accessControlProbeSource() });
    const page = await context.newPage();
    await signIn(page, stage.console.baseUrl);
    const runs: AccessControlRun[] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      const r = await openOnce(page, stage, url, run);
      log(`access-control open ${run}${run === 1 ? " (cold)" : ""}: ${r.navigationToLoadedMs} ms, ${r.rows} rows, ${r.vendorCalls.total} vendor calls ${JSON.stringify(r.vendorCalls.byAction)}`);
      runs.push(r);
    }
    return {
      status: "measured",
      instances: ACCESS_CONTROL_INSTANCES,
      proxiesPerInstance: PROXIES_PER_INSTANCE,
      emulatorProxies: stage.emulatorProxies,
      url: ROUTE,
      runs,
      ...summarizeRuns(runs),
    };
  } finally {
    await browser.close();
  }
}

export async function measureAccessControl(): Promise<AccessControlResult> {
  if (!accessControlPageBuilt()) return { status: "not measured", reason: `page missing (${ROUTE} is not in the build)` };
  const stage = await startStage();
  try {
    return await measureInBrowser(stage);
  } catch (error) {
    log(`access-control measurement failed: ${errorMessage(error)}\nconsole output:\n${stage.console.tail()}`);
    throw error;
  } finally {
    await stage.console.stop();
    await stage.emulator.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(JSON.stringify(await measureAccessControl(), null, 2));
  } finally {
    await runCleanups();
  }
}
