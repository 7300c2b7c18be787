/**
 * The proxy access list at 20,000 rows in Chromium: time to the first full render, then filter
 * keystroke → visible count updated → next animation frame, measured inside the page.
 *
 * Run alone (on an existing build): `npx tsx --conditions=react-server scripts/bench/list-filter.ts`.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "@playwright/test";
import { findServerPid, readMemory, type MemoryFigure } from "./console-server";
import { builtPages } from "./first-load";
import { startListStage, type ListStage } from "./list-setup";
import { probeSource, type ProbeSample } from "./page-probe";
import { errorMessage, log, round, runCleanups, sleep, summarize, type Summary } from "./util";

export const LIST_ROWS = 20_000;
export const FILTER_TARGET_MS = 100;
const ROUTE = "/proxy-accesses";
const DEMO_ADMIN = { email: "admin@example.com", password: "demo-console-2026" };
/**
 * Part of a user number, typed then erased: each key narrows (then widens) the list, so each one
 * changes the count. It starts with a digit that the fields every row shares (access id 1000xxx,
 * user id 2xxxxx, instance 5199, "bench-user-") do not contain; "1" or a letter of the name would
 * match all 20,000 rows and change nothing.
 */
const DEFAULT_QUERY = "43210";

const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export interface KeystrokeFigure {
  key: string;
  /** Count text after the key, or null when it did not change within the wait. */
  countText: string | null;
  toRafMs: number | null;
  toAfterFrameMs: number | null;
}

export interface ListFilterMeasured {
  status: "measured";
  rows: number;
  url: string;
  firstRender: { navigationToCountMs: number; wallClockMs: number };
  reloadRender: { navigationToCountMs: number };
  query: string;
  keystrokes: KeystrokeFigure[];
  /** Key event → count changed → first animation frame (the bar). */
  keyToFrame: Summary;
  /** Same, plus the task after that frame: the frame has been produced. */
  keyToAfterFrame: Summary;
  unchangedKeystrokes: number;
  targetMs: number;
  memoryAfterLoad: MemoryFigure;
  memoryAfterFiltering: MemoryFigure;
}

export type ListFilterResult = ListFilterMeasured | { status: "not measured"; reason: string };

export function listPageBuilt(root = process.cwd()): boolean {
  return existsSync(path.join(root, "app", "(console)", "proxy-accesses", "page.tsx")) && builtPages(root).includes(ROUTE);
}

/**
 * Page predicates are passed as functions: a string would be evaluated with eval inside the page,
 * which the console's Content-Security-Policy rightly forbids (page.evaluate of a string is
 * exempt). They are serialised, so they refer to nothing outside themselves.
 */
type ProbeWindow = { __bench?: { loadedAt: number | null; samples: ProbeSample[] } };

async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(DEMO_ADMIN.email);
  await page.getByLabel("Password").fill(DEMO_ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 30_000 });
}

/** Opens the list and waits until the count reads all rows; returns ms since navigation start. */
async function openList(page: Page, url: string): Promise<{ navigationToCountMs: number; wallClockMs: number }> {
  const started = performance.now();
  await page.goto(url, { waitUntil: "commit", timeout: 60_000 });
  await page.waitForFunction(() => (window as unknown as ProbeWindow).__bench?.loadedAt != null, undefined, { timeout: 120_000, polling: 50 });
  const wallClockMs = performance.now() - started;
  const loadedAt = Number(await page.evaluate("window.__bench.loadedAt"));
  return { navigationToCountMs: Math.round(loadedAt), wallClockMs: Math.round(wallClockMs) };
}

async function typeAndMeasure(page: Page, query: string): Promise<KeystrokeFigure[]> {
  const search = page.getByLabel("Search", { exact: true }).first();
  await search.click();
  await search.fill("");
  await sleep(500);
  const keys = [...query.split(""), ...query.split("").map(() => "Backspace")];
  const figures: KeystrokeFigure[] = [];
  for (const key of keys) {
    const before = Number(await page.evaluate("window.__bench.arm()"));
    await page.keyboard.press(key);
    try {
      await page.waitForFunction((n) => ((window as unknown as ProbeWindow).__bench?.samples.length ?? 0) > n, before, { timeout: 3_000, polling: 20 });
      const sample = (await page.evaluate(`window.__bench.samples[${before}]`)) as ProbeSample;
      figures.push({
        key,
        countText: sample.text,
        toRafMs: round(sample.rafAt - sample.keyAt, 1),
        toAfterFrameMs: round(sample.afterFrameAt - sample.keyAt, 1),
      });
    } catch {
      figures.push({ key, countText: null, toRafMs: null, toAfterFrameMs: null });
    }
    // Keys 0.6 s apart: the page writes the query to the URL 300 ms after the last key, and that
    // update should land between two measurements rather than inside one.
    await sleep(600);
  }
  return figures;
}

async function measureInBrowser(stage: ListStage, query: string): Promise<ListFilterMeasured> {
  const url = `${stage.console.baseUrl}${ROUTE}?account=${stage.accountId}&tenant=${stage.tenantId}&proxy=${stage.proxyId}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "en-GB" });
    await context.addInitScript({ content: probeSource(LIST_ROWS) });
    const page = await context.newPage();
    await signIn(page, stage.console.baseUrl);
    log(`signed in; opening ${url.replace(stage.console.baseUrl, "")}`);
    const firstRender = await openList(page, url);
    log(`first render of ${LIST_ROWS} rows: ${firstRender.navigationToCountMs} ms after navigation start`);
    const serverPid = findServerPid(stage.console.pid);
    const memoryAfterLoad = readMemory(serverPid);
    const reload = await openList(page, url);
    const keystrokes = await typeAndMeasure(page, query);
    const finalCount = Number(await page.evaluate("window.__bench.count()"));
    if (finalCount !== LIST_ROWS) log(`warning: after clearing the search the count reads ${finalCount}, not ${LIST_ROWS}`);
    const measured = keystrokes.filter((k) => k.toRafMs !== null);
    return {
      status: "measured",
      rows: LIST_ROWS,
      url: url.replace(stage.console.baseUrl, ""),
      firstRender,
      reloadRender: { navigationToCountMs: reload.navigationToCountMs },
      query,
      keystrokes,
      keyToFrame: summarize(measured.map((k) => k.toRafMs ?? NaN)),
      keyToAfterFrame: summarize(measured.map((k) => k.toAfterFrameMs ?? NaN)),
      unchangedKeystrokes: keystrokes.length - measured.length,
      targetMs: FILTER_TARGET_MS,
      memoryAfterLoad,
      memoryAfterFiltering: readMemory(serverPid),
    };
  } finally {
    await browser.close();
  }
}

export async function measureListFilter(): Promise<ListFilterResult> {
  if (!listPageBuilt()) return { status: "not measured", reason: `page missing (${ROUTE} is not in the build)` };
  const stage = await startListStage(LIST_ROWS);
  try {
    return await measureInBrowser(stage, process.env.BENCH_FILTER_QUERY || DEFAULT_QUERY);
  } catch (error) {
    log(`list measurement failed: ${errorMessage(error)}\nconsole output:\n${stage.console.tail()}`);
    return { status: "not measured", reason: errorMessage(error).split("\n")[0] ?? "error" };
  } finally {
    await stage.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(JSON.stringify(await measureListFilter(), null, 2));
  } finally {
    await runCleanups();
  }
}
