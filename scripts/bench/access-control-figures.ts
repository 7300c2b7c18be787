/**
 * The pure parts of the access-control bench: the in-page probe, reading the page's contract
 * attributes, counting the emulator's calls and summarising the runs. Kept apart from the browser
 * work so they can be unit-tested.
 *
 * The contract with the page: its root element carries data-testid="access-control-page"; once
 * every source (cloud account × project) has answered, it sets data-loaded="true" and
 * data-row-count="<proxy rows>" on that element.
 */
import { summarize, type Summary } from "./util";

export const PAGE_SELECTOR = '[data-testid="access-control-page"]';

/** What the probe saw when the root first read data-loaded="true" (ms since navigation start). */
export interface ProbeState {
  loadedAt: number | null;
  rowCount: string | null;
}

/**
 * Installed with addInitScript before any page script, so it sees the attribute flip however
 * early it happens. Plain JavaScript source: functions serialised from this tsx-compiled file
 * would carry the bundler's helpers, which do not exist in the browser.
 */
export function accessControlProbeSource(): string {
  return `(() => {
  if (window.__accessControl) return;
  const SELECTOR = ${JSON.stringify(PAGE_SELECTOR)};
  const s = { loadedAt: null, rowCount: null };
  const check = () => {
    if (s.loadedAt !== null) return;
    const el = document.querySelector(SELECTOR);
    if (!el || el.getAttribute("data-loaded") !== "true") return;
    s.loadedAt = performance.now();
    s.rowCount = el.getAttribute("data-row-count");
    observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-loaded", "data-row-count"] });
  window.__accessControl = s;
})();`;
}

/** data-row-count as a number; a page that breaks the contract is reported, not guessed at. */
export function parseRowCount(raw: string | null): number {
  if (raw === null || !/^\d+$/.test(raw.trim())) {
    throw new Error(`the page set data-loaded="true" but data-row-count is ${raw === null ? "missing" : JSON.stringify(raw)}, not a whole number`);
  }
  return Number(raw.trim());
}

/** What the page looked like when the wait ran out, for the failure message. */
export interface PageAtTimeout {
  url: string;
  rootFound: boolean;
  loaded: string | null;
  rowCount: string | null;
}

export function notLoadedMessage(timeoutMs: number, at: PageAtTimeout): string {
  const seconds = Math.round(timeoutMs / 1000);
  const where = `(at ${at.url})`;
  if (!at.rootFound) {
    return `the access-control page did not mark the table complete within ${seconds} s: no ${PAGE_SELECTOR} element ${where}`;
  }
  const loaded = at.loaded === null ? "no data-loaded attribute" : `data-loaded="${at.loaded}"`;
  const rows = at.rowCount === null ? "" : `, data-row-count="${at.rowCount}"`;
  return `the access-control page did not mark the table complete within ${seconds} s: ${loaded}${rows} ${where}`;
}

/** One entry of the emulator's call log (GET /calls), the fields the bench reads. */
export interface LoggedCall {
  seq: number;
  service: string;
  action: string;
  outcome: string;
}

export interface VendorCallCount {
  /** TaurusDB and IAM calls together: what opening the page cost at the vendor. */
  total: number;
  taurus: number;
  iam: number;
  /** Calls the vendor refused or that failed (throttled, errors), included in total. */
  notOk: number;
  byAction: Record<string, number>;
}

/** Counts the TaurusDB and IAM calls among `calls`; other services' calls are not the page's. */
export function countVendorCalls(calls: readonly LoggedCall[]): VendorCallCount {
  const count: VendorCallCount = { total: 0, taurus: 0, iam: 0, notOk: 0, byAction: {} };
  for (const c of calls) {
    if (c.service !== "taurus" && c.service !== "iam") continue;
    count.total += 1;
    count[c.service] += 1;
    if (c.outcome !== "OK") count.notOk += 1;
    count.byAction[c.action] = (count.byAction[c.action] ?? 0) + 1;
  }
  return count;
}

export interface AccessControlRun {
  /** 1 is the first open after the console started: nothing cached, no IAM token yet. */
  run: number;
  /** Navigation start → the root read data-loaded="true", measured inside the page. */
  navigationToLoadedMs: number;
  /** page.goto called → the probe saw it, as the bench's clock reads it. */
  wallClockMs: number;
  rows: number;
  vendorCalls: VendorCallCount;
}

export interface RunSummary {
  cold: AccessControlRun;
  /** The later opens: time and vendor calls. */
  warm: { time: Summary; vendorCalls: Summary };
  /** Every run's row count agreed (a table that changes size between opens is worth a look). */
  rowsAgree: boolean;
}

export function summarizeRuns(runs: readonly AccessControlRun[]): RunSummary {
  const [cold, ...warm] = runs;
  if (!cold) throw new Error("no run to summarise");
  return {
    cold,
    warm: {
      time: summarize(warm.map((r) => r.navigationToLoadedMs), 0),
      vendorCalls: summarize(warm.map((r) => r.vendorCalls.total), 0),
    },
    rowsAgree: runs.every((r) => r.rows === cold.rows),
  };
}
