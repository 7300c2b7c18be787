/** Small helpers shared by the bench steps: ports, temp folders, statistics, cleanup on exit. */
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

export function log(message: string): void {
  console.log(`[bench] ${message}`);
}

function tryListen(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(null));
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const got = typeof address === "object" && address ? address.port : null;
      server.close(() => resolve(got));
    });
  });
}

/**
 * BENCH_PORT_RANGE="3500-3599" keeps every port the bench hands out inside that range (a machine
 * shared by several people gives each their own range); without it the OS picks.
 */
function portRange(): { from: number; to: number } | null {
  const raw = process.env.BENCH_PORT_RANGE;
  if (!raw) return null;
  const m = /^(\d+)-(\d+)$/.exec(raw.trim());
  const from = Number(m?.[1]);
  const to = Number(m?.[2]);
  if (!m || !(from > 0) || !(to <= 65_535) || from > to) throw new Error("BENCH_PORT_RANGE must look like 3500-3599");
  return { from, to };
}

/** Ports handed out by this process and not yet reused: two servers starting together get different ones. */
const handedOut = new Set<number>();

async function firstFreeBlock(size: number, from: number, to: number): Promise<number | null> {
  // Start at a random place so two bench processes in one range rarely race for the same block.
  const span = to - from + 1 - (size - 1);
  if (span <= 0) return null;
  const offset = Math.floor(Math.random() * span);
  for (let k = 0; k < span; k += 1) {
    const base = from + ((offset + k) % span);
    let ok = true;
    for (let i = 0; i < size && ok; i += 1) ok = !handedOut.has(base + i) && (await tryListen(base + i)) !== null;
    if (ok) {
      for (let i = 0; i < size; i += 1) handedOut.add(base + i);
      // A port is free again once its server stopped; forget it after a while so a long run can reuse it.
      setTimeout(() => {
        for (let i = 0; i < size; i += 1) handedOut.delete(base + i);
      }, 120_000).unref();
      return base;
    }
  }
  return null;
}

/** A port nobody listens on right now (the shared 3210/4700/4800 are never handed out by the OS). */
export async function freePort(): Promise<number> {
  const range = portRange();
  const port = range ? await firstFreeBlock(1, range.from, range.to) : await tryListen(0);
  if (port === null) throw new Error(range ? `no free port in ${range.from}-${range.to}` : "no free port");
  return port;
}

/**
 * The console derives every vendor URL from the emulator's admin port plus a fixed offset, so the
 * emulator it talks to needs six consecutive free ports, which basePort 0 does not give.
 */
export async function freePortBlock(size: number): Promise<number> {
  const range = portRange();
  if (range) {
    const base = await firstFreeBlock(size, range.from, range.to);
    if (base === null) throw new Error(`no block of ${size} free ports in ${range.from}-${range.to}`);
    return base;
  }
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    let ok = true;
    for (let i = 0; i < size && ok; i += 1) ok = (await tryListen(base + i)) !== null;
    if (ok) return base;
  }
  throw new Error(`no block of ${size} free ports`);
}

const cleanups = new Set<() => Promise<void> | void>();

/** Registers work that must run even when the bench is interrupted (servers, temp folders). */
export function onCleanup(fn: () => Promise<void> | void): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

let running: Promise<void> | null = null;

/** Runs every registered cleanup once; a second caller (a second signal) waits for the same run. */
export function runCleanups(): Promise<void> {
  running ??= (async () => {
    while (cleanups.size) {
      const all = [...cleanups].reverse();
      cleanups.clear();
      for (const fn of all) {
        try {
          await fn();
        } catch {
          // best effort: the next one must still run
        }
      }
    }
  })().finally(() => {
    running = null;
  });
  return running;
}

export function tempDir(label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `console-bench-${label}-`));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface Summary {
  n: number;
  median: number;
  p95: number;
  max: number;
  min: number;
}

/** Nearest-rank percentiles: with few samples p95 is honestly the worst one, not an interpolation. */
export function summarize(values: number[], digits = 1): Summary {
  if (values.length === 0) return { n: 0, median: NaN, p95: NaN, max: NaN, min: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
  return {
    n: sorted.length,
    median: round(median, digits),
    p95: round(rank(0.95), digits),
    max: round(sorted[sorted.length - 1] ?? NaN, digits),
    min: round(sorted[0] ?? NaN, digits),
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Most of `times` (epoch ms) that fall within any `windowMs`: what a sliding-window quota sees. */
export function maxInAnyWindow(times: number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= windowMs) j += 1;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

export interface EmulatorCall {
  at: string;
  action: string;
  outcome: string;
  target?: Record<string, string>;
}

/** The emulator's call log: its last sequence number now, or the calls after one (`query` filters). */
export async function emulatorLastSeq(adminUrl: string): Promise<number> {
  return ((await (await fetch(`${adminUrl}/calls?since=999999999`)).json()) as { lastSeq: number }).lastSeq;
}

export async function emulatorCallsSince(adminUrl: string, since: number, query: string): Promise<EmulatorCall[]> {
  return ((await (await fetch(`${adminUrl}/calls?${query}&since=${since}`)).json()) as { calls: EmulatorCall[] }).calls;
}

/** basePort for an emulator whose listeners may be scattered: any ports, or a block of BENCH_PORT_RANGE. */
export async function anyEmulatorBasePort(): Promise<number> {
  return process.env.BENCH_PORT_RANGE ? freePortBlock(6) : 0;
}
