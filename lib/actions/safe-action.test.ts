import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { AuditEntryInput } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/session";
import type { StoredWords } from "@/lib/db/schema";
import { wordsText } from "@/lib/i18n/stored-words";

const state = vi.hoisted(() => ({
  actor: null as Actor | null,
  audit: [] as AuditEntryInput[],
  failAuditOutcome: null as string | null,
}));

vi.mock("@/lib/auth/session", () => ({ getActor: async () => state.actor }));
vi.mock("@/lib/auth/request-meta", () => ({ requestMeta: async () => ({ ip: "10.1.2.3", userAgent: "vitest" }) }));
vi.mock("@/lib/audit/log", () => ({
  appendAudit: async (entry: AuditEntryInput) => {
    if (entry.outcome === state.failAuditOutcome) throw new Error("audit store down");
    // The real writer redacts; mirror it so tests can assert what would be stored.
    const { redactRecord } = await import("@/lib/audit/redact");
    state.audit.push({ ...entry, params: redactRecord(entry.params) });
  },
}));

const { defineAction } = await import("./safe-action");
const { ActionError } = await import("./result");

function actor(roles: Actor["roles"], resources: string[] = []): Actor {
  return { id: "u1", email: "x@example.com", name: "X", roles, resources: new Set(resources) };
}

class FakeProviderError extends Error {
  name = "ProviderError" as const;
  code = "InvalidParameterValue.AccountAlreadyExists";
  userMessage = "An account with this name and host already exists on this instance.";
  requestId = "req-123";
  vendor = "tencent";
}

const grantInput = z.object({ proxy: z.string().min(1, "Pick a proxy"), password: z.string().min(8, "Too short") });
const cloudCall = vi.fn(async () => ({ id: "new-1", requestId: "vendor-req-1" }));
const grant = defineAction({
  name: "proxy-access.grant",
  input: grantInput,
  permission: "proxyAccess:grant",
  resource: (input) => `dms-instance:${input.proxy}`,
  target: (input) => `proxy:${input.proxy}`,
  handler: async (_input, ctx) => {
    await ctx.recordIntent();
    const result = await cloudCall();
    ctx.setOutcome({ vendorRequestId: result.requestId });
    return { id: result.id };
  },
});

beforeEach(() => {
  state.actor = null;
  state.audit = [];
  state.failAuditOutcome = null;
  cloudCall.mockClear();
});

const afterOutcomeRan = vi.fn(async () => undefined);
const marked = defineAction({
  name: "proxy-access.grant",
  input: grantInput,
  permission: "proxyAccess:grant",
  resource: (input) => `dms-instance:${input.proxy}`,
  handler: async (_input, ctx) => {
    await ctx.recordIntent();
    ctx.afterOutcome(afterOutcomeRan);
    return { ok: true };
  },
});

describe("defineAction", () => {
  it("runs what waited for the outcome entry only once that entry is written", async () => {
    state.actor = actor(["admin"]);
    afterOutcomeRan.mockClear();
    await marked({ proxy: "1", password: "longenough" });
    expect(state.audit.map((a) => a.outcome)).toEqual(["intent", "success"]);
    expect(afterOutcomeRan).toHaveBeenCalledTimes(1);
    state.failAuditOutcome = "success";
    await marked({ proxy: "1", password: "longenough" });
    expect(afterOutcomeRan).toHaveBeenCalledTimes(1);
  });

  it("refuses a caller without a session and audits the attempt", async () => {
    const result = await grant({ proxy: "1", password: "longenough" });
    expect(result).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(state.audit).toMatchObject([{ outcome: "denied", actor: null, action: "proxy-access.grant", ip: "10.1.2.3" }]);
    expect(cloudCall).not.toHaveBeenCalled();
  });

  it("refuses a role without the permission before looking at the input", async () => {
    state.actor = actor(["auditor"]);
    const result = await grant({ proxy: "", password: "" });
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(state.audit[0]?.outcome).toBe("denied");
    expect(cloudCall).not.toHaveBeenCalled();
  });

  it("returns field errors for bad input, audits it redacted, and makes no call", async () => {
    state.actor = actor(["dba"]);
    const result = await grant({ proxy: "", password: "short" });
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { proxy: ["Pick a proxy"], password: ["Too short"] } });
    expect(state.audit[0]).toMatchObject({ outcome: "invalid", params: { proxy: "", password: "[REDACTED]" } });
    expect(cloudCall).not.toHaveBeenCalled();
  });

  it("treats a resource the owner does not own as not found", async () => {
    state.actor = actor(["owner"], ["dms-instance:7"]);
    const result = await grant({ proxy: "8", password: "longenough" });
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(state.audit[0]).toMatchObject({ outcome: "denied", target: "proxy:8" });
    expect(cloudCall).not.toHaveBeenCalled();
  });

  it("records intent before the call and the outcome with the vendor request id after it", async () => {
    state.actor = actor(["owner"], ["dms-instance:7"]);
    const result = await grant({ proxy: "7", password: "longenough" });
    expect(result).toEqual({ ok: true, data: { id: "new-1" } });
    expect(state.audit.map((e) => e.outcome)).toEqual(["intent", "success"]);
    expect(state.audit[0]!.correlationId).toBeTruthy();
    expect(state.audit[1]).toMatchObject({ correlationId: state.audit[0]!.correlationId, vendorRequestId: "vendor-req-1" });
    expect(JSON.stringify(state.audit)).not.toContain("longenough");
  });

  it("does not call the cloud when the intent cannot be written, and says so instead of a server error", async () => {
    state.actor = actor(["dba"]);
    state.failAuditOutcome = "intent";
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const result = await grant({ proxy: "7", password: "longenough" });
    expect(result).toMatchObject({ ok: false, code: "AUDIT_UNAVAILABLE", formError: expect.stringContaining("nothing was changed") });
    expect(cloudCall).not.toHaveBeenCalled();
    expect(spy.mock.calls.map((c) => String(c[0]))).toContainEqual(expect.stringMatching(/^\[action proxy-access\.grant\] audit write failed \(outcome intent\)/));
    spy.mockRestore();
  });

  it("still refuses, and logs the action name, when a refusal's audit entry cannot be written", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    state.failAuditOutcome = "denied";
    expect(await grant({ proxy: "7", password: "longenough" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    state.actor = actor(["auditor"]);
    expect(await grant({ proxy: "7", password: "longenough" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    state.actor = actor(["owner"], ["dms-instance:7"]);
    expect(await grant({ proxy: "8", password: "longenough" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    state.failAuditOutcome = "invalid";
    expect(await grant({ proxy: "", password: "x" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(spy.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringMatching(/^\[action proxy-access\.grant\] audit write failed \(outcome denied\): Error: audit store down/),
      expect.stringMatching(/outcome denied/),
      expect.stringMatching(/outcome denied/),
      expect.stringMatching(/outcome invalid/),
    ]);
    expect(cloudCall).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it("refuses characters the database cannot store in any field, even one its schema lets through, as a field error", async () => {
    state.actor = actor(["dba"]);
    const loose = defineAction({
      name: "loose.thing",
      input: z.object({ note: z.string(), tags: z.array(z.string()) }),
      permission: "proxyAccess:grant",
      handler: async () => cloudCall(),
    });
    const result = await loose({ note: "fine", tags: ["ok", "bad\u0000"] });
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { "tags.1": [expect.stringContaining("NUL")] } });
    expect(state.audit).toMatchObject([{ outcome: "invalid", params: { note: "fine", tags: ["ok", "bad\u0000"] } }]);
    // Worded for every reader when written: English, and Chinese for the audit page in Chinese.
    const message = (state.audit[0] as { message: StoredWords }).message;
    expect(wordsText(message, "en")).toMatch(/^tags\.1: .*NUL/);
    expect(wordsText(message, "zh-CN")).toMatch(/^“tags\.1”：.*[\u4e00-\u9fff]/);
    expect(cloudCall).not.toHaveBeenCalled();
  });

  it("records the outcome a multi-item handler reports, e.g. partial", async () => {
    state.actor = actor(["dba"]);
    const many = defineAction({
      name: "many.things",
      input: z.object({ n: z.number() }),
      permission: "proxyAccess:grant",
      handler: async (_input, ctx) => {
        ctx.setOutcome({ outcome: "partial", message: "1 of 2 things failed" });
        return { done: 1 };
      },
    });
    expect(await many({ n: 2 })).toEqual({ ok: true, data: { done: 1 } });
    expect(state.audit).toMatchObject([{ outcome: "partial", message: "1 of 2 things failed" }]);
  });

  it("still reports a completed change as done when only the outcome write fails", async () => {
    state.actor = actor(["dba"]);
    state.failAuditOutcome = "success";
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const result = await grant({ proxy: "7", password: "longenough" });
    expect(result.ok).toBe(true);
    spy.mockRestore();
  });

  it("passes vendor errors through in plain words with code and request id", async () => {
    state.actor = actor(["dba"]);
    cloudCall.mockRejectedValueOnce(new FakeProviderError("raw vendor text"));
    const result = await grant({ proxy: "7", password: "longenough" });
    expect(result).toEqual({
      ok: false,
      formError: "An account with this name and host already exists on this instance.",
      code: "InvalidParameterValue.AccountAlreadyExists",
      requestId: "req-123",
    });
    expect(state.audit.at(-1)).toMatchObject({ outcome: "failure", errorCode: "InvalidParameterValue.AccountAlreadyExists", vendorRequestId: "req-123" });
  });

  it("shows expected failures as they are and hides unexpected ones behind a reference", async () => {
    state.actor = actor(["dba"]);
    cloudCall.mockRejectedValueOnce(new ActionError("This user already holds access through that proxy.", { code: "DUPLICATE" }));
    expect(await grant({ proxy: "7", password: "longenough" })).toMatchObject({ ok: false, code: "DUPLICATE", formError: "This user already holds access through that proxy." });

    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    cloudCall.mockRejectedValueOnce(new Error("connection string postgres://user:secret@db"));
    const hidden = await grant({ proxy: "7", password: "longenough" });
    spy.mockRestore();
    expect(hidden).toMatchObject({ ok: false, code: "INTERNAL" });
    expect(hidden.ok === false && hidden.formError).not.toContain("secret");
    expect(hidden.ok === false && hidden.ref).toMatch(/^[0-9a-f]{8}$/);
  });

  it("turns a failing resource lookup into a failed result, not a crash", async () => {
    const lookup = defineAction({
      name: "proxy-access.lookup",
      input: grantInput,
      permission: "proxyAccess:grant",
      resource: async () => {
        throw new FakeProviderError("vendor down");
      },
      handler: async () => cloudCall(),
    });
    state.actor = actor(["owner"], ["dms-instance:7"]);
    const result = await lookup({ proxy: "7", password: "longenough" });
    expect(result).toMatchObject({ ok: false, code: "InvalidParameterValue.AccountAlreadyExists", requestId: "req-123" });
    expect(state.audit.at(-1)).toMatchObject({ outcome: "failure", vendorRequestId: "req-123" });
    expect(cloudCall).not.toHaveBeenCalled();
  });

  it("accepts FormData as well as objects", async () => {
    state.actor = actor(["dba"]);
    const form = new FormData();
    form.set("proxy", "7");
    form.set("password", "longenough");
    form.set("$ACTION_ID_abc", "");
    expect((await grant(form)).ok).toBe(true);
  });
});
