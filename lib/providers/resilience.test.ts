import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ProviderError } from "@/lib/providers/errors";
import { resetRateLimits } from "@/lib/providers/rate-limit";
import { backoffDelay, DEFAULT_RETRY_POLICY, withRetry } from "@/lib/providers/resilience";
import { createMariadbApi } from "@/lib/providers/tencent/mariadb";
import { startTestServer, type RecordedRequest, type Reply, type TestServer } from "@/lib/providers/test-server";

/**
 * A scripted MariaDB: keeps real account state, and `faults` decides per request whether to fail
 * before doing the work, do the work and then drop the connection, throttle, or hang.
 */
type Fault = "none" | "503-before" | "drop-after" | "drop-before" | "throttle" | "hang-after";
let accounts: Set<string>;
let faults: Fault[];
let server: TestServer;

const ok = (payload: object): Reply => ({ json: { Response: { ...payload, RequestId: `r-${Math.random()}` } } });
const err = (code: string): Reply => ({ json: { Response: { Error: { Code: code, Message: code }, RequestId: "e" } } });

function handle(req: RecordedRequest): Reply {
  const action = String(req.headers["x-tc-action"]);
  // Passwords go as Password here: these tests are about retries, not about encryption.
  if (action === "GetPublicKey") return err("InvalidAction");
  const body = JSON.parse(req.body || "{}") as { UserName?: string; Host?: string };
  const key = `${body.UserName}@${body.Host}`;
  const fault = action === "DescribeAccounts" ? "none" : (faults.shift() ?? "none");
  if (fault === "503-before") return { status: 503, text: "unavailable" };
  if (fault === "drop-before") return { drop: true };
  if (fault === "throttle") return err("RequestLimitExceeded");
  let result: Reply;
  if (action === "CreateAccount") {
    if (accounts.has(key)) result = err("InvalidParameterValue.AccountAlreadyExists");
    else {
      accounts.add(key);
      result = ok({ InstanceId: "tdsql-a", UserName: body.UserName, Host: body.Host, ReadOnly: 0 });
    }
  } else if (action === "DeleteAccount") {
    result = accounts.delete(key) ? ok({}) : err("ResourceNotFound.AccountDoesNotExist");
  } else if (action === "DescribeAccounts") {
    result = ok({ InstanceId: "tdsql-a", Users: [...accounts].map((k) => ({ UserName: k.split("@")[0], Host: k.split("@")[1] })) });
  } else {
    result = ok({ TotalCount: 0, Instances: [] });
  }
  if (fault === "drop-after") return { drop: true };
  if (fault === "hang-after") return { hang: true };
  return result;
}

beforeAll(async () => {
  server = await startTestServer(handle);
});
afterAll(() => server.close());
beforeEach(() => {
  accounts = new Set();
  faults = [];
  server.requests.length = 0;
  resetRateLimits();
});

const client = () =>
  createMariadbApi(
    { vendor: "tencent", region: "ap-guangzhou", endpoint: server.url, credentials: { secretId: "id", secretKey: "key" } },
    { timeoutMs: 300, retry: { baseDelayMs: 5, maxDelayMs: 20 }, rateLimits: { default: 1000 } },
  );
const calls = (action: string) => server.requests.filter((r) => r.headers["x-tc-action"] === action).length;
const account = { instanceId: "tdsql-a", userName: "app1", host: "%", password: "Abcd1234!x" };

describe("retry policy for reads", () => {
  it("retries 5xx, throttling, dropped connections and timeouts, then succeeds", async () => {
    faults = ["503-before", "throttle", "drop-before", "hang-after"];
    const res = await client().describeDBInstances({ limit: 1 });
    expect(res.totalCount).toBe(0);
    expect(calls("DescribeDBInstances")).toBe(5);
  });

  it("does not retry a business error", async () => {
    server.setHandler(() => err("UnauthorizedOperation.PermissionDenied"));
    try {
      await expect(client().describeDBInstances()).rejects.toMatchObject({ code: "UnauthorizedOperation.PermissionDenied" });
      expect(server.requests).toHaveLength(1);
    } finally {
      server.setHandler(handle);
    }
  });

  it("gives up after the attempt budget", async () => {
    faults = Array<Fault>(10).fill("503-before");
    await expect(client().describeDBInstances()).rejects.toMatchObject({ code: "HttpError", httpStatus: 503 });
    expect(calls("DescribeDBInstances")).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
  });
});

describe("creates look before they retry", () => {
  it("returns the account found after a dropped response instead of creating it twice", async () => {
    faults = ["drop-after"];
    const res = await client().createAccount(account);
    expect(res).toMatchObject({ userName: "app1", host: "%", foundAfterRetry: true });
    expect(calls("CreateAccount")).toBe(1);
    expect(calls("DescribeAccounts")).toBe(1);
  });

  it("retries only after confirming the account does not exist", async () => {
    faults = ["503-before"];
    const res = await client().createAccount(account);
    expect(res.foundAfterRetry).toBe(false);
    expect(server.requests.map((r) => r.headers["x-tc-action"])).toEqual(["GetPublicKey", "CreateAccount", "DescribeAccounts", "CreateAccount"]);
    expect(accounts.size).toBe(1);
  });

  it("looks again when a retry meets AccountAlreadyExists after a late-landing first attempt", async () => {
    faults = ["hang-after"];
    // The first request lands (creates) but its answer never arrives; the lookup is scripted to miss it.
    let describeCount = 0;
    server.setHandler((req) => {
      if (req.headers["x-tc-action"] === "DescribeAccounts" && describeCount++ === 0) return ok({ Users: [] });
      return handle(req);
    });
    try {
      const res = await client().createAccount(account);
      expect(res.foundAfterRetry).toBe(true);
      expect(calls("CreateAccount")).toBe(2);
      expect(accounts.size).toBe(1);
    } finally {
      server.setHandler(handle);
    }
  });

  it("never retries a create after a non-ambiguous error", async () => {
    accounts.add("app1@%");
    await expect(client().createAccount(account)).rejects.toMatchObject({ code: "InvalidParameterValue.AccountAlreadyExists", outcomeUnknown: false });
    expect(calls("CreateAccount")).toBe(1);
  });

  it("marks the outcome unknown when every attempt is ambiguous and nothing is found", async () => {
    faults = Array<Fault>(10).fill("503-before");
    const error = await client().createAccount(account).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ outcomeUnknown: true, code: "HttpError" });
    expect(accounts.size).toBe(0);
  });
});

describe("deletes", () => {
  it("count 'not found' after a retried delete as success", async () => {
    accounts.add("app1@%");
    faults = ["drop-after"];
    const res = await client().deleteAccount(account);
    expect(res.alreadyGone).toBe(true);
    expect(calls("DeleteAccount")).toBe(2);
  });

  it("report 'not found' on the first attempt as an error", async () => {
    await expect(client().deleteAccount(account)).rejects.toMatchObject({ code: "ResourceNotFound.AccountDoesNotExist" });
  });
});

describe("backoff", () => {
  it("uses full jitter within an exponentially growing, capped ceiling", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, { ...policy, random: () => 0.999 })).toBe(99);
    expect(backoffDelay(3, { ...policy, random: () => 0.999 })).toBe(399);
    expect(backoffDelay(10, { ...policy, random: () => 0.999 })).toBe(999);
    expect(backoffDelay(4, { ...policy, random: () => 0 })).toBe(0);
  });

  it("withRetry passes the attempt number and stops on non-retryable errors", async () => {
    const seen: number[] = [];
    await expect(
      withRetry(async (attempt) => {
        seen.push(attempt);
        throw new Error("plain errors are not retried");
      }),
    ).rejects.toThrow("plain errors");
    expect(seen).toEqual([1]);
  });
});
