import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { signInAs } from "./support/auth";
import { accessesOf, duplicates, emu, lastSeq, type EmuUser } from "./support/emulator";
import { E2E } from "./support/env";
import { dropSiblingDatabase, freshSiblingDatabase, killInstance, processesOf, startInstance, stopInstance, type Instance } from "./support/instances";

/*
 * Two console processes on one PostgreSQL database (a sibling of the e2e one, so nothing here
 * touches what other specs see) and the shared emulator. Bulk grants go to the bench proxy 1299
 * (tenant 3001, empty in the demo seed) for users this spec adds to the emulator and removes again.
 */

test.skip(!process.env.E2E_DATABASE_URL, "two instances need a shared PostgreSQL database (the PostgreSQL leg)");
test.describe.configure({ mode: "serial" });

const TID = 3001;
const PROXY = "1299";
const EXTRA_BASE = 900_000;
/** Users 10-109 for the failover job, 110-149 and 150-189 for the concurrent ones (decades, for the search box). */
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

let databaseUrl = "";
let db: pg.Client;
const instances: Record<"a" | "b", Instance | undefined> = { a: undefined, b: undefined };

const rows = async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows as T[];

interface Op {
  userId: string;
  status: string;
  errorCode: string | null;
  key: string;
}
const opsOf = (jobId: string) =>
  rows<Op>(`select params->>'userId' as "userId", status, error_code as "errorCode", idempotency_key as key from cloud_operations where job_id = $1`, [jobId]);
const jobOf = async (jobId: string) => (await rows<{ status: string; round: number }>(`select status, round from bulk_grant_jobs where id = $1`, [jobId]))[0];

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, onTick?: () => Promise<void>) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await onTick?.();
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function signedIn(browser: Browser, instance: Instance): Promise<Page> {
  const context = await browser.newContext({ baseURL: instance.baseURL });
  const page = await context.newPage();
  await signInAs(page, "admin");
  return page;
}

/** Fills the bulk dialog with extra users `seqs` (by decade through the search box) and previews. */
async function prepareBulk(page: Page, seqs: number[]) {
  await page.goto(`/proxy-accesses?tenant=${TID}&proxy=${PROXY}`);
  await expect(page.getByRole("table", { name: `Proxy accesses on proxy ${PROXY}` })).toBeVisible();
  await page.getByRole("button", { name: "Bulk grant" }).click();
  const dialog = page.getByRole("dialog");
  for (const decade of [...new Set(seqs.map((s) => Math.floor(s / 10)))]) {
    await dialog.getByLabel("Find a DMS user").fill(`extra-user-${String(decade).padStart(4, "0")}`);
    const ids = seqs.filter((x) => Math.floor(x / 10) === decade).map((x) => String(EXTRA_BASE + x));
    // Shown once the search has narrowed the list to this decade.
    await expect(dialog.getByRole("checkbox", { name: new RegExp(`id ${ids.at(-1)}\\b`) })).toBeVisible();
    // A click per box with a frame between, as a person would tick them: far quicker than check() each.
    await dialog.locator('input[type="checkbox"]').evaluateAll(async (inputs, wanted) => {
      for (const input of inputs as HTMLInputElement[]) {
        if (!wanted.includes(input.value) || input.checked) continue;
        input.click();
        await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
      }
    }, ids);
  }
  await expect(dialog.getByTestId("bulk-selected-count")).toHaveText(`${seqs.length} selected`);
  await dialog.getByLabel("Reason").fill("Two-instance failover drill");
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByTestId("bulk-will-grant")).toContainText(`Will be granted (${seqs.length})`);
  return async (): Promise<string> => {
    await dialog.getByRole("button", { name: /^Start granting/ }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(/job=[0-9a-f-]{36}/);
    return /job=([0-9a-f-]{36})/.exec(page.url())![1]!;
  };
}

/** Every user of the job holds exactly one access in DMS and one settled, successful item; no duplicates anywhere. */
async function expectGrantedOnce(jobId: string, seqs: number[]) {
  const job = await jobOf(jobId);
  // Round 1: nobody had to press retry.
  expect(job).toEqual({ status: "completed", round: 1 });
  const ops = await opsOf(jobId);
  const ids = seqs.map((s) => String(EXTRA_BASE + s)).sort();
  expect(ops.map((o) => o.userId).sort()).toEqual(ids);
  expect(ops.filter((o) => o.status !== "succeeded")).toEqual([]);
  expect(ops.every((o) => o.key.startsWith(`bulk:${jobId}:r1:`))).toBe(true);
  const state = await accessesOf(PROXY);
  for (const id of ids) expect(state.filter((a) => String(a.userId) === id), `accesses of user ${id}`).toHaveLength(1);
  expect(await duplicates()).toEqual([]);
}

interface AuditRow {
  outcome: string;
  correlationId: string | null;
  target: string | null;
  errorCode: string | null;
}

/** The audit log agrees with DMS: every access has a success entry, every intent an outcome, no throttling reached anyone. */
async function expectAuditAgrees(seqs: number[]) {
  const audit = await rows<AuditRow>(
    `select outcome, correlation_id as "correlationId", target, error_code as "errorCode" from audit_log where target like $1`,
    [`dms-proxy:${PROXY}%`],
  );
  const state = await accessesOf(PROXY);
  for (const s of seqs) {
    const id = EXTRA_BASE + s;
    expect(state.some((a) => a.userId === id)).toBe(true);
    expect(audit.some((r) => r.target?.endsWith(`/user:${id}`) && r.outcome === "success"), `success entry of user ${id}`).toBe(true);
  }
  const outcomes = new Set(audit.filter((r) => r.outcome !== "intent").map((r) => r.correlationId));
  expect(audit.filter((r) => r.outcome === "intent" && !outcomes.has(r.correlationId))).toEqual([]);
  expect(audit.filter((r) => r.errorCode?.startsWith("Throttling"))).toEqual([]);
}

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(150_000);
  await emu("DELETE", "/state/dms/users/extra");
  const { users } = await emu<{ users: EmuUser[] }>("POST", "/state/dms/users", { tid: TID, count: 189 });
  expect(users.at(-1)?.userId).toBe(EXTRA_BASE + 189);
  databaseUrl = await freshSiblingDatabase("two");
  // One after the other: the first migrates and seeds the new database.
  instances.a = await startInstance("a", E2E.port + 1, databaseUrl);
  instances.b = await startInstance("b", E2E.port + 2, databaseUrl);
  console.log(`[two-instances] cold start on a new database: A ${instances.a.startMs} ms, B ${instances.b.startMs} ms`);
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
});

test.afterAll(async () => {
  for (const instance of Object.values(instances)) if (instance) await stopInstance(instance);
  await db?.end().catch(() => undefined);
  if (databaseUrl) await dropSiblingDatabase(databaseUrl);
  await emu("DELETE", "/faults");
  await emu("DELETE", "/state/dms/users/extra");
});

/** The most calls that arrived within any `windowMs`. */
function peakIn(stamps: number[], windowMs: number): number {
  const sorted = [...stamps].sort((x, y) => x - y);
  let peak = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= windowMs) lo++;
    peak = Math.max(peak, hi - lo + 1);
  }
  return peak;
}

test("bulk work from both instances on one credential is paced for the cluster: no throttling reaches anyone", async ({ browser }) => {
  test.setTimeout(90_000);
  const onA = await signedIn(browser, instances.a!);
  const onB = await signedIn(browser, instances.b!);
  const seqsA = range(110, 149);
  const seqsB = range(150, 189);
  const startA = await prepareBulk(onA, seqsA);
  const startB = await prepareBulk(onB, seqsB);
  const seq = await lastSeq();
  const [jobA, jobB] = await Promise.all([startA(), startB()]);
  await waitUntil("both jobs completed", async () => (await jobOf(jobA))?.status === "completed" && (await jobOf(jobB))?.status === "completed", 60_000);

  type Call = { at: string; action: string; outcome: string };
  const calls = (await emu<{ calls: Call[] }>("GET", `/calls?service=dms&since=${seq}`)).calls;
  const grants = calls.filter((c) => c.action === "CreateProxyAccess").map((c) => Date.parse(c.at));
  const spanS = (Math.max(...grants) - Math.min(...grants)) / 1000;
  const rate = (grants.length - 1) / spanS;
  const throttled = calls.filter((c) => c.outcome.startsWith("Throttling")).length;
  console.log(
    `[two-instances] concurrent: ${grants.length} CreateProxyAccess in ${spanS.toFixed(1)} s = ${rate.toFixed(2)}/s, ` +
      `peak ${peakIn(grants, 1000)} in 1 s, ${peakIn(grants, 2000)} in 2 s (limit 10/s per action); ${calls.length} DMS calls in all, ${throttled} throttled by the vendor`,
  );
  // Both instances together keep DMS's per-action pace (9.7/s aimed), where each pacing alone
  // would send about twice that. Over two seconds, since arrivals bunch by a call or two.
  expect(rate).toBeLessThanOrEqual(10.3);
  expect(peakIn(grants, 2000)).toBeLessThanOrEqual(24);
  await expectGrantedOnce(jobA, seqsA);
  await expectGrantedOnce(jobB, seqsB);
  await expectAuditAgrees([...seqsA, ...seqsB]);
  for (const page of [onA, onB]) await expect(page.getByTestId("bulk-counts")).toContainText("40 granted");
  await onA.context().close();
  await onB.context().close();
});

test("instance A is killed mid-job; B finishes it: one access and one outcome per user, no retry by a person", async ({ browser }) => {
  test.setTimeout(120_000);
  // Slow grants so the kill finds some of A's calls at DMS (answers lost, changes possibly applied).
  await emu("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "latency", latencyMs: 400 });
  const onA = await signedIn(browser, instances.a!);
  const seqs = range(10, 109);
  const jobId = await (await prepareBulk(onA, seqs))();
  await waitUntil("a quarter of the job settled", async () => (await opsOf(jobId)).filter((o) => o.status === "succeeded").length >= 25, 30_000);

  const activeAtKill = await rows<{ id: string; retryCount: number }>(
    `select id, retry_count as "retryCount" from pgboss.job where name = 'bulk-grants.item' and state = 'active' and data->>'jobId' = $1`,
    [jobId],
  );
  const openAtKill = (await opsOf(jobId)).filter((o) => o.status !== "succeeded" && o.status !== "failed").length;
  console.log(`[two-instances] killing A: ${JSON.stringify(processesOf(instances.a!))}`);
  await killInstance(instances.a!);
  const killedAt = Date.now();
  await expect(fetch(`${instances.a!.baseURL}/api/health`)).rejects.toThrow();

  // When each job that was active at the kill runs again (A's are failed by their lost heartbeat).
  let pickedUpAt: number | undefined;
  const ids = activeAtKill.map((j) => j.id);
  await waitUntil("the job completed on B", async () => (await jobOf(jobId))?.status === "completed", 90_000, async () => {
    if (pickedUpAt || ids.length === 0) return;
    const rerun = await rows(`select 1 from pgboss.job where id = any($1) and retry_count > 0 and state in ('active', 'completed')`, [ids]);
    if (rerun.length) pickedUpAt = Date.now();
  });
  const completedAt = Date.now();
  console.log(
    `[two-instances] after SIGKILL: ${activeAtKill.length} item jobs were active, ${openAtKill} items open; ` +
      `first of A's jobs re-run after ${pickedUpAt ? ((pickedUpAt - killedAt) / 1000).toFixed(1) : "?"} s, job completed after ${((completedAt - killedAt) / 1000).toFixed(1)} s`,
  );

  await expectGrantedOnce(jobId, seqs);
  await expectAuditAgrees(seqs);
  const onB = await signedIn(browser, instances.b!);
  await onB.goto(`/proxy-accesses?tenant=${TID}&proxy=${PROXY}&job=${jobId}`);
  const job = onB.getByTestId("bulk-job");
  await expect(job).toHaveAttribute("data-status", "completed");
  await expect(job.getByTestId("bulk-counts")).toContainText("100 granted");
  await onB.context().close();
});

