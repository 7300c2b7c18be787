import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkGrantJobs, cloudOperations } from "@/lib/db/schema";
import { defineQueue } from "@/lib/jobs/define";
import { startTestEngine, type TestEngine } from "@/lib/jobs/testing";
import { createDmsApi } from "@/lib/providers/alibaba/dms";
import { FAST_RETRY } from "@/lib/providers/contract-env";
import { roundActor } from "./bulk-grants-actor";
import { BULK_ITEM_ACTION, BULK_ROUND_ACTION, itemKey, runItem, runRound, type ItemData, type RunnerDeps } from "./bulk-grants-runner";
import { toJobDto } from "./bulk-grants-view";
import { GRANT_KIND, grantTarget } from "./proxy-accesses-records";
import { setupDmsHarness } from "./testing/dms-harness";
import { wordsText } from "@/lib/i18n/stored-words";
import type { StoredWords } from "@/lib/db/schema";

/*
 * Bulk grants on the real job engine (pg-boss on the scratch PGlite) against the emulator:
 * faults, throttling that outlasts the client's own retries, an item whose runner died, a creator
 * who lost the right, and a retry round. The emulator's state is the judge.
 */

const h = setupDmsHarness();
const { audits, accountId, tid } = h;
const creator = randomUUID();
const PROXY = "1202";
let mayGrant: RunnerDeps["mayGrant"] = async () => true;
const attempts: number[] = [];

const deps = (): RunnerDeps => ({ ...h.deps(), mayGrant: (job) => mayGrant(job), sendItems: (items) => itemQueue.sendMany!(items) });
const roundQueue = defineQueue<{ jobId: string; round: number }>("test.bulk.round", async (d) => runRound(deps(), d.jobId, d.round), { retryLimit: 2 });
const itemQueue = defineQueue<ItemData>(
  "test.bulk.item",
  async (d, ctx) => {
    attempts.push(ctx.retryCount);
    await runItem(deps(), d, ctx);
  },
  { retryLimit: 6, retryDelaySeconds: 1, retryBackoff: true, concurrency: 4 },
);

let jobs: TestEngine;
beforeAll(async () => {
  jobs = await startTestEngine({ pglite: h.handle.pglite, queues: ["test.bulk.round", "test.bulk.item"] });
}, 60_000);
afterAll(async () => {
  await jobs?.stop();
});

const dms = () => createDmsApi(h.env.alibaba, FAST_RETRY);
const state = async () => (await h.env.admin<{ accesses: { userId: number; proxyAccessId: number }[] }>("GET", `/state/dms/proxies/${PROXY}/accesses`)).accesses;
const duplicates = async () => (await h.env.admin<{ duplicates: unknown[] }>("GET", "/state/dms/duplicates")).duplicates;
const creates = async () => (await h.env.admin<{ calls: unknown[] }>("GET", "/calls?service=dms&action=CreateProxyAccess")).calls.length;

let pool: string[] = [];
/** Users without access on PROXY, handed out so tests never share one. */
async function freeUsers(n: number): Promise<string[]> {
  if (!pool.length) {
    const all = await dms().listAllUsers({ tid });
    const taken = new Set((await state()).map((a) => String(a.userId)));
    pool = all.filter((u) => u.state === "NORMAL" && !taken.has(u.userId)).map((u) => u.userId);
  }
  if (pool.length < n) throw new Error("not enough free users");
  return pool.splice(0, n);
}

async function newJob(userIds: string[]) {
  const [job] = await h.handle.db
    .insert(bulkGrantJobs)
    .values({
      idempotencyKey: randomUUID(), cloudAccountId: accountId, tenantId: tid, proxyId: PROXY, instanceId: "5102",
      // As the start action stores them: names come from the round's directory read.
      users: userIds.map((userId) => ({ userId, name: "", uid: "" })),
      reason: "bulk unit test", createdBy: creator, createdByEmail: "dba@example.com", createdByRoles: ["dba"],
    })
    .returning();
  return job!;
}

async function dto(jobId: string) {
  const [job] = await h.handle.db.select().from(bulkGrantJobs).where(eq(bulkGrantJobs.id, jobId));
  const ops = await h.handle.db.select().from(cloudOperations).where(eq(cloudOperations.jobId, jobId));
  return toJobDto(job!, ops);
}

async function run(jobId: string, round = 1) {
  await roundQueue.send({ jobId, round });
  await jobs.runUntilIdle({ timeoutMs: 60_000 });
  return dto(jobId);
}

const itemAuditsOf = (jobId: string) => audits.filter((a) => a.action === BULK_ITEM_ACTION && (a.params as { jobId?: string }).jobId === jobId);

describe("bulk grants on the job queue", () => {
  it("grants everyone once under throttling and lost answers, reports who already had access, and completes", async () => {
    const fresh = await freeUsers(6);
    const holder = String((await state())[0]!.userId);
    const job = await newJob([...fresh, holder]);
    await h.env.admin("POST", "/faults", [
      { service: "dms", action: "CreateProxyAccess", kind: "throttle", count: 3 },
      { service: "dms", action: "CreateProxyAccess", kind: "drop", afterEffect: true, count: 2 },
    ]);
    const result = await run(job.id);
    expect(result.status).toBe("completed");
    expect(result.counts).toMatchObject({ granted: 6, already: 1, failed: 0, unknown: 0, running: 0, waiting: 0 });
    expect(result.items.every((i) => i.name)).toBe(true);
    const after = await state();
    for (const userId of fresh) expect(after.filter((a) => String(a.userId) === userId)).toHaveLength(1);
    expect(await duplicates()).toEqual([]);
    const items = itemAuditsOf(job.id);
    expect(items.filter((a) => a.outcome === "intent")).toHaveLength(6);
    expect(items.filter((a) => a.outcome === "success")).toHaveLength(6);
    expect(items.every((a) => a.actor?.email === "dba@example.com")).toBe(true);
  });

  it("retries throttling that outlasts the client's own retries on the queue; no item is shown failed", async () => {
    const users = await freeUsers(1);
    const job = await newJob(users);
    attempts.length = 0;
    // The client gives up after 5 throttled tries; the queue tries the item again later (twice here).
    await h.env.admin("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "throttle", count: 12 });
    await roundQueue.send({ jobId: job.id, round: 1 });
    let sawRetrying = false;
    for (let i = 0; i < 200 && (await dto(job.id)).status === "running"; i += 1) {
      const ops = await h.handle.db.select().from(cloudOperations).where(eq(cloudOperations.jobId, job.id));
      if (ops.some((o) => o.status === "retrying")) {
        sawRetrying = true;
        const view = await dto(job.id);
        expect(view.status).toBe("running");
        expect(view.counts.failed).toBe(0);
      }
      await jobs.runUntilIdle({ timeoutMs: 60_000 }).catch(() => undefined);
    }
    const result = await dto(job.id);
    expect(result).toMatchObject({ status: "completed", counts: { granted: 1, failed: 0 } });
    expect(Math.max(...attempts)).toBe(2);
    // Each refused attempt has its intent and failure; the last one its success.
    expect(itemAuditsOf(job.id).map((a) => a.outcome)).toEqual(["intent", "failure", "intent", "failure", "intent", "success"]);
    void sawRetrying;
    for (const userId of users) expect((await state()).filter((a) => String(a.userId) === userId)).toHaveLength(1);
  });

  it("takes over an item whose runner died: one that landed is settled without a second create, the rest granted once", async () => {
    const [landed, lost, untouched] = await freeUsers(3);
    const job = await newJob([landed!, lost!, untouched!]);
    await dms().createProxyAccess({ userId: landed!, proxyId: PROXY, tid });
    // The dead runner held two items at DMS: their leases have run out.
    for (const userId of [landed!, lost!]) {
      await h.handle.db.insert(cloudOperations).values({
        idempotencyKey: itemKey(job, userId), kind: GRANT_KIND, cloudAccountId: accountId, target: grantTarget(PROXY, userId),
        params: { userId, proxyId: PROXY, tenantId: tid, instanceId: "5102", userName: null, indepAccount: null, reason: "r" },
        status: "pending", lockKey: `dms-grant:${PROXY}:${userId}`, attempts: 1, leaseUntil: new Date(Date.now() - 1000), jobId: job.id, createdBy: creator,
      });
    }
    const before = await creates();
    const result = await run(job.id);
    expect(await creates()).toBe(before + 2);
    expect(result.status).toBe("completed");
    expect(result.items.map((i) => i.state)).toEqual(["granted", "granted", "granted"]);
    for (const userId of [landed, lost, untouched]) expect((await state()).filter((a) => String(a.userId) === userId)).toHaveLength(1);
    expect(await duplicates()).toEqual([]);
  });

  it("is not completed while an item is open, and completes once it is settled", async () => {
    const [user] = await freeUsers(1);
    const job = await newJob([user!]);
    await h.handle.db.insert(cloudOperations).values({
      idempotencyKey: itemKey(job, user!), kind: GRANT_KIND, cloudAccountId: accountId, target: grantTarget(PROXY, user!),
      params: { userId: user!, proxyId: PROXY, tenantId: tid }, status: "pending", lockKey: `dms-grant:${PROXY}:${user}`, attempts: 1,
      leaseUntil: new Date(Date.now() + 60_000), jobId: job.id,
    });
    const d: RunnerDeps = deps();
    await runItem(d, { jobId: job.id, round: 1, userId: user! }, { retryCount: 6 });
    expect((await dto(job.id)).status).toBe("running");
    await h.handle.db.update(cloudOperations).set({ leaseUntil: new Date(Date.now() - 1000) }).where(eq(cloudOperations.idempotencyKey, itemKey(job, user!)));
    await runItem(d, { jobId: job.id, round: 1, userId: user! }, { retryCount: 1 });
    expect(await dto(job.id)).toMatchObject({ status: "completed", counts: { granted: 1 } });
  });

  it("stops a job whose creator may no longer grant, without calling DMS", async () => {
    const job = await newJob(await freeUsers(1));
    const before = await creates();
    mayGrant = async () => false;
    const result = await run(job.id).finally(() => (mayGrant = async () => true));
    expect(await creates()).toBe(before);
    expect(result).toMatchObject({ status: "completed", counts: { failed: 1 } });
    expect(result.items[0]).toMatchObject({ code: "FORBIDDEN" });
  });

  it("retries only the failed users in a new round, as the person who retried, and sums up each round", async () => {
    const users = await freeUsers(3);
    const job = await newJob(users);
    await h.env.admin("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "error", status: 403, code: "Forbidden.RAM", count: 1 });
    let result = await run(job.id);
    expect(result.counts).toMatchObject({ granted: 2, failed: 1 });
    const failed = result.items.find((i) => i.state === "failed")!;
    expect(failed).toMatchObject({ code: "Forbidden.RAM" });
    expect(failed.requestId).toBeTruthy();
    const summaries = () => audits.filter((a) => a.action === BULK_ROUND_ACTION && (a.params as { jobId?: string }).jobId === job.id);
    expect(summaries()).toMatchObject([{ outcome: "partial", params: { round: 1, failedCodes: { "Forbidden.RAM": 1 } } }]);
    expect(summaries().map((a) => wordsText(a.message as StoredWords, "en"))).toEqual(["1 of 3 grants failed"]);

    const retrier = randomUUID();
    await h.handle.db
      .update(bulkGrantJobs)
      .set({ round: 2, status: "running", finishedAt: null, retriedBy: retrier, retriedByEmail: "owner@example.com", retriedByRoles: ["owner"] })
      .where(eq(bulkGrantJobs.id, job.id));
    const asked: (string | null)[] = [];
    mayGrant = async (j) => (asked.push(roundActor(j)?.id ?? null), true);
    const before = await creates();
    result = await run(job.id, 2).finally(() => (mayGrant = async () => true));
    expect(asked).toEqual([retrier]);
    expect(await creates()).toBe(before + 1);
    expect(result.counts).toMatchObject({ granted: 3, failed: 0 });
    expect(result.items.find((i) => i.userId === failed.userId)?.attempts).toBe(2);
    const round2 = itemAuditsOf(job.id).filter((a) => (a.params as { round?: number }).round === 2);
    expect(round2.map((a) => a.outcome)).toEqual(["intent", "success"]);
    expect(round2.every((a) => a.actor?.id === retrier)).toBe(true);
    expect(summaries().at(-1)).toMatchObject({ outcome: "success", actor: { id: retrier }, params: { round: 2, granted: 1 } });
    expect(await duplicates()).toEqual([]);
  });
});
