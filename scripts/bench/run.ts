/**
 * `npm run bench`: builds the console, then measures the quality bars of product.md (first-load JS
 * from the build's list and as served in English and Chinese, cold start, provider throughput,
 * cluster-wide pacing, jobs through the queue, two console processes on one credential, many
 * viewers of one list, the 20,000-row list, the access-control page on 50 TaurusDB instances) and
 * writes bench-results/latest.json.
 *
 * `.next` and the machine are shared, so the whole run holds /tmp/console-e2e.lock: without
 * BENCH_LOCKED the script re-executes itself under `flock`.
 * Env: BENCH_SKIP_BUILD=1 reuses the existing build; BENCH_FILTER_QUERY overrides the typed query;
 * BENCH_PORT_RANGE (e.g. 3500-3599) keeps every port the bench opens inside a range;
 * BENCH_CONSOLE_PORT / BENCH_EMULATOR_PORT place the viewers step; BENCH_PG_URL is the PostgreSQL
 * admin URL of the steps that need scratch databases (BENCH_PG_DB_PREFIX names them).
 */
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { measureAccessControl } from "./access-control";
import { measureColdStart } from "./cold-start";
import { measureFirstLoad } from "./first-load";
import { measureServedFirstLoad } from "./first-load-served";
import { measureJobsQueue } from "./jobs-queue";
import { measureListFilter } from "./list-filter";
import { measureClusterPacing } from "./pacing-cluster";
import { measureProviders } from "./providers-step";
import { measureTwoInstances } from "./two-instances";
import { markdownTable, printReport, type BenchReport, type Outcome } from "./report";
import { errorMessage, log, round, runCleanups } from "./util";
import { measureViewers } from "./viewers";

const LOCK = "/tmp/console-e2e.lock";
const ROOT = process.cwd();
const RESULTS_DIR = path.join(ROOT, "bench-results");

function relaunchUnderLock(): Promise<never> {
  const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
  const self = fileURLToPath(import.meta.url);
  log(`waiting for ${LOCK} (held while anyone builds, runs e2e or benches)…`);
  // Its own process group, so an interrupt reaches flock and the bench below it together.
  const child = spawn("flock", [LOCK, process.execPath, tsxCli, self, ...process.argv.slice(2)], {
    stdio: "inherit",
    detached: true,
    env: { ...process.env, BENCH_LOCKED: "1" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    });
  }
  return new Promise<never>(() => {
    child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    child.on("error", (error) => {
      console.error(`[bench] cannot run flock: ${error.message}`);
      process.exit(1);
    });
  });
}

async function step<T>(name: string, fn: () => Promise<T> | T): Promise<Outcome<T>> {
  log(`— ${name}`);
  const started = performance.now();
  try {
    const value = await fn();
    log(`  ${name} done in ${round((performance.now() - started) / 1000, 1)} s`);
    return { ok: true, value };
  } catch (error) {
    log(`  ${name} FAILED: ${errorMessage(error)}`);
    return { ok: false, error: errorMessage(error).split("\n")[0] ?? "error" };
  }
}

/** `next build`, its output kept in bench-results/build.log rather than mixed into the report. */
async function build(): Promise<{ ran: boolean; seconds: number | null }> {
  if (process.env.BENCH_SKIP_BUILD === "1") return { ran: false, seconds: null };
  const logPath = path.join(RESULTS_DIR, "build.log");
  const out = createWriteStream(logPath);
  const started = performance.now();
  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [nextBin, "build"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  out.end();
  if (code !== 0) throw new Error(`next build exited with ${code}; see ${path.relative(ROOT, logPath)}`);
  return { ran: true, seconds: round((performance.now() - started) / 1000, 1) };
}

function commit(): string | null {
  const res = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" });
  if (res.status !== 0) return null;
  const dirty = spawnSync("git", ["status", "--porcelain"], { encoding: "utf8" }).stdout.trim() ? "+dirty" : "";
  return res.stdout.trim() + dirty;
}

async function main(): Promise<number> {
  const started = performance.now();
  // Other people's builds and tests share these two cores; the load says how quiet the run was.
  const loadAtStart = os.loadavg().map((n) => round(n, 2));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const buildOutcome = await step("build", build);
  if (!buildOutcome.ok) {
    console.error("[bench] the build failed, so nothing else can be measured.");
    return 1;
  }
  const firstLoad = await step("first-load JavaScript", () => measureFirstLoad(ROOT));
  const servedFirstLoad = await step("first-load JavaScript as served, en and zh-CN", measureServedFirstLoad);
  const coldStart = await step("server cold start", () => measureColdStart(5));
  const providers = await step("provider figures", measureProviders);
  const clusterPacing = await step("two instances on one credential (PostgreSQL pacer)", () => measureClusterPacing());
  const jobsQueue = await step("jobs per second through the queue (PGlite, PostgreSQL)", measureJobsQueue);
  const twoInstances = await step("two console processes on one PostgreSQL, bulk grants on one credential", measureTwoInstances);
  const viewers = await step("20 concurrent viewers of one small list", () => measureViewers());
  const listFilter = await step("20,000-row list filter", measureListFilter);
  const accessControl = await step("access-control page, 50 TaurusDB instances × 4 proxies", measureAccessControl);
  await runCleanups();

  const cpus = os.cpus();
  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus.length, cpuModel: cpus[0]?.model.trim() ?? "unknown CPU", memoryGiB: round(os.totalmem() / 2 ** 30, 1), node: process.versions.node, loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg().map((n) => round(n, 2)) },
    commit: commit(),
    totalSeconds: round((performance.now() - started) / 1000, 1),
    build: buildOutcome,
    firstLoad,
    servedFirstLoad,
    coldStart,
    providers,
    clusterPacing,
    jobsQueue,
    twoInstances,
    viewers,
    listFilter,
    accessControl,
  };
  report.markdown = markdownTable(report);
  const jsonPath = path.join(RESULTS_DIR, "latest.json");
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  printReport(report, path.relative(ROOT, jsonPath));
  // A missed target is a finding for the report, not a crash; only a step that could not run fails.
  return [firstLoad, servedFirstLoad, coldStart, providers, clusterPacing, jobsQueue, twoInstances, viewers, listFilter, accessControl].every((o) => o.ok) ? 0 : 1;
}

if (process.env.BENCH_LOCKED !== "1") {
  await relaunchUnderLock();
} else {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      // The signal may arrive twice (from the terminal and relayed by tsx); stop once.
      if (stopping) return;
      stopping = true;
      log(`${signal}: stopping servers`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
  let code = 1;
  try {
    code = await main();
  } catch (error) {
    console.error(`[bench] ${errorMessage(error)}`);
  } finally {
    await runCleanups();
  }
  process.exit(code);
}
