import { describe, expect, it, vi } from "vitest";
import { lastErrorOf } from "@/lib/dal/jobs";
import { JobError, toSafeJobError } from "./errors";

describe("what a failed job keeps as its error", () => {
  it("keeps a vendor error's code and the message written for people, with the request id", () => {
    const vendor = Object.assign(new Error("dms CreateProxyAccess failed with Throttling.User: raw vendor text"), {
      name: "ProviderError",
      code: "Throttling.User",
      userMessage: "DMS is busy; the console retries on its own.",
      requestId: "REQ-1",
    });
    expect(toSafeJobError(vendor, "q")).toEqual({ code: "Throttling.User", message: "DMS is busy; the console retries on its own. (request id REQ-1)" });
  });

  it("hides a credential even inside an explained failure", () => {
    expect(toSafeJobError(new JobError("x", "Bearer abcdefghijklmnopqrstuvwxyz012345"), "q").message).toBe("[REDACTED]");
  });

  it("stores only a reference for anything else and logs the detail", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const safe = toSafeJobError(new Error("insert failed params: hunter2"), "q");
    expect(safe.code).toBe("internal");
    expect(safe.message).not.toContain("hunter2");
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  it("shows pg-boss's own failures by their message only, never a stack", () => {
    expect(lastErrorOf({ name: "Error", message: "handler execution exceeded 900000ms", stack: "Error: at x.js:1" })).toEqual({
      code: "Error",
      message: "handler execution exceeded 900000ms",
    });
    expect(lastErrorOf({ value: "pg-boss shut down while active" })).toEqual({ code: "error", message: "pg-boss shut down while active" });
    expect(lastErrorOf(null)).toBeNull();
  });
});
