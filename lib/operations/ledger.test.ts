import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntryInput } from "@/lib/audit/log";
import { createDb, type DbHandle } from "@/lib/db/client";
import { cloudAccounts, cloudOperations } from "@/lib/db/schema";
import { ProviderError } from "@/lib/providers/errors";
import { defineOperationKind } from "./kinds";
import { runOperation, type LedgerDeps, type OperationRequest } from "./ledger";
import { findOpenWork, reconcileOperation } from "./reconcile";
import { wordsText } from "@/lib/i18n/stored-words";
import type { StoredWords } from "@/lib/db/schema";

/*
 * The ledger on a scratch database with a fake vendor: a set of things that exist, and switches
 * for how the next call answers. Judged by the rows, the audit entries and the vendor's set.
 */

type Mode = "ok" | "lost-applied" | "lost-not-applied" | "refused" | "throttled" | "crash-applied";
const vendor = { things: new Set<string>(), calls: 0, mode: "ok" as Mode, hold: null as Promise<void> | null, readable: true, verifiable: true };

const lostAnswer = () => new ProviderError({ vendor: "alibaba", service: "test", action: "Make", kind: "timeout", code: "Timeout", outcomeUnknown: true });

const thing = defineOperationKind<{ name: string }, typeof vendor>({
  name: "test.thing.create",
  client: "dms",
  noun: "creation",
  vendorName: "the vendor",
  reconcileAuditAction: "test.reconcile",
  lockKey: (p) => `thing:${p.name}`,
  async execute(p, ctx) {
    const v = ctx.client;
    v.calls += 1;
    if (v.hold) await v.hold;
    const mode = v.mode;
    v.mode = "ok";
    if (mode === "refused") throw new ProviderError({ vendor: "alibaba", service: "test", action: "Make", kind: "vendor", code: "Forbidden", httpStatus: 403, requestId: "req-403" });
    if (mode === "throttled") throw new ProviderError({ vendor: "alibaba", service: "test", action: "Make", kind: "vendor", code: "Throttling.User", httpStatus: 400 });
    if (mode === "lost-not-applied") throw lostAnswer();
    v.things.add(p.name);
    if (mode === "lost-applied") throw lostAnswer();
    if (mode === "crash-applied") throw new Error("process died");
    return { result: { name: p.name }, vendorRequestId: "req-ok" };
  },
  async reconcile(p, ctx) {
    if (!ctx.client.readable) return null;
    if (!ctx.client.verifiable) return { happened: "unverifiable" };
    return ctx.client.things.has(p.name) ? { happened: true, result: { name: p.name } } : { happened: false };
  },
  auditParams: (p) => ({ name: p.name }),
});

let handle: DbHandle;
const audits: AuditEntryInput[] = [];
const unknowns: string[] = [];
let deps: LedgerDeps;
const accountId = randomUUID();

beforeAll(async () => {
  handle = createDb("memory://");
  await handle.migrate();
  await handle.db.insert(cloudAccounts).values({ id: accountId, vendor: "alibaba", name: "t", region: "r", settings: {}, secretCiphertext: "x", secretHint: "x" });
  deps = {
    db: handle.db,
    audit: async (e) => void audits.push(e),
    auditHasOutcome: async (id) => audits.some((a) => a.correlationId === id && a.outcome !== "intent"),
    clients: { dms: async () => vendor as never, taurus: async () => null, mariadb: async () => null, dds: async () => null },
    onUnknown: async (row) => void unknowns.push(row.id),
    leaseMs: 600,
  };
}, 60_000);
afterAll(() => handle.close());

const actor = { id: randomUUID(), email: "dba@example.com", roles: ["dba"] };
const request = (name: string, over: Partial<OperationRequest<{ name: string }>> = {}): OperationRequest<{ name: string }> => ({
  idempotencyKey: randomUUID(),
  cloudAccountId: accountId,
  target: `thing:${name}`,
  params: { name },
  actor,
  audit: { action: "test.create", params: { name } },
  ...over,
});
const rowOf = async (key: string) => (await handle.db.select().from(cloudOperations).where(eq(cloudOperations.idempotencyKey, key)))[0]!;
const entries = (name: string) => audits.filter((a) => a.target === `thing:${name}`);
const later = (ms: number) => Date.now() + ms;

describe("runOperation", () => {
  it("claims a key once: a repeat is answered from the record without a second call", async () => {
    const req = request("a");
    const first = await runOperation(thing, req, deps);
    const calls = vendor.calls;
    const again = await runOperation(thing, req, deps);
    expect(first).toMatchObject({ kind: "settled", fresh: true, row: { status: "succeeded", vendorRequestId: "req-ok", attempts: 1, leaseUntil: null } });
    expect(again).toMatchObject({ kind: "settled", fresh: false, row: { id: first.kind === "settled" ? first.row.id : "" } });
    expect(vendor.calls).toBe(calls);
    expect(entries("a").map((e) => e.outcome)).toEqual(["intent", "success"]);
    expect(new Set(entries("a").map((e) => e.correlationId)).size).toBe(1);
    expect((await rowOf(req.idempotencyKey)).outcomeAuditedAt).not.toBeNull();
  });

  it("under an action wrapper, marks the row's outcome as audited once the wrapper wrote it, so no sweep looks for it", async () => {
    const waiting: (() => Promise<void>)[] = [];
    const req = request("w", { audit: { action: "test.create", params: {}, wrapper: { correlationId: randomUUID(), recordIntent: async () => undefined, afterOutcome: (done) => void waiting.push(done) } } });
    await runOperation(thing, req, deps);
    expect((await rowOf(req.idempotencyKey)).outcomeAuditedAt).toBeNull();
    expect(waiting).toHaveLength(1);
    await waiting[0]!();
    const row = await rowOf(req.idempotencyKey);
    expect(row.outcomeAuditedAt).not.toBeNull();
    expect(await findOpenWork(deps, later(600_000))).not.toContain(row.id);
  });

  it("refuses a second change of the same thing while the first is at the vendor, and frees it after", async () => {
    let release!: () => void;
    vendor.hold = new Promise((r) => (release = r));
    const first = runOperation(thing, request("b"), deps);
    await new Promise((r) => setTimeout(r, 100));
    const second = await runOperation(thing, request("b"), deps);
    expect(second).toEqual({ kind: "busy" });
    vendor.hold = null;
    release();
    expect(await first).toMatchObject({ kind: "settled", row: { status: "succeeded" } });
    expect(await runOperation(thing, request("b"), deps)).toMatchObject({ kind: "settled", row: { status: "succeeded" } });
  });

  it("keeps a slow call's lease alive, so nobody takes it over while it runs", async () => {
    let release!: () => void;
    vendor.hold = new Promise((r) => (release = r));
    const req = request("slow");
    const run = runOperation(thing, req, deps);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await findOpenWork(deps)).not.toContain((await rowOf(req.idempotencyKey)).id);
    vendor.hold = null;
    release();
    expect(await run).toMatchObject({ row: { status: "succeeded" } });
  });

  it("records a definite refusal as failed with the vendor's code and request id, audited", async () => {
    vendor.mode = "refused";
    const out = await runOperation(thing, request("c"), deps);
    expect(out).toMatchObject({ row: { status: "failed", errorCode: "Forbidden", vendorRequestId: "req-403" } });
    expect(entries("c").map((e) => [e.outcome, e.errorCode ?? null])).toEqual([["intent", null], ["failure", "Forbidden"]]);
  });

  it("settles a throttled background attempt as retrying (no lock held), and the next attempt takes it over", async () => {
    vendor.mode = "throttled";
    const req = request("d", { background: { final: false } });
    expect(await runOperation(thing, req, deps)).toMatchObject({ row: { status: "retrying", errorCode: "Throttling.User" } });
    const again = await runOperation(thing, req, deps);
    expect(again).toMatchObject({ row: { status: "succeeded", attempts: 2 } });
    expect(vendor.things.has("d")).toBe(true);
    vendor.mode = "throttled";
    expect(await runOperation(thing, request("d2", { background: { final: true } }), deps)).toMatchObject({ row: { status: "failed" } });
  });
});

describe("lost answers and reconciliation", () => {
  it("marks a lost answer unknown, queues reconciliation, and settles it as happened when the vendor has it", async () => {
    vendor.mode = "lost-applied";
    const req = request("e");
    const out = await runOperation(thing, req, deps);
    expect(out).toMatchObject({ row: { status: "unknown" } });
    const id = (await rowOf(req.idempotencyKey)).id;
    expect(unknowns).toContain(id);
    expect(await reconcileOperation(deps, id)).toBe("open");
    expect(await reconcileOperation(deps, id, { now: later(120_000) })).toBe("done");
    expect(await rowOf(req.idempotencyKey)).toMatchObject({ status: "succeeded", result: { name: "e", reconciled: true } });
    expect(audits.filter((a) => a.action === "test.reconcile" && a.target === "thing:e")).toMatchObject([{ actor: null, outcome: "success" }]);
  });

  it("settles a lost answer as not applied when the vendor does not have it, and retries later when it cannot tell", async () => {
    vendor.mode = "lost-not-applied";
    const req = request("f");
    await runOperation(thing, req, deps);
    const id = (await rowOf(req.idempotencyKey)).id;
    vendor.readable = false;
    expect(await reconcileOperation(deps, id, { now: later(120_000) })).toBe("retry");
    expect((await rowOf(req.idempotencyKey)).status).toBe("unknown");
    vendor.readable = true;
    expect(await reconcileOperation(deps, id, { now: later(120_000) })).toBe("done");
    expect(await rowOf(req.idempotencyKey)).toMatchObject({ status: "failed", errorCode: "NOT_APPLIED" });
    expect(vendor.things.has("f")).toBe(false);
  });

  it("settles a lost answer no read can judge as failed, says so, and stops asking the vendor", async () => {
    vendor.mode = "lost-applied";
    const req = request("u");
    await runOperation(thing, req, deps);
    const id = (await rowOf(req.idempotencyKey)).id;
    vendor.verifiable = false;
    try {
      expect(await reconcileOperation(deps, id, { now: later(120_000) })).toBe("done");
    } finally {
      vendor.verifiable = true;
    }
    const row = await rowOf(req.idempotencyKey);
    expect(row).toMatchObject({ status: "failed", errorCode: "OUTCOME_UNVERIFIABLE" });
    expect(wordsText(row.errorWords as StoredWords, "en")).toContain("cannot tell afterwards");
    expect(audits.filter((a) => a.action === "test.reconcile" && a.target === "thing:u")).toMatchObject([{ actor: null, outcome: "failure" }]);
    expect(await findOpenWork(deps, later(600_000))).not.toContain(id);
  });

  it("takes over a dead runner's row once its lease expired, and writes the outcome entry its intent lacks", async () => {
    vendor.mode = "crash-applied";
    const req = request("g");
    // The call "crashes" after the change landed; simulate the process dying by undoing the settlement.
    await runOperation(thing, req, deps);
    await handle.db.update(cloudOperations).set({ status: "pending", leaseUntil: new Date(Date.now() + 60_000), outcomeAuditedAt: null }).where(eq(cloudOperations.idempotencyKey, req.idempotencyKey));
    audits.splice(audits.findIndex((a) => a.target === "thing:g" && a.outcome === "failure"), 1);
    const id = (await rowOf(req.idempotencyKey)).id;
    expect(await findOpenWork(deps)).not.toContain(id);
    expect(await reconcileOperation(deps, id)).toBe("open");

    await handle.db.update(cloudOperations).set({ leaseUntil: new Date(Date.now() - 1000) }).where(eq(cloudOperations.id, id));
    expect(await findOpenWork(deps)).toContain(id);
    expect(await reconcileOperation(deps, id)).toBe("done");
    const row = await rowOf(req.idempotencyKey);
    expect(row).toMatchObject({ status: "succeeded", attempts: 2 });
    const pair = audits.filter((a) => a.correlationId === row.correlationId);
    expect(pair.map((a) => [a.action, a.outcome])).toEqual([["test.create", "intent"], ["test.create", "success"]]);
    expect(pair[1]).toMatchObject({ actor: { id: actor.id } });
    expect(wordsText(pair[1]!.message as StoredWords, "en")).toBe("outcome recorded by reconciliation: the change happened");
    expect((await rowOf(req.idempotencyKey)).outcomeAuditedAt).not.toBeNull();
  });

  it("writes a missing outcome entry for a settled row whose owner never wrote it", async () => {
    const correlationId = randomUUID();
    const req = request("h", { audit: { action: "test.create", params: {}, wrapper: { correlationId, recordIntent: async () => void audits.push({ actor, action: "test.create", outcome: "intent", correlationId, target: "thing:h" }) } } });
    await runOperation(thing, req, deps);
    const id = (await rowOf(req.idempotencyKey)).id;
    // The wrapper's outcome write never happened (the process stopped after the call).
    expect(await reconcileOperation(deps, id)).toBe("done");
    expect(audits.filter((a) => a.correlationId === correlationId).map((a) => a.outcome)).toEqual(["intent"]);
    expect(await findOpenWork(deps, later(180_000))).toContain(id);
    await reconcileOperation(deps, id, { now: later(180_000) });
    expect(audits.filter((a) => a.correlationId === correlationId).map((a) => a.outcome)).toEqual(["intent", "success"]);
    expect(await findOpenWork(deps, later(180_000))).not.toContain(id);
  });

  it("a background retry of an unknown row checks the vendor first and does not repeat a change that landed", async () => {
    vendor.mode = "lost-applied";
    const req = request("i", { background: { final: false } });
    await runOperation(thing, req, deps);
    const calls = vendor.calls;
    expect(await runOperation(thing, req, deps)).toMatchObject({ row: { status: "succeeded", result: { reconciled: true } } });
    expect(vendor.calls).toBe(calls);
  });
});
