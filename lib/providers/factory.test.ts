import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDmsClient, testConnection } from "@/lib/providers/factory";
import { clearIamTokenCache } from "@/lib/providers/huawei/iam";
import { resetRateLimits } from "@/lib/providers/rate-limit";
import { startTestServer, type RecordedRequest, type Reply, type TestServer } from "@/lib/providers/test-server";

const PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((req: RecordedRequest): Reply => {
    if (req.headers["x-acs-action"] === "GetUserActiveTenant") {
      return { json: { RequestId: "ali-1", Success: true, Tenant: { Tid: 3001, TenantName: "Demo Retail", Status: "ACTIVE" } } };
    }
    if (req.headers["x-tc-action"] === "DescribeDBInstances") {
      return { json: { Response: { TotalCount: 4, Instances: [], RequestId: "tc-1" } } };
    }
    if (req.path === "/v3/auth/tokens") {
      return { status: 201, headers: { "X-Subject-Token": "tok" }, json: { token: { expires_at: new Date(Date.now() + 86_400_000).toISOString() } } };
    }
    return { json: { total_count: 2, instances: [] }, headers: { "X-Request-Id": "hw-1" } };
  });
});
afterAll(() => server.close());
beforeEach(() => {
  resetRateLimits();
  clearIamTokenCache();
  server.requests.length = 0;
});

describe("testConnection", () => {
  it("reads the active DMS tenant", async () => {
    const res = await testConnection({ vendor: "alibaba", regionId: "cn-hangzhou", endpoint: server.url, credentials: { accessKeyId: "a", accessKeySecret: "b" } });
    expect(res).toEqual({
      ok: true,
      vendor: "alibaba",
      summary: "Connected to DMS; active tenant is Demo Retail (tenant 3001).",
      words: { key: "alibabaNamed", values: { name: "Demo Retail", tid: "3001" } },
      requestId: "ali-1",
    });
  });

  it("lists one MariaDB instance", async () => {
    const res = await testConnection({ vendor: "tencent", region: "ap-guangzhou", endpoint: server.url, credentials: { secretId: "a", secretKey: "b" } });
    expect(res).toMatchObject({ ok: true, requestId: "tc-1" });
    expect(res.summary).toContain("4 instance(s)");
    expect(res.words).toEqual({ key: "tencent", values: { region: "ap-guangzhou", count: 4 } });
    expect(JSON.parse(server.requests[0]?.body ?? "")).toMatchObject({ Limit: 1 });
  });

  it("fetches an IAM token, then lists one TaurusDB instance", async () => {
    const res = await testConnection({
      vendor: "huawei",
      region: "cn-north-4",
      projectId: PROJECT,
      endpoints: { taurus: server.url, iam: server.url },
      credentials: { kind: "iam", domainName: "d", userName: "u", password: "p" },
    });
    expect(res).toMatchObject({ ok: true, vendor: "huawei", requestId: "hw-1" });
    expect(res.summary).toContain("IAM token obtained");
    expect(res.words.key).toBe("huaweiIam");
    expect(server.requests.map((r) => r.path)).toEqual(["/v3/auth/tokens", `/v3.1/${PROJECT}/instances`]);
    expect(server.requests[1]?.query.get("limit")).toBe("1");
  });

  it("throws ProviderError on failure", async () => {
    await expect(
      testConnection({ vendor: "tencent", region: "ap-guangzhou", endpoint: "http://127.0.0.1:9", credentials: { secretId: "a", secretKey: "b" } }, { retry: { maxAttempts: 1 } }),
    ).rejects.toMatchObject({ name: "ProviderError", code: "NetworkError" });
  });
});

describe("client factories", () => {
  it("refuse a connection of another vendor", () => {
    expect(() => createDmsClient({ vendor: "tencent", region: "ap-guangzhou", credentials: { secretId: "a", secretKey: "b" } })).toThrow(/alibaba/);
  });
});

describe("the endpoint policy of a stored connection", () => {
  const host = new URL("http://127.0.0.1").hostname;
  const emulatorOnly = { allowedHosts: [host], httpHosts: [host] };
  const metadataDns = { ...emulatorOnly, lookup: async () => ["169.254.169.254"] };

  it("lets allowed hosts through", async () => {
    const conn = { vendor: "alibaba" as const, regionId: "cn-hangzhou", endpoint: server.url, credentials: { accessKeyId: "a", accessKeySecret: "b" }, endpointPolicy: emulatorOnly };
    await expect(testConnection(conn)).resolves.toMatchObject({ ok: true });
    expect(server.requests).toHaveLength(1);
  });

  it("refuses an endpoint outside the policy before sending anything", async () => {
    const conn = {
      vendor: "alibaba" as const,
      regionId: "cn-hangzhou",
      endpoint: server.url,
      credentials: { accessKeyId: "a", accessKeySecret: "b" },
      endpointPolicy: { allowedHosts: [], httpHosts: [] },
    };
    await expect(testConnection(conn)).rejects.toMatchObject({ name: "ProviderError", code: "EndpointNotAllowed", retryable: false });
    expect(server.requests).toHaveLength(0);
  });

  it("refuses a vendor host that resolves to a metadata address, default endpoints included", async () => {
    const conn = { vendor: "tencent" as const, region: "ap-guangzhou", credentials: { secretId: "a", secretKey: "b" }, endpointPolicy: metadataDns };
    const error = await testConnection(conn).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "EndpointAddressNotAllowed", vendorMessage: expect.stringContaining("resolves to 169.254.169.254") });
  });

  it("never sends a Huawei IAM password to a refused IAM host", async () => {
    const conn = {
      vendor: "huawei" as const,
      region: "cn-north-4",
      projectId: PROJECT,
      endpoints: { taurus: server.url, iam: "https://iam.cn-north-4.myhuaweicloud.com" },
      credentials: { kind: "iam" as const, domainName: "d", userName: "u", password: "p" },
      endpointPolicy: metadataDns,
    };
    await expect(testConnection(conn, { retry: { maxAttempts: 1 } })).rejects.toMatchObject({ code: "EndpointAddressNotAllowed" });
    expect(server.requests).toHaveLength(0);
  });
});
