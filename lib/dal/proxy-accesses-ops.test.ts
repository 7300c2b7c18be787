import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { cloudOperations } from "@/lib/db/schema";
import { fixtures } from "@/lib/providers/contract-env";
import { grantProxyAccessOnce, type GrantRequest } from "./proxy-accesses-grant";
import { reconcileProxyOperations } from "./proxy-accesses-reconcile";
import { GRANT_KIND, grantTarget, type OpsDeps } from "./proxy-accesses-records";
import { revokeProxyAccesses } from "./proxy-accesses-revoke";
import { setupDmsHarness } from "./testing/dms-harness";

/*
 * The duplicate and idempotency rules of the grant and revoke paths, against a scratch database
 * and the real emulator (which, like DMS, happily creates a second access for the same user).
 */

const h = setupDmsHarness();
const { audits, accountId, tid } = h;
let deps: OpsDeps;
const PROXY = "1203";
const INSTANCE = "5103";

beforeAll(() => {
  deps = h.deps();
});

const calls = async (action: string) => (await h.env.admin<{ calls: unknown[] }>("GET", `/calls?service=dms&action=${action}`)).calls.length;
const accessesOf = async (userId: string) =>
  (await h.env.admin<{ accesses: { userId: number; proxyAccessId: number }[] }>("GET", `/state/dms/proxies/${PROXY}/accesses`)).accesses.filter((a) => String(a.userId) === userId);

/** Users of the tenant without access on PROXY, handed out one per test. */
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

const request = (userId: string, over: Partial<GrantRequest> = {}): GrantRequest => ({
  accountId,
  tenantId: tid,
  proxyId: PROXY,
  instanceId: INSTANCE,
  userId,
  userName: `user ${userId}`,
  reason: "unit test",
  idempotencyKey: randomUUID(),
  actor: null,
  ...over,
});

describe("grantProxyAccessOnce", () => {
  it("creates one access and answers a repeated key from the first result", async () => {
    const userId = await freeUser();
    const req = request(userId, { indepAccount: "app_ro", indepPassword: "Secret-Pass-123!" });
    const before = await calls("CreateProxyAccess");
    const first = await grantProxyAccessOnce(deps, req);
    const again = await grantProxyAccessOnce(deps, req);
    expect(first).toMatchObject({ outcome: "granted", replayed: false });
    expect(again).toMatchObject({ proxyAccessId: first.proxyAccessId, replayed: true });
    expect(await calls("CreateProxyAccess")).toBe(before + 1);
    expect(await accessesOf(userId)).toHaveLength(1);
    const [row] = await h.handle.db.select().from(cloudOperations).where(eq(cloudOperations.idempotencyKey, req.idempotencyKey));
    expect(row).toMatchObject({ status: "succeeded", kind: GRANT_KIND });
    expect(JSON.stringify(row)).not.toContain("Secret-Pass-123!");
  });

  it("turns a double submission in flight into one access", async () => {
    const userId = await freeUser();
    const req = request(userId);
    await h.env.admin("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "latency", latencyMs: 300, count: 1 });
    const [a, b] = await Promise.all([grantProxyAccessOnce(deps, req), grantProxyAccessOnce(deps, req)]);
    expect(a.proxyAccessId).toBe(b.proxyAccessId);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await accessesOf(userId)).toHaveLength(1);
  });

  it("refuses a user who already holds access, without calling CreateProxyAccess, also under a new key", async () => {
    const userId = await freeUser();
    await grantProxyAccessOnce(deps, request(userId));
    const before = await calls("CreateProxyAccess");
    const refused = await grantProxyAccessOnce(deps, request(userId)).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: "ActionError", options: { code: "ALREADY_GRANTED" } });
    expect(await calls("CreateProxyAccess")).toBe(before);
    expect(await accessesOf(userId)).toHaveLength(1);
  });

  it("refuses a second concurrent grant of the same user under another key while the first holds the lock", async () => {
    const userId = await freeUser();
    await h.env.admin("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "latency", latencyMs: 400, count: 1 });
    const results = await Promise.allSettled([grantProxyAccessOnce(deps, request(userId)), grantProxyAccessOnce(deps, request(userId))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await accessesOf(userId)).toHaveLength(1);
  });

  it("binds a key to its user: the same key for another user is refused", async () => {
    const [a, b] = [await freeUser(), await freeUser()];
    const req = request(a);
    await grantProxyAccessOnce(deps, req);
    const error = await grantProxyAccessOnce(deps, { ...req, userId: b }).catch((e: unknown) => e);
    expect(error).toMatchObject({ options: { code: "IDEMPOTENCY_MISMATCH" } });
    expect(await accessesOf(b)).toHaveLength(0);
  });

  it("records unknown when DMS never answers, and reconciliation settles it against the list", async () => {
    const userId = await freeUser();
    await h.env.admin("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "drop", count: 20 });
    const req = request(userId);
    const error = await grantProxyAccessOnce(deps, req).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ActionError" });
    const [row] = await h.handle.db.select().from(cloudOperations).where(eq(cloudOperations.idempotencyKey, req.idempotencyKey));
    expect(row?.status).toBe("unknown");

    const young = await reconcileProxyOperations(deps, { accountId, proxyId: PROXY, tenantId: tid });
    expect(young.unsettled.map((u) => u.id)).toContain(row!.id);
    const later = await reconcileProxyOperations(deps, { accountId, proxyId: PROXY, tenantId: tid }, { now: Date.now() + 120_000 });
    expect(later.settled).toBeGreaterThanOrEqual(1);
    const [settled] = await h.handle.db.select().from(cloudOperations).where(eq(cloudOperations.id, row!.id));
    expect(settled).toMatchObject({ status: "failed", errorCode: "NOT_APPLIED" });
    expect(audits.some((a) => a.action === "proxy-accesses.reconcile" && a.outcome === "failure")).toBe(true);
  });

  it("reconciles a pending grant left by a crash as succeeded when the user holds access", async () => {
    const userId = await freeUser();
    const created = await deps.dms.createProxyAccess({ userId, proxyId: PROXY, tid });
    const [op] = await h.handle.db
      .insert(cloudOperations)
      .values({ idempotencyKey: randomUUID(), kind: GRANT_KIND, cloudAccountId: accountId, target: grantTarget(PROXY, userId), params: { userId, proxyId: PROXY }, createdAt: new Date(Date.now() - 300_000), updatedAt: new Date(Date.now() - 300_000) })
      .returning();
    await reconcileProxyOperations(deps, { accountId, proxyId: PROXY, tenantId: tid });
    const [row] = await h.handle.db.select().from(cloudOperations).where(eq(cloudOperations.id, op!.id));
    expect(row).toMatchObject({ status: "succeeded", result: { proxyAccessId: created.proxyAccessId, reconciled: true } });
  });
});

describe("revokeProxyAccesses", () => {
  const actor = { id: randomUUID(), email: "t@example.com", roles: ["admin"] };
  const meta = { ip: null, userAgent: null };

  it("revokes accesses of the proxy, audits each one, and answers a repeat from the record", async () => {
    const userId = await freeUser();
    const { proxyAccessId } = await grantProxyAccessOnce(deps, request(userId));
    const req = { accountId, tenantId: tid, proxyId: PROXY, instanceId: INSTANCE, proxyAccessIds: [proxyAccessId], idempotencyKey: randomUUID(), actor, meta };
    const [result] = await revokeProxyAccesses(deps, req);
    expect(result).toMatchObject({ ok: true, proxyAccessId });
    expect(await accessesOf(userId)).toHaveLength(0);
    const before = await calls("DeleteProxyAccess");
    expect((await revokeProxyAccesses(deps, req))[0]).toMatchObject({ ok: true });
    expect(await calls("DeleteProxyAccess")).toBe(before);
    const entries = audits.filter((a) => a.action === "proxy-accesses.revoke.access" && a.target?.endsWith(`access:${proxyAccessId}`));
    expect(entries.map((e) => e.outcome)).toEqual(["intent", "success"]);
  });

  it("never deletes an access that is not on the proxy it was asked for", async () => {
    const { items } = await deps.dms.listProxyAccesses({ proxyId: "1201", tid });
    const elsewhere = items[0]!.proxyAccessId;
    const before = await calls("DeleteProxyAccess");
    const [result] = await revokeProxyAccesses(deps, {
      accountId, tenantId: tid, proxyId: PROXY, instanceId: INSTANCE, proxyAccessIds: [elsewhere], idempotencyKey: randomUUID(), actor, meta,
    });
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await calls("DeleteProxyAccess")).toBe(before);
  });
});
