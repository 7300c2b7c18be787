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
    expect(toSafeJobError(vendor, "q")).toEqual({ code: "Throttling.User", message: "DMS is busy; the console retries on its own. (request id REQ-1)", requestId: "REQ-1" });
  });

  it("keeps what picks a vendor error's text in the reader's language: code, vendor, HTTP status", () => {
    const vendor = Object.assign(new Error("huawei taurus X failed"), { name: "ProviderError", code: "DBS.201028", userMessage: "The TaurusDB database proxy no longer exists.", vendor: "huawei", httpStatus: 400, requestId: "r-9" });
    const safe = toSafeJobError(vendor, "q");
    expect(safe).toMatchObject({ code: "DBS.201028", vendor: "huawei", httpStatus: 400, requestId: "r-9" });
    expect(lastErrorOf(safe)).toMatchObject({ code: "DBS.201028", vendor: "huawei", httpStatus: 400, requestId: "r-9" });
    // An unknown vendor name is not kept: it would pick nothing.
    expect(lastErrorOf({ ...safe, vendor: "acme" })?.vendor).toBeUndefined();
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
