import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "@/lib/db/client";
import { revokedSessions, userResources, users } from "@/lib/db/schema";
import { loadActor } from "./actor-query";

/*
 * The one statement behind every request's session check: each way a session stops being good
 * (user gone or disabled, version moved on, signed out) must still end it.
 */

let handle: DbHandle;
let userId: string;
const sessionId = "sid-1";

beforeAll(async () => {
  handle = createDb("memory://");
  await handle.migrate();
  const [user] = await handle.db.insert(users).values({ email: "owner@example.com", name: "Olga", roles: ["owner", "not-a-role"], passwordHash: "x" }).returning();
  userId = user!.id;
  await handle.db.insert(userResources).values([
    { userId, resource: "dms-instance:5101" },
    { userId, resource: "mariadb-instance:tdsql-1" },
  ]);
}, 60_000);
afterAll(() => handle.close());

const claim = (over: Partial<{ sessionVersion: number; sessionId: string; userId: string }> = {}) => ({ userId, sessionVersion: 1, sessionId, ...over });

describe("loadActor", () => {
  it("returns the user with known roles only and every resource they own", async () => {
    const actor = await loadActor(handle.db, claim());
    expect(actor).toMatchObject({ id: userId, email: "owner@example.com", name: "Olga", roles: ["owner"] });
    expect([...(actor?.resources ?? [])].sort()).toEqual(["dms-instance:5101", "mariadb-instance:tdsql-1"]);
  });

  it("gives a user without resources an empty set", async () => {
    const [other] = await handle.db.insert(users).values({ email: "dba@example.com", name: "Dario", roles: ["dba"], passwordHash: "x" }).returning();
    const actor = await loadActor(handle.db, claim({ userId: other!.id }));
    expect(actor?.resources.size).toBe(0);
  });

  it("ends the session of an unknown user, a session version that moved on and a revoked session", async () => {
    expect(await loadActor(handle.db, claim({ userId: "00000000-0000-4000-8000-000000000000" }))).toBeNull();
    expect(await loadActor(handle.db, claim({ sessionVersion: 2 }))).toBeNull();
    await handle.db.insert(revokedSessions).values({ sessionId, expiresAt: new Date(Date.now() + 60_000) });
    expect(await loadActor(handle.db, claim())).toBeNull();
    // A revocation past its expiry no longer matters (its session expired with it); another session is unaffected.
    expect(await loadActor(handle.db, claim({ sessionId: "sid-2" }))).not.toBeNull();
    await handle.db.update(revokedSessions).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(revokedSessions.sessionId, sessionId));
    expect(await loadActor(handle.db, claim())).not.toBeNull();
  });

  it("ends the session of a disabled user", async () => {
    await handle.db.update(users).set({ disabled: true }).where(eq(users.id, userId));
    expect(await loadActor(handle.db, claim())).toBeNull();
  });
});
