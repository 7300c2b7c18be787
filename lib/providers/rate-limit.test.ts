import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { acquireRateLimit, rateLimitFor, resetRateLimits } from "@/lib/providers/rate-limit";
import { createMariadbApi } from "@/lib/providers/tencent/mariadb";
import { startTestServer, type TestServer } from "@/lib/providers/test-server";

let server: TestServer;
const PUBLIC_KEY = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();
/** Index of a request the server stalls on, and when each request was actually processed. */
let stallIndex = -1;
let processed: number[] = [];
beforeAll(async () => {
  server = await startTestServer(async (req, index) => {
    // Its own budget: not part of the CreateAccount arrivals these tests measure.
    if (req.headers["x-tc-action"] === "GetPublicKey") return { json: { Response: { PublicKey: PUBLIC_KEY, RequestId: "r" } } };
    if (index === stallIndex) await new Promise((r) => setTimeout(r, 400));
    processed.push(performance.now());
    if (req.headers["x-tc-action"] === "DescribeDBInstances") return { json: { Response: { TotalCount: 0, Instances: [], RequestId: "r" } } };
    const body = JSON.parse(req.body) as { UserName: string; Host: string };
    return { json: { Response: { InstanceId: "tdsql-a", UserName: body.UserName, Host: body.Host, ReadOnly: 0, RequestId: "r" } } };
  });
});
afterAll(() => server.close());
beforeEach(() => {
  stallIndex = -1;
  processed = [];
  resetRateLimits();
  server.requests.length = 0;
});

function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= windowMs) j += 1;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe("client-side rate limiting", () => {
  it("paces 60 concurrent CreateAccount calls from two clients sharing a credential to 20/s", async () => {
    const conn = { vendor: "tencent" as const, region: "ap-guangzhou", endpoint: server.url, credentials: { secretId: "shared", secretKey: "k" } };
    const clients = [createMariadbApi(conn), createMariadbApi(conn)];
    // Open the connection first: connection setup delays only the first request in flight, which
    // would make the following ones arrive bunched up however evenly they were sent.
    await clients[0]?.describeDBInstances();
    server.requests.length = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        clients[i % 2]?.createAccount({ instanceId: "tdsql-a", userName: `u${i}`, host: "%", password: "Abcd1234!x" }),
      ),
    );
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(2900);
    // Each client asks for the instance's public key once, however many creates wait for it.
    expect(server.requests.filter((r) => r.headers["x-tc-action"] === "GetPublicKey")).toHaveLength(2);
    const arrivals = server.requests.filter((r) => r.headers["x-tc-action"] === "CreateAccount").map((r) => r.at);
    expect(arrivals).toHaveLength(60);
    expect(maxInAnyWindow(arrivals, 1000)).toBeLessThanOrEqual(20);
  }, 15_000);

  it("holds requests back after a server stall instead of letting arrivals bunch up", async () => {
    const conn = { vendor: "tencent" as const, region: "ap-guangzhou", endpoint: server.url, credentials: { secretId: "stall", secretKey: "k" } };
    const client = createMariadbApi(conn);
    await client.describeDBInstances();
    server.requests.length = 0;
    processed = [];
    stallIndex = 5;
    await Promise.all(
      Array.from({ length: 45 }, (_, i) => client.createAccount({ instanceId: "tdsql-a", userName: `s${i}`, host: "%", password: "Abcd1234!x" })),
    );
    expect(processed).toHaveLength(45);
    expect(maxInAnyWindow(processed, 1000)).toBeLessThanOrEqual(20);
  }, 15_000);

  it("keeps separate budgets per action and per credential", async () => {
    const started = performance.now();
    await Promise.all([
      ...Array.from({ length: 10 }, () => acquireRateLimit("tencent|a|CreateAccount", 20)),
      ...Array.from({ length: 10 }, () => acquireRateLimit("tencent|a|DeleteAccount", 20)),
      ...Array.from({ length: 10 }, () => acquireRateLimit("tencent|b|CreateAccount", 20)),
    ]);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(800);
    expect(elapsed).toBeGreaterThanOrEqual(9 * 50);
  });

  it("uses the documented Tencent limits and conservative defaults elsewhere", () => {
    expect(rateLimitFor("tencent", "CreateAccount")).toBe(20);
    expect(rateLimitFor("tencent", "DescribeDBInstances")).toBe(200);
    expect(rateLimitFor("alibaba", "ListProxyAccesses")).toBe(10);
    expect(rateLimitFor("huawei", "SwitchAccessControl", { SwitchAccessControl: 3 })).toBe(3);
  });
});
