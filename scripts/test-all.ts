/**
 * `npm test`: the whole suite, in the order that fails fastest, ending with one summary line.
 * typecheck → lint → unit (vitest) → build → e2e on PGlite → e2e on PostgreSQL (a fresh database
 * on the local server, dropped afterwards). Installs Debian's Chromium first when it is missing.
 * After each step it looks for processes the step left running; any it finds fail the run, then die.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";
import { killLeftovers, processKey, readProcesses, settleLeftovers, type LeftoverScope } from "./lib/leftover-processes";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PG_ADMIN_URL = process.env.E2E_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

interface StepResult {
  name: string;
  ok: boolean;
  seconds: number;
  passed?: number;
  failed?: number;
  note?: string;
}

const results: StepResult[] = [];
const leaks: string[] = [];

// Every process a step starts inherits this, so it is recognised even after its parent died.
process.env.TEST_ALL_RUN = `${process.pid}-${Date.now()}`;
const scope: LeftoverScope = {
  before: new Set(readProcesses().map(processKey)),
  repoRoot: fs.realpathSync(process.cwd()),
  selfPid: process.pid,
  marker: `TEST_ALL_RUN=${process.env.TEST_ALL_RUN}`,
};

async function checkLeftovers(step: string) {
  const leftovers = await settleLeftovers(scope);
  if (leftovers.length === 0) return;
  console.error(`\n=== ${step} left ${leftovers.length} process(es) running; killing them:`);
  for (const p of leftovers) console.error(`  pid ${p.pid} (${p.reason}, cwd ${p.cwd ?? "?"}): ${p.command.slice(0, 300)}`);
  await killLeftovers(leftovers);
  leaks.push(`${step}: ${leftovers.length}`);
}

async function run(name: string, command: string, args: string[], env: Record<string, string> = {}): Promise<boolean> {
  console.log(`\n=== ${name}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const child = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const ok = child.status === 0;
  results.push({ name, ok, seconds: (Date.now() - started) / 1000 });
  await checkLeftovers(name);
  return ok;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

function countVitest(file: string, step: StepResult) {
  const report = readJson<{ numPassedTests: number; numFailedTests: number }>(file);
  if (report) Object.assign(step, { passed: report.numPassedTests, failed: report.numFailedTests });
}

function countPlaywright(file: string, step: StepResult) {
  const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(file);
  if (report) Object.assign(step, { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected });
}

function ensureChromium(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  console.log(`\nChromium is missing at ${CHROMIUM}; installing Debian's package (the tests never download a browser).`);
  const script = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium";
  const root = process.getuid?.() === 0;
  const install = spawnSync(root ? "sh" : "sudo", root ? ["-c", script] : ["sh", "-c", script], { stdio: "inherit" });
  return install.status === 0 && fs.existsSync(CHROMIUM);
}

async function withFreshPostgres<T>(fn: (url: string) => Promise<T>): Promise<T | null> {
  const name = `console_e2e_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
  } catch (error) {
    console.error(`PostgreSQL is not reachable at ${PG_ADMIN_URL}: ${(error as Error).message}`);
    await admin.end().catch(() => undefined);
    return null;
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}

async function main() {
  const started = Date.now();
  fs.rmSync("test-results", { recursive: true, force: true });
  fs.mkdirSync("test-results", { recursive: true });
  const only = new Set((process.env.TEST_ONLY ?? "").split(",").filter(Boolean));
  const want = (step: string) => only.size === 0 || only.has(step);

  if (want("typecheck")) await run("typecheck", "npx", ["tsc", "--noEmit"]);
  if (want("lint")) await run("lint", "npx", ["eslint", ".", "--max-warnings=0"]);
  if (want("unit")) {
    await run("unit", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/unit.json"]);
    countVitest("test-results/unit.json", results.at(-1)!);
  }
  const e2e = want("e2e-pglite") || want("e2e-postgres");
  if (e2e || want("build")) await run("build", "npx", ["next", "build"], { NEXT_TELEMETRY_DISABLED: "1" });
  const built = results.find((r) => r.name === "build")?.ok ?? false;
  const browser = e2e ? ensureChromium() : true;
  if (e2e && !browser) results.push({ name: "chromium", ok: false, seconds: 0, note: "could not install Debian's chromium" });

  if (want("e2e-pglite")) {
    if (built && browser) {
      await run("e2e-pglite", "npx", ["playwright", "test"], { E2E_REPORT: "test-results/e2e-pglite.json", E2E_ARTIFACTS: "test-results/pglite" });
      countPlaywright("test-results/e2e-pglite.json", results.at(-1)!);
    } else results.push({ name: "e2e-pglite", ok: false, seconds: 0, note: "skipped: build or browser missing" });
  }
  if (want("e2e-postgres")) {
    const ran = built && browser
      ? await withFreshPostgres(async (url) => {
          const ok = await run("e2e-postgres", "npx", ["playwright", "test"], {
            E2E_DATABASE_URL: url,
            E2E_REPORT: "test-results/e2e-postgres.json",
            E2E_ARTIFACTS: "test-results/postgres",
          });
          countPlaywright("test-results/e2e-postgres.json", results.at(-1)!);
          return ok;
        })
      : null;
    if (ran === null) results.push({ name: "e2e-postgres", ok: false, seconds: 0, note: "skipped: PostgreSQL, build or browser unavailable" });
  }

  results.push({ name: "leftovers", ok: leaks.length === 0, seconds: 0, note: leaks.length > 0 ? `processes left running by ${leaks.join(", ")}; killed` : undefined });

  console.log("\n=== summary");
  for (const r of results) {
    const counts = r.passed !== undefined ? `  ${r.passed} passed, ${r.failed} failed` : "";
    console.log(`${r.ok ? "PASS" : "FAIL"}  ${r.name.padEnd(13)} ${r.seconds.toFixed(1).padStart(6)} s${counts}${r.note ? `  (${r.note})` : ""}`);
  }
  const passed = results.reduce((n, r) => n + (r.passed ?? (r.ok ? 1 : 0)), 0);
  const failed = results.reduce((n, r) => n + (r.failed ?? (r.ok ? 0 : 1)) + (r.failed === 0 && !r.ok ? 1 : 0), 0);
  console.log(`total ${((Date.now() - started) / 60000).toFixed(1)} min`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

void main();
