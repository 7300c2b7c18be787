import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { cloudOperations } from "@/lib/db/schema";
import { fixtures } from "@/lib/providers/contract-env";
import { grantProxyAccessOnce, type GrantRequest } from "./proxy-accesses-grant";
import { reconcileProxyOperations } from "./proxy-accesses-reconcile";
import { GRANT_KIND, grantTarget, RECONCILE_ACTION, type OpsDeps } from "./proxy-accesses-records";
import { revokeProxyAccesses } from "./proxy-accesses-revoke";
import { setupDmsHarness } from "./testing/dms-harness";
import { wordsText } from "@/lib/i18n/stored-words";
import type { StoredWords } from "@/lib/db/schema";

/*
 * Reconciliation against grants and revokes that are still at DMS: it must leave them to their own
 * call, and a late outcome must never be lost or silently swapped in. Scratch database, real emulator.
 */

const h = setupDmsHarness();
const { audits, accountId, tid } = h;
let deps: OpsDeps;
const PROXY = "1203";
const INSTANCE = "5103";
/** Far enough ahead that every row looks old, even past the lock TTL. */
const LATER = () => Date.now() + 10 * 60_000;

beforeAll(() => {
  deps = h.deps();
});

const slow = (action: string) => h.env.admin("POST", "/faults", { service: "dms", action, kind: "latency", latencyMs: 1500, count: 1 });
const rowOf = async (key: string) => (await h.handle.db.select().from(cloudOperations).where(eq(cloudOperations.idempotencyKey, key)))[0]!;
const reconcileAudits = (operationId: string) => audits.filter((a) => a.action === RECONCILE_ACTION && (a.params as { operationId?: string }).operationId === operationId);
const reconcileLater = () => reconcileProxyOperations(deps, { accountId, proxyId: PROXY, tenantId: tid }, { now: LATER() });

let free: string[] = [];
async function freeUser(): Promise<string> {
  if (!free.length) {
    const { users } = await deps.dms.listUsers({ tid, pageSize: 100, userState: "NORMAL" });
    const { items } = await deps.dms.listProxyAccesses({ proxyId: PROXY, tid });
    free = users.map((u) => u.userId).filter((id) => !items.some((a) => a.userId === id) && id !== String(fixtures.alibaba.ownerUserId));
  }
  const next = free.shift();
  if (!next) throw new Error("no free users left");
  return next;
}

const request = (userId: string): GrantRequest => ({
  accountId, tenantId: tid, proxyId: PROXY, instanceId: INSTANCE, userId, userName: `user ${userId}`, reason: "unit test", idempotencyKey: randomUUID(), actor: null,
});

describe("reconciliation and changes still at DMS", () => {
  it("leaves a grant whose create is still at DMS to its own call, however old its row looks", async () => {
    const req = request(await freeUser());
    await slow("CreateProxyAccess");
    let during: ReturnType<typeof reconcileLater> | undefined;
    const result = await grantProxyAccessOnce(deps, req, {
      wrapper: { correlationId: randomUUID(), recordIntent: async () => {
        // Runs while CreateProxyAccess is in flight (it takes 1.5 s).
        setTimeout(() => (during = reconcileLater()), 300);
      } },
    });
    const row = await rowOf(req.idempotencyKey);
    const seen = await during!;
    expect(seen.unsettled.map((u) => u.id)).toContain(row.id);
    expect(reconcileAudits(row.id)).toEqual([]);
    expect(result).toMatchObject({ outcome: "granted", replayed: false });
    expect(row).toMatchObject({ status: "succeeded", result: { proxyAccessId: result.proxyAccessId, outcome: "granted" } });
  });

  it("leaves a revoke whose delete is still at DMS to its own call", async () => {
    const { proxyAccessId } = await grantProxyAccessOnce(deps, request(await freeUser()));
    await slow("DeleteProxyAccess");
    let during: ReturnType<typeof reconcileLater> | undefined;
    const actor = { id: randomUUID(), email: "t@example.com", roles: ["admin"] };
    const idempotencyKey = randomUUID();
    const [result] = await revokeProxyAccesses(
      {
        ...deps,
        audit: async (entry) => {
          if (entry.outcome === "intent") setTimeout(() => (during = reconcileLater()), 300);
          audits.push(entry);
        },
      },
      { accountId, tenantId: tid, proxyId: PROXY, instanceId: INSTANCE, proxyAccessIds: [proxyAccessId], idempotencyKey, actor, meta: { ip: null, userAgent: null } },
    );
    const row = await rowOf(`${idempotencyKey}:${proxyAccessId}`);
    expect((await during!).unsettled.map((u) => u.id)).toContain(row.id);
    expect(reconcileAudits(row.id)).toEqual([]);
    expect(result).toMatchObject({ ok: true, proxyAccessId });
    expect(row.status).toBe("succeeded");
  });

  it("records a late outcome that contradicts an earlier settlement as a correction, not a silent overwrite", async () => {
    const req = request(await freeUser());
    const result = await grantProxyAccessOnce(deps, req, {
      wrapper: { correlationId: randomUUID(), recordIntent: async () => {
        // As if reconciliation had judged the row after its lock expired, with the create still to land.
        await h.handle.db.update(cloudOperations).set({ status: "failed", errorCode: "NOT_APPLIED", updatedAt: new Date() }).where(eq(cloudOperations.idempotencyKey, req.idempotencyKey));
      } },
    });
    const row = await rowOf(req.idempotencyKey);
    expect(row).toMatchObject({ status: "succeeded", errorCode: null, result: { proxyAccessId: result.proxyAccessId, corrected: { status: "failed", errorCode: "NOT_APPLIED" } } });
    const [entry] = reconcileAudits(row.id);
    expect(entry).toMatchObject({ actor: null, outcome: "success", target: grantTarget(PROXY, req.userId) });
    expect(wordsText(entry?.message as StoredWords, "en")).toMatch(/^earlier settlement corrected: it said failed \(NOT_APPLIED\), but the grant happened in DMS$/);
    expect(wordsText(entry?.message as StoredWords, "zh-CN")).toBe("更正之前的结算：之前记为 failed（NOT_APPLIED），但此授权在 DMS 中已生效");
  });

  it("judges an old pending row only once its holder's lease has run out", async () => {
    const userId = await freeUser();
    const old = new Date(Date.now() - 10 * 60_000);
    const [op] = await h.handle.db
      .insert(cloudOperations)
      .values({
        idempotencyKey: randomUUID(), kind: GRANT_KIND, cloudAccountId: accountId, target: grantTarget(PROXY, userId), params: { userId, proxyId: PROXY, tenantId: tid },
        lockKey: `dms-grant:${PROXY}:${userId}`, attempts: 1, leaseUntil: new Date(Date.now() + 60_000), createdAt: old, updatedAt: old,
      })
      .returning();
    expect((await reconcileProxyOperations(deps, { accountId, proxyId: PROXY, tenantId: tid })).unsettled.map((u) => u.id)).toContain(op!.id);
    expect((await rowOf(op!.idempotencyKey)).status).toBe("pending");

    await h.handle.db.update(cloudOperations).set({ leaseUntil: new Date(Date.now() - 1000) }).where(eq(cloudOperations.id, op!.id));
    await reconcileProxyOperations(deps, { accountId, proxyId: PROXY, tenantId: tid });
    expect(await rowOf(op!.idempotencyKey)).toMatchObject({ status: "failed", errorCode: "NOT_APPLIED", leaseUntil: null });
  });
});

describe("a grant refused because another one holds the lock", () => {
  it("gets a real answer when the same form is submitted again after the other grant finished", async () => {
    const userId = await freeUser();
    const first = request(userId);
    const second = request(userId);
    let refusal: unknown;
    await grantProxyAccessOnce(deps, first, {
      wrapper: { correlationId: randomUUID(), recordIntent: async () => {
        refusal = await grantProxyAccessOnce(deps, second).catch((e: unknown) => e);
      } },
    });
    expect(refusal).toMatchObject({ name: "ActionError", options: { code: "IN_PROGRESS" } });
    // The dialog keeps its key after IN_PROGRESS; the resubmission must not replay the refusal.
    const again = await grantProxyAccessOnce(deps, second).catch((e: unknown) => e);
    expect(again).toMatchObject({ name: "ActionError", options: { code: "ALREADY_GRANTED" } });
    const onProxy = (await deps.dms.listProxyAccesses({ proxyId: PROXY, tid })).items.filter((a) => a.userId === userId);
    expect(onProxy).toHaveLength(1);
  });
});
