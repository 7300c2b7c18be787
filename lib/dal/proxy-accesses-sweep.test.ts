import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkGrantJobs, cloudOperations } from "@/lib/db/schema";
import { GRANT_KIND, grantTarget, RECONCILE_ACTION, REVOKE_KIND, revokeTarget } from "./proxy-accesses-records";
import { reconcileStaleOperations, type SweepDeps } from "./proxy-accesses-sweep";
import { setupDmsHarness } from "./testing/dms-harness";

/*
 * The background sweep: open grants and revokes on any proxy are settled against DMS with their
 * own stored account, without anyone loading the proxy's page.
 */

const h = setupDmsHarness();
const { audits, accountId, tid } = h;
const connected: string[] = [];

const deps = (): SweepDeps => ({
  db: h.handle.db,
  audit: async (e) => void audits.push(e),
  connect: async (id) => {
    connected.push(id);
    return id === accountId ? h.dms : null;
  },
});
const old = () => new Date(Date.now() - 5 * 60_000);
const statusOf = async (id: string) => (await h.handle.db.select().from(cloudOperations).where(eq(cloudOperations.id, id)))[0]!;

async function freeUsers(proxyId: string, n: number): Promise<string[]> {
  const { users } = await h.dms.listUsers({ tid, pageSize: 100, userState: "NORMAL" });
  const { items } = await h.dms.listProxyAccesses({ proxyId, tid });
  return users.map((u) => u.userId).filter((id) => !items.some((a) => a.userId === id)).slice(0, n);
}

describe("reconcileStaleOperations", () => {
  it("asks for no account when nothing is open", async () => {
    expect(await reconcileStaleOperations(deps())).toEqual({ settled: 0, proxies: 0 });
    expect(connected).toEqual([]);
  });

  it("settles open grants and revokes on every proxy, audited with no actor, and skips rows whose account is gone", async () => {
    const [granted, notGranted] = await freeUsers("1201", 2);
    const landed = await h.dms.createProxyAccess({ userId: granted!, proxyId: "1201", tid });
    const [gone] = (await h.dms.listProxyAccesses({ proxyId: "1202", tid })).items;
    await h.dms.deleteProxyAccess({ proxyAccessId: gone!.proxyAccessId, tid });
    const row = (kind: string, target: string, params: Record<string, unknown>, over: Partial<typeof cloudOperations.$inferInsert> = {}) => ({
      idempotencyKey: randomUUID(), kind, cloudAccountId: accountId, target, params: { tenantId: tid, ...params }, status: "pending" as const, createdAt: old(), updatedAt: old(), ...over,
    });
    const [a, b, c, orphan, young, running] = await h.handle.db
      .insert(cloudOperations)
      .values([
        row(GRANT_KIND, grantTarget("1201", granted!), { proxyId: "1201", userId: granted }),
        row(GRANT_KIND, grantTarget("1201", notGranted!), { proxyId: "1201", userId: notGranted }, { status: "unknown" }),
        row(REVOKE_KIND, revokeTarget("1202", gone!.proxyAccessId), { proxyId: "1202", proxyAccessId: gone!.proxyAccessId }),
        row(GRANT_KIND, grantTarget("1201", notGranted!), { proxyId: "1201", userId: notGranted }, { cloudAccountId: null }),
        row(GRANT_KIND, grantTarget("1202", notGranted!), { proxyId: "1202", userId: notGranted }, { createdAt: new Date(), updatedAt: new Date() }),
        row(GRANT_KIND, grantTarget("1203", notGranted!), { proxyId: "1203", userId: notGranted }),
      ])
      .returning();
    const [job] = await h.handle.db
      .insert(bulkGrantJobs)
      .values({ idempotencyKey: randomUUID(), cloudAccountId: accountId, tenantId: tid, proxyId: "1203", instanceId: "5103", users: [], reason: "r", status: "running" })
      .returning();
    await h.handle.db.update(cloudOperations).set({ jobId: job!.id }).where(eq(cloudOperations.id, running!.id));

    const result = await reconcileStaleOperations(deps());
    expect(result.settled).toBe(3);
    expect(await statusOf(a!.id)).toMatchObject({ status: "succeeded", result: { proxyAccessId: landed.proxyAccessId, reconciled: true } });
    expect(await statusOf(b!.id)).toMatchObject({ status: "failed", errorCode: "NOT_APPLIED" });
    expect(await statusOf(c!.id)).toMatchObject({ status: "succeeded", result: { reconciled: true } });
    // Not judged: no account to ask, too young, or its bulk job's runner owns it.
    for (const open of [orphan!, young!, running!]) expect((await statusOf(open.id)).status).toBe("pending");
    expect(connected).toEqual([accountId]);
    const entries = audits.filter((e) => e.action === RECONCILE_ACTION);
    expect(entries).toHaveLength(3);
    expect(entries.every((e) => e.actor === null)).toBe(true);
  });
});
