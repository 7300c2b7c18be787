import { desc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type DbHandle } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";

const state = vi.hoisted(() => ({ handle: null as DbHandle | null }));
vi.mock("@/lib/db", () => ({ getDb: async () => state.handle!.db }));

const { appendAudit } = await import("./log");

beforeAll(async () => {
  state.handle = createDb("memory://");
  await state.handle.migrate();
}, 60_000);

afterAll(async () => {
  await state.handle?.close();
});

/** What PostgreSQL refuses in text or jsonb, as a forged call can send it. */
const NUL = "\u0000";
const HIGH = "\ud800";
const LOW = "\udfff";

async function lastRow() {
  const [row] = await state.handle!.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row!;
}

describe("appendAudit", () => {
  it("stores an entry whose every field carries NUL or unpaired surrogates, with those characters replaced", async () => {
    await appendAudit({
      actor: { id: "7d8f3c52-1c1e-4c53-9a61-6e9fcb0a8d11", email: `a${NUL}@example.com`, roles: [`dba${HIGH}`] },
      action: `users.create${NUL}`,
      target: `user:${LOW}x`,
      params: { [`na${NUL}me`]: `Ana${NUL}`, reason: `why${HIGH}`, list: [`${LOW}`, { deep: `${NUL}${HIGH}` }] },
      outcome: "invalid",
      errorCode: `E${NUL}`,
      message: `m${HIGH}`,
      vendorRequestId: `r${NUL}`,
      ip: `1.2.3.4${NUL}`,
      userAgent: `ua${LOW}`,
    });
    const row = await lastRow();
    expect(row).toMatchObject({
      actorEmail: "a\uFFFD@example.com",
      actorRoles: ["dba\uFFFD"],
      action: "users.create\uFFFD",
      target: "user:\uFFFDx",
      params: { "na\uFFFDme": "Ana\uFFFD", reason: "why\uFFFD", list: ["\uFFFD", { deep: "\uFFFD\uFFFD" }] },
      errorCode: "E\uFFFD",
      message: "m\uFFFD",
      vendorRequestId: "r\uFFFD",
      ip: "1.2.3.4\uFFFD",
      userAgent: "ua\uFFFD",
    });
  });

  it("stores a bigint (which a forged server-action call can carry) as its decimal text", async () => {
    await appendAudit({ actor: null, action: "x", outcome: "invalid", params: { userId: 9007199254740993n } });
    expect((await lastRow()).params).toEqual({ userId: "9007199254740993" });
  });

  it("keeps well-formed text, emoji included, exactly as given", async () => {
    await appendAudit({ actor: null, action: "x", outcome: "denied", params: { reason: "Zugang für 🚀 Team\nline two\ttab" }, message: "ok" });
    expect((await lastRow()).params).toEqual({ reason: "Zugang für 🚀 Team\nline two\ttab" });
  });

  it("never cuts a long message inside a surrogate pair", async () => {
    await appendAudit({ actor: null, action: "x", outcome: "denied", message: `${"a".repeat(999)}🚀🚀` });
    expect((await lastRow()).message).toBe("a".repeat(999));
  });
});
