import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ProviderError } from "@/lib/providers/errors";
import { createTaurusApi } from "@/lib/providers/huawei/taurus";
import { clearIamTokenCache, getIamToken, type IamTokenRequest } from "@/lib/providers/huawei/iam";
import { resetRateLimits } from "@/lib/providers/rate-limit";
import { startTestServer, type RecordedRequest, type Reply, type TestServer } from "@/lib/providers/test-server";

const PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const credentials = { kind: "iam" as const, domainName: "demo-domain", userName: "demo-user", password: "Sup3r-Secret!" };
let tokenCounter = 0;
let expiresAt = new Date(Date.now() + 24 * 3600_000);
let iamReply: ((req: RecordedRequest) => Reply) | undefined;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(async (req) => {
    if (req.path === "/v3/auth/tokens") {
      if (iamReply) return iamReply(req);
      await new Promise((r) => setTimeout(r, 30));
      tokenCounter += 1;
      return {
        status: 201,
        headers: { "X-Subject-Token": `token-${tokenCounter}` },
        json: { token: { expires_at: expiresAt.toISOString(), issued_at: new Date().toISOString(), project: { id: PROJECT, name: "cn-north-4" } } },
      };
    }
    return { json: { total_count: 0, instances: [] } };
  });
});
afterAll(() => server.close());
beforeEach(() => {
  clearIamTokenCache();
  resetRateLimits();
  server.requests.length = 0;
  tokenCounter = 0;
  iamReply = undefined;
  expiresAt = new Date(Date.now() + 24 * 3600_000);
});

const request = (): IamTokenRequest => ({ iamEndpoint: server.url, credentials, project: { id: PROJECT } });
const tokenRequests = () => server.requests.filter((r) => r.path === "/v3/auth/tokens");

describe("IAM token auth", () => {
  it("posts the password method with a project scope and reads X-Subject-Token", async () => {
    const token = await getIamToken(request());
    expect(token).toMatchObject({ token: "token-1", projectId: PROJECT });
    const sent = tokenRequests()[0];
    expect(sent?.method).toBe("POST");
    expect(sent?.query.get("nocatalog")).toBe("true");
    expect(sent?.headers["content-type"]).toBe("application/json;charset=utf8");
    expect(JSON.parse(sent?.body ?? "")).toEqual({
      auth: {
        identity: { methods: ["password"], password: { user: { domain: { name: "demo-domain" }, name: "demo-user", password: "Sup3r-Secret!" } } },
        scope: { project: { id: PROJECT } },
      },
    });
  });

  it("caches the token and shares one in-flight request between concurrent callers", async () => {
    const tokens = await Promise.all(Array.from({ length: 10 }, () => getIamToken(request())));
    expect(new Set(tokens.map((t) => t.token))).toEqual(new Set(["token-1"]));
    await getIamToken(request());
    expect(tokenRequests()).toHaveLength(1);
  });

  it("keys the cache by project (id or name)", async () => {
    await getIamToken(request());
    await getIamToken({ ...request(), project: { name: "cn-north-4" } });
    expect(tokenRequests()).toHaveLength(2);
  });

  it("refreshes shortly before expires_at", async () => {
    expiresAt = new Date(Date.now() + 60 * 60_000);
    await getIamToken(request());
    const later = () => new Date(Date.now() + 56 * 60_000);
    const refreshed = await getIamToken(request(), { now: later });
    expect(refreshed.token).toBe("token-2");
    const cached = await getIamToken(request(), { now: () => new Date(Date.now() + 50 * 60_000) });
    expect(cached.token).toBe("token-2");
  });

  it("maps Keystone errors to ProviderError without leaking the password, and does not cache failures", async () => {
    iamReply = () => ({ status: 401, json: { error: { code: 401, message: "The username or password is wrong.", title: "Unauthorized" } } });
    const error = await getIamToken(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ vendor: "huawei", service: "iam", code: "IAM.401", httpStatus: 401, retryable: false });
    expect(JSON.stringify(error)).not.toContain("Sup3r-Secret!");
    expect((error as ProviderError).userMessage).toContain("password");
    iamReply = undefined;
    expect((await getIamToken(request())).token).toBe("token-1");
  });

  it("reports a 201 without X-Subject-Token as InvalidResponse", async () => {
    iamReply = () => ({ status: 201, json: { token: { expires_at: expiresAt.toISOString() } } });
    await expect(getIamToken(request())).rejects.toMatchObject({ code: "InvalidResponse" });
  });

  it("sends X-Auth-Token on service calls and re-authenticates once after a 401", async () => {
    const taurus = createTaurusApi({ vendor: "huawei", region: "cn-north-4", projectId: PROJECT, endpoints: { taurus: server.url, iam: server.url }, credentials });
    await taurus.listInstances({ limit: 1 });
    const first = server.requests.find((r) => r.path.startsWith("/v3.1/"));
    expect(first?.headers["x-auth-token"]).toBe("token-1");
    expect(first?.headers.authorization).toBeUndefined();

    let rejected = false;
    server.setHandler(async (req) => {
      if (req.path.startsWith("/v3.1/") && req.headers["x-auth-token"] === "token-1") {
        rejected = true;
        return { status: 401, json: { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information: decrypt token fail" } };
      }
      if (req.path === "/v3/auth/tokens") {
        tokenCounter += 1;
        return { status: 201, headers: { "X-Subject-Token": `token-${tokenCounter}` }, json: { token: { expires_at: expiresAt.toISOString() } } };
      }
      return { json: { total_count: 3, instances: [] } };
    });
    const res = await taurus.listInstances({ limit: 1 });
    expect(rejected).toBe(true);
    expect(res.totalCount).toBe(3);
    expect(server.requests.at(-1)?.headers["x-auth-token"]).toBe("token-2");
  });
});
