import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "@/lib/db/client";
import { bulkGrantJobs, userResources, users } from "@/lib/db/schema";
import { roundActor, roundActorMayGrant } from "./bulk-grants-actor";

let handle: DbHandle;
const INSTANCE = "5101";

beforeAll(async () => {
  handle = createDb("memory://");
  await handle.migrate();
}, 60_000);
afterAll(() => handle.close());

async function user(roles: string[], opts: { owns?: string; disabled?: boolean } = {}) {
  const [row] = await handle.db.insert(users).values({ email: `${randomUUID()}@example.com`, name: "u", roles, disabled: opts.disabled ?? false }).returning();
  if (opts.owns) await handle.db.insert(userResources).values({ userId: row!.id, resource: `dms-instance:${opts.owns}` });
  return row!;
}

async function job(creator: { id: string; email: string; roles: string[] }, retrier?: { id: string; email: string; roles: string[] }) {
  const [row] = await handle.db
    .insert(bulkGrantJobs)
    .values({
      idempotencyKey: randomUUID(), tenantId: "1", proxyId: "1201", instanceId: INSTANCE, users: [], reason: "r",
      createdBy: creator.id, createdByEmail: creator.email, createdByRoles: creator.roles,
      ...(retrier ? { round: 2, retriedBy: retrier.id, retriedByEmail: retrier.email, retriedByRoles: retrier.roles } : {}),
    })
    .returning();
  return row!;
}

describe("the actor of a bulk job's round", () => {
  it("is the creator in round 1 and whoever retried after", async () => {
    const creator = await user(["owner"], { owns: INSTANCE });
    const retrier = await user(["owner"], { owns: INSTANCE });
    expect(roundActor(await job(creator))).toEqual({ id: creator.id, email: creator.email, roles: ["owner"] });
    expect(roundActor(await job(creator, retrier))).toEqual({ id: retrier.id, email: retrier.email, roles: ["owner"] });
  });

  it("may grant by their own rights, not the creator's", async () => {
    const creator = await user(["owner"], { owns: INSTANCE });
    const outsider = await user(["owner"], { owns: "9999" });
    const disabledDba = await user(["dba"], { disabled: true });
    const dba = await user(["dba"]);
    expect(await roundActorMayGrant(handle.db, await job(creator))).toBe(true);
    expect(await roundActorMayGrant(handle.db, await job(creator, outsider))).toBe(false);
    expect(await roundActorMayGrant(handle.db, await job(creator, disabledDba))).toBe(false);
    expect(await roundActorMayGrant(handle.db, await job(outsider, dba))).toBe(true);
  });
});
