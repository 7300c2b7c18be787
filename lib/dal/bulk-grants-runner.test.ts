import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bulkGrantJobs, cloudOperations } from "@/lib/db/schema";
import { createDmsApi } from "@/lib/providers/alibaba/dms";
import { FAST_RETRY } from "@/lib/providers/contract-env";
import { roundActor } from "./bulk-grants-actor";
import { BULK_ITEM_ACTION, BULK_ROUND_ACTION, itemKey, runBulkGrantJob, type RunnerDeps } from "./bulk-grants-runner";
import { toJobDto } from "./bulk-grants-view";
import { GRANT_KIND, grantTarget } from "./proxy-accesses-records";
import { setupDmsHarness } from "./testing/dms-harness";

/*
 * The bulk runner against the emulator: faults, two runners at once, a runner that died mid-way,
 * a creator who lost the right, and a retry round. The emulator's state is the judge.
 */

const h = setupDmsHarness();
const { audits, accountId, tid } = h;
let deps: RunnerDeps;
const creator = randomUUID();
const PROXY = "1202";

beforeAll(() => {
  deps = { db: h.handle.db, connect: async () => h.dms, audit: h.audit, mayGrant: async () => true, leaseMs: 1500, concurrency: 4 };
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

async function newJob(userIds: string[], over: Partial<typeof bulkGrantJobs.$inferInsert> = {}) {
  const [job] = await h.handle.db
    .insert(bulkGrantJobs)
    .values({
      idempotencyKey: randomUUID(),
      cloudAccountId: accountId,
      tenantId: tid,
      proxyId: PROXY,
      instanceId: "5102",
      users: userIds.map((userId) => ({ userId, name: `user ${userId}`, uid: "" })),
      reason: "bulk unit test",
      createdBy: creator,
      createdByEmail: "dba@example.com",
      createdByRoles: ["dba"],
      ...over,
    })
    .returning();
  return job!;
}

async function dto(jobId: string) {
  const [job] = await h.handle.db.select().from(bulkGrantJobs).where(eq(bulkGrantJobs.id, jobId));
  const ops = await h.handle.db.select().from(cloudOperations).where(eq(cloudOperations.jobId, jobId));
  return toJobDto(job!, ops);
}

describe("runBulkGrantJob", () => {
  it("grants everyone once under throttling and lost answers, and reports who already had access", async () => {
    const fresh = await freeUsers(6);
    const holder = String((await state())[0]!.userId);
    const job = await newJob([...fresh, holder]);
    await h.env.admin("POST", "/faults", [
      { service: "dms", action: "CreateProxyAccess", kind: "throttle", count: 3 },
      { service: "dms", action: "CreateProxyAccess", kind: "drop", afterEffect: true, count: 2 },
    ]);
    expect(await runBulkGrantJob(deps, job.id)).toBe("done");
    const result = await dto(job.id);
    expect(result.status).toBe("completed");
    expect(result.counts).toMatchObject({ granted: 6, already: 1, failed: 0, unknown: 0 });
    const after = await state();
    for (const userId of fresh) expect(after.filter((a) => String(a.userId) === userId)).toHaveLength(1);
    expect(await duplicates()).toEqual([]);
    const itemAudits = audits.filter((a) => a.action === BULK_ITEM_ACTION && (a.params as { jobId?: string }).jobId === job.id);
    expect(itemAudits.filter((a) => a.outcome === "intent")).toHaveLength(6);
    expect(itemAudits.filter((a) => a.outcome === "success")).toHaveLength(6);
    expect(itemAudits.every((a) => a.actor?.email === "dba@example.com")).toBe(true);
  });

  it("lets only one runner work on a job at a time", async () => {
    const users = await freeUsers(3);
    const job = await newJob(users);
    await h.env.admin("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "latency", latencyMs: 100 });
    const results = await Promise.all([runBulkGrantJob(deps, job.id), runBulkGrantJob(deps, job.id)]);
    expect(results.sort()).toEqual(["busy", "done"]);
    expect((await dto(job.id)).counts.granted).toBe(3);
    expect(await duplicates()).toEqual([]);
  });

  it("resumes a job whose runner died: what landed is settled, the rest is granted once", async () => {
    const [landed, lost, untouched] = await freeUsers(3);
    const job = await newJob([landed!, lost!, untouched!], { leaseOwner: "dead-runner", leaseExpiresAt: new Date(Date.now() - 1000) });
    // The dead runner had claimed two items; one of its creates reached DMS before it died.
    await dms().createProxyAccess({ userId: landed!, proxyId: PROXY, tid });
    for (const userId of [landed!, lost!]) {
      await h.handle.db.insert(cloudOperations).values({
        idempotencyKey: itemKey(job, userId), kind: GRANT_KIND, cloudAccountId: accountId, target: grantTarget(PROXY, userId),
        params: { userId, proxyId: PROXY }, status: "pending", jobId: job.id, createdBy: creator,
      });
    }
    const before = await creates();
    expect(await runBulkGrantJob(deps, job.id)).toBe("done");
    expect(await creates()).toBe(before + 2);
    const result = await dto(job.id);
    expect(result.items.map((i) => i.state)).toEqual(["granted", "granted", "granted"]);
    const after = await state();
    for (const userId of [landed, lost, untouched]) expect(after.filter((a) => String(a.userId) === userId)).toHaveLength(1);
  });

  it("does not start on a job whose lease is still held", async () => {
    const job = await newJob(await freeUsers(1), { leaseOwner: "alive", leaseExpiresAt: new Date(Date.now() + 60_000) });
    expect(await runBulkGrantJob(deps, job.id)).toBe("busy");
    expect((await dto(job.id)).counts.waiting).toBe(1);
  });

  it("stops a job whose creator may no longer grant, without calling DMS", async () => {
    const job = await newJob(await freeUsers(1));
    const before = await creates();
    expect(await runBulkGrantJob({ ...deps, mayGrant: async () => false }, job.id)).toBe("done");
    expect(await creates()).toBe(before);
    const result = await dto(job.id);
    expect(result.counts.failed).toBe(1);
    expect(result.items[0]).toMatchObject({ code: "FORBIDDEN" });
  });

  it("retries only the failed users in a new round", async () => {
    const users = await freeUsers(3);
    const job = await newJob(users);
    await h.env.admin("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "error", status: 403, code: "Forbidden.RAM", count: 1 });
    await runBulkGrantJob(deps, job.id);
    let result = await dto(job.id);
    expect(result.counts).toMatchObject({ granted: 2, failed: 1 });
    const failed = result.items.find((i) => i.state === "failed")!;
    expect(failed).toMatchObject({ code: "Forbidden.RAM" });
    expect(failed.requestId).toBeTruthy();

    await h.handle.db.update(bulkGrantJobs).set({ round: 2, status: "running", finishedAt: null }).where(eq(bulkGrantJobs.id, job.id));
    const before = await creates();
    await runBulkGrantJob(deps, job.id);
    expect(await creates()).toBe(before + 1);
    result = await dto(job.id);
    expect(result.counts).toMatchObject({ granted: 3, failed: 0 });
    expect(result.items.find((i) => i.userId === failed.userId)?.attempts).toBe(2);
    expect(await duplicates()).toEqual([]);
  });

  it("runs and audits a retry round as the person who retried it, and asks whether they may grant", async () => {
    const users = await freeUsers(2);
    const job = await newJob(users);
    await h.env.admin("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "error", status: 403, code: "Forbidden.RAM", count: 1 });
    await runBulkGrantJob(deps, job.id);
    const failed = (await dto(job.id)).items.find((i) => i.state === "failed")!;

    const retrier = randomUUID();
    await h.handle.db
      .update(bulkGrantJobs)
      .set({ round: 2, status: "running", finishedAt: null, retriedBy: retrier, retriedByEmail: "owner@example.com", retriedByRoles: ["owner"] })
      .where(eq(bulkGrantJobs.id, job.id));
    const asked: (string | null)[] = [];
    await runBulkGrantJob({ ...deps, mayGrant: async (j) => (asked.push(roundActor(j)?.id ?? null), true) }, job.id);
    expect(asked).toEqual([retrier]);
    const ofRound = (round: number) =>
      audits.filter((a) => a.action === BULK_ITEM_ACTION && (a.params as { jobId?: string }).jobId === job.id && (a.params as { round?: number }).round === round);
    const round2 = ofRound(2);
    expect(round2.map((a) => a.outcome)).toEqual(["intent", "success"]);
    expect(round2.every((a) => a.actor?.id === retrier && a.actor.email === "owner@example.com")).toBe(true);
    const [op] = await h.handle.db.select().from(cloudOperations).where(eq(cloudOperations.idempotencyKey, itemKey({ id: job.id, round: 2 }, failed.userId)));
    expect(op?.createdBy).toBe(retrier);
    const round1 = ofRound(1);
    expect(round1.every((a) => a.actor?.id === creator)).toBe(true);
  });

  it("sums up each finished round in one entry: success, partial with how many, or failure", async () => {
    const summaryOf = (jobId: string) => audits.filter((a) => a.action === BULK_ROUND_ACTION && (a.params as { jobId?: string }).jobId === jobId);

    // The earlier tests use up the free users: free three by revoking their accesses first.
    const held = (await state()).slice(0, 3);
    for (const a of held) await dms().deleteProxyAccess({ proxyAccessId: String(a.proxyAccessId), tid });
    const [first, ...two] = held.map((a) => String(a.userId));
    const clean = await newJob([first!]);
    await runBulkGrantJob(deps, clean.id);
    expect(summaryOf(clean.id)).toMatchObject([{ outcome: "success", target: `dms-proxy:${PROXY}`, params: { round: 1, granted: 1, failed: 0 } }]);

    const some = await newJob(two);
    await h.env.admin("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "error", status: 403, code: "Forbidden.RAM", count: 1 });
    await runBulkGrantJob(deps, some.id);
    expect(summaryOf(some.id)).toMatchObject([
      { outcome: "partial", message: "1 of 2 grants failed", params: { granted: 1, failed: 1, failedCodes: { "Forbidden.RAM": 1 } } },
    ]);

    // Nothing reaches DMS in this round, so the users need not be free.
    const none = await newJob([first!, ...two]);
    await runBulkGrantJob({ ...deps, mayGrant: async () => false }, none.id);
    expect(summaryOf(none.id)).toMatchObject([
      { outcome: "failure", message: "3 of 3 grants failed", actor: { email: "dba@example.com" }, params: { failedCodes: { FORBIDDEN: 3 } } },
    ]);
  });
});
