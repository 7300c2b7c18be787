import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { defineQueue, defineSchedule, type JobContext } from "./define";
import { JobError } from "./errors";
import { deadLetterQueue, startTestEngine, type TestEngine } from "./testing";

// Defined before the engine starts, as feature modules are, so the engine creates them all.
const ran: { data: object; ctx: JobContext }[] = [];
const simple = defineQueue<{ n: number }>("test.simple", async (data, ctx) => {
  ran.push({ data, ctx });
});

const flakyAttempts: number[] = [];
const flaky = defineQueue<{ failTimes: number }>(
  "test.flaky",
  async (data, ctx) => {
    flakyAttempts.push(ctx.retryCount);
    if (ctx.retryCount < data.failTimes) throw new JobError("test.flaky", `attempt ${ctx.retryCount} fails`);
  },
  { retryLimit: 3, retryDelaySeconds: 30, retryBackoff: true },
);

const broken = defineQueue<{ kind: "internal" | "explained" }>(
  "test.broken",
  async (data) => {
    if (data.kind === "explained") throw new JobError("vendor.refused", "The vendor refused the change");
    // What a careless driver error looks like: a query with its parameters and a stack.
    throw new Error('Failed query: insert into "cloud_accounts" params: AKIDsecret,password=hunter2');
  },
  { retryLimit: 1 },
);

let backlogDone = 0;
const backlog = defineQueue<{ n: number }>("test.backlog", async () => {
  backlogDone += 1;
});

const ticks: JobContext[] = [];
defineSchedule("test.tick", "*/5 * * * *", async (ctx) => {
  ticks.push(ctx);
});

let optedOutRan = 0;
defineQueue("test.no-dead", async () => void (optedOutRan += 1), { deadLetter: false, retryLimit: 0 });

let jobs: TestEngine;

beforeAll(async () => {
  jobs = await startTestEngine();
}, 60_000);

afterAll(async () => {
  await jobs?.stop();
});

describe("job engine", () => {
  it("runs a sent job once with its data and a first-attempt context", async () => {
    const id = await simple.send({ n: 7 });
    await jobs.runUntilIdle();
    expect(ran).toEqual([{ data: { n: 7 }, ctx: expect.objectContaining({ jobId: id, queue: "test.simple", retryCount: 0 }) }]);
    const [job] = await jobs.jobs("test.simple");
    expect(job?.state).toBe("completed");
  });

  it("runs every job of sendMany", async () => {
    ran.length = 0;
    await simple.sendMany!([{ n: 1 }, { n: 2 }, { n: 3 }]);
    await jobs.runUntilIdle();
    expect(ran.map((entry) => (entry.data as { n: number }).n).sort()).toEqual([1, 2, 3]);
  });

  it("drains a backlog at handler speed, not one job per poll", async () => {
    await backlog.sendMany!(Array.from({ length: 30 }, (_, n) => ({ n })));
    const started = Date.now();
    // Polled here rather than with runUntilIdle, which wakes workers itself.
    await vi.waitFor(() => expect(backlogDone).toBe(30), { timeout: 10_000, interval: 20 });
    // One job per 0.5 s poll would take 15 s.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("retries a failing job with backoff and completes it when an attempt succeeds", async () => {
    const id = await flaky.send({ failTimes: 2 });
    // One attempt, then the job waits out its backoff instead of running again at once.
    await vi.waitFor(async () => expect((await jobs.jobs("test.flaky"))[0]?.state).toBe("retry"), { timeout: 5_000, interval: 50 });
    const [waiting] = await jobs.jobs("test.flaky");
    expect(new Date(waiting!.startAfter).getTime()).toBeGreaterThan(Date.now() + 10_000);
    await jobs.runUntilIdle();
    expect(flakyAttempts).toEqual([0, 1, 2]);
    const [done] = (await jobs.jobs("test.flaky")).filter((job) => job.id === id);
    expect(done).toMatchObject({ state: "completed", retryCount: 2, retryBackoff: true });
  });

  it("moves a job that failed after its retry limit to the dead-letter queue with a safe error only", async () => {
    const id = await broken.send({ kind: "internal" });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await jobs.runUntilIdle();
    logged.mockRestore();
    const [failed] = (await jobs.jobs("test.broken")).filter((job) => job.id === id);
    expect(failed).toMatchObject({ state: "failed", retryCount: 1 });
    expect(failed!.output).toEqual({
      code: "internal",
      message: expect.stringMatching(/^Unexpected error \(reference [0-9a-f]{8}\)/),
      // The same words for the Jobs page to show in its reader's language.
      words: { key: "jobUnexpected", values: { ref: expect.stringMatching(/^[0-9a-f]{8}$/) } },
    });
    expect(JSON.stringify(failed!.output)).not.toMatch(/hunter2|AKID|stack|params/);
    const dead = await jobs.jobs(deadLetterQueue("test.broken"));
    expect(dead).toEqual([expect.objectContaining({ sourceId: id, sourceName: "test.broken", data: { kind: "internal" } })]);
  });

  it("keeps the code and message of an explained failure", async () => {
    const id = await broken.send({ kind: "explained" }, { retryLimit: 0 });
    await jobs.runUntilIdle();
    const [failed] = (await jobs.jobs("test.broken")).filter((job) => job.id === id);
    expect(failed).toMatchObject({ state: "failed", retryCount: 0, output: { code: "vendor.refused", message: "The vendor refused the change" } });
  });

  it("registers a schedule under its cron and works the jobs it creates", async () => {
    const schedules = await jobs.engine.boss.getSchedules();
    expect(schedules).toEqual(expect.arrayContaining([expect.objectContaining({ name: "test.tick", cron: "*/5 * * * *", timezone: "UTC" })]));
    // What the cron pass does on a tick: a job with no data on the schedule's queue.
    await jobs.engine.boss.send("test.tick", null);
    await jobs.runUntilIdle();
    expect(ticks).toEqual([expect.objectContaining({ queue: "test.tick", retryCount: 0 })]);
  });

  it("creates a dead-letter queue for each queue and none for a queue that opts out", async () => {
    const names = (await jobs.engine.boss.getQueues()).map((queue) => queue.name);
    expect(names).toEqual(expect.arrayContaining(["test.simple", "test.simple.dead", "test.tick", "test.tick.dead", "test.no-dead"]));
    expect(names).not.toContain("test.no-dead.dead");
    await jobs.engine.boss.send("test.no-dead", {});
    await jobs.drain("test.no-dead");
    expect(optedOutRan).toBe(1);
  });
});

describe("sending before the engine is up", () => {
  it("waits for the engine instead of failing", async () => {
    await jobs.stop();
    const lazy = defineQueue<{ v: string }>("test.lazy", async () => undefined);
    const starting = startTestEngine({ queues: ["test.lazy"] });
    const sent = lazy.send({ v: "early" });
    jobs = await starting;
    const id = await sent;
    expect(id).toEqual(expect.any(String));
    await jobs.runUntilIdle();
    expect((await jobs.jobs("test.lazy"))[0]).toMatchObject({ id, state: "completed" });
  });
});
