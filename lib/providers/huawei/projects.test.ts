import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHuaweiProjectsClient, createTaurusClient } from "@/lib/providers/factory";
import { clearIamTokenCache } from "@/lib/providers/huawei/iam";
import { createHuaweiProjectsApi } from "@/lib/providers/huawei/projects";
import { resetRateLimits } from "@/lib/providers/rate-limit";
import { sdkHuaweiAuthorization } from "@/lib/providers/sdk-reference";
import { startTestServer, type RecordedRequest, type Reply, type TestServer } from "@/lib/providers/test-server";
import type { HuaweiConnection } from "@/lib/providers/types";

const PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const DOMAIN = "d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f";
const iamCredentials = { kind: "iam" as const, domainName: "demo-domain", userName: "demo-user", password: "Sup3r-Secret!" };
let reply: (req: RecordedRequest) => Reply;
let server: TestServer;

const project = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id, name, domain_id: DOMAIN, parent_id: DOMAIN, enabled: true, is_domain: false, description: "", links: { self: `https://iam.example/v3/projects/${id}` }, ...extra,
});
const LISTING = {
  projects: [
    project("p".repeat(32), "cn-north-4"),
    project("s".repeat(32), "cn-north-4_sub", { parent_id: "p".repeat(32) }),
    project("e".repeat(32), "cn-east-3"),
    project("m".repeat(32), "MOS"),
    project("d".repeat(32), "ap-southeast-1", { enabled: false }),
  ],
  links: { self: "https://iam.example/v3/auth/projects", previous: null, next: null },
};

beforeAll(async () => {
  server = await startTestServer((req) => reply(req));
});
afterAll(() => server.close());
beforeEach(() => {
  resetRateLimits();
  clearIamTokenCache();
  server.requests.length = 0;
  reply = (req): Reply =>
    req.path === "/v3/auth/tokens"
      ? { status: 201, headers: { "X-Subject-Token": "domain-token" }, json: { token: { expires_at: new Date(Date.now() + 86_400_000).toISOString(), domain: { id: DOMAIN } } } }
      : { json: LISTING, headers: { "X-Request-Id": "iam-req-1" } };
});

const akskConn = (iam?: string): HuaweiConnection => ({
  vendor: "huawei", region: "cn-north-4", projectId: PROJECT, endpoints: iam ? { iam } : undefined, credentials: { kind: "aksk", ak: "HWAK", sk: "hw-secret" },
});
const FAST = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };

describe("Huawei IAM project listing", () => {
  it("keeps the enabled region projects and sub-projects with their region, and skips MOS", async () => {
    const res = await createHuaweiProjectsApi(akskConn(server.url), FAST).listAuthProjects();
    expect(res).toEqual({
      projects: [
        { id: "p".repeat(32), name: "cn-north-4", region: "cn-north-4", enabled: true },
        { id: "s".repeat(32), name: "cn-north-4_sub", region: "cn-north-4", enabled: true },
        { id: "e".repeat(32), name: "cn-east-3", region: "cn-east-3", enabled: true },
      ],
      requestId: "iam-req-1",
    });
  });

  it("signs AK/SK without X-Project-Id, verifiably by the official SDK signer", async () => {
    await createHuaweiProjectsApi(akskConn(server.url), FAST).listAuthProjects();
    const sent = server.requests[0] as RecordedRequest;
    expect([sent.method, sent.path]).toEqual(["GET", "/v3/auth/projects"]);
    expect(sent.headers["x-project-id"]).toBeUndefined();
    expect(sent.headers.authorization).toContain("SignedHeaders=content-type;host;x-sdk-date,");
    const signedNames = /SignedHeaders=([^,]+)/.exec(String(sent.headers.authorization))?.[1]?.split(";") ?? [];
    const headers = Object.fromEntries(signedNames.map((n) => [n === "x-sdk-date" ? "X-Sdk-Date" : n, String(sent.headers[n])]));
    expect(sent.headers.authorization).toBe(sdkHuaweiAuthorization({ method: "GET", baseUrl: server.url, path: sent.path, query: {}, headers, ak: "HWAK", sk: "hw-secret" }));
  });

  it("asks IAM users' own IAM endpoint for a domain-scoped token and sends it as X-Auth-Token", async () => {
    const conn: HuaweiConnection = { vendor: "huawei", region: "cn-north-4", projectId: PROJECT, endpoints: { iam: server.url }, credentials: iamCredentials };
    await createHuaweiProjectsApi(conn, FAST).listAuthProjects();
    const [tokenCall, listCall] = server.requests;
    expect(JSON.parse(tokenCall?.body ?? "").auth.scope).toEqual({ domain: { name: "demo-domain" } });
    expect(listCall?.headers["x-auth-token"]).toBe("domain-token");
    expect(listCall?.headers.authorization).toBeUndefined();
    // The project-scoped token of the TaurusDB client is another cache entry.
    await createTaurusClient({ ...conn, endpoints: { iam: server.url, taurus: server.url } }, FAST).authenticate();
    expect(server.requests.filter((r) => r.path === "/v3/auth/tokens").map((r) => JSON.parse(r.body).auth.scope)).toEqual([{ domain: { name: "demo-domain" } }, { project: { id: PROJECT } }]);
  });

  it("goes to the global IAM endpoint when the connection names none", async () => {
    const urls: string[] = [];
    const fetchStub: typeof fetch = async (input) => {
      urls.push(String(input));
      return new Response(JSON.stringify(LISTING), { status: 200, headers: { "content-type": "application/json" } });
    };
    await createHuaweiProjectsClient(akskConn(), { ...FAST, fetch: fetchStub }).listAuthProjects();
    expect(urls).toEqual(["https://iam.myhuaweicloud.com/v3/auth/projects"]);
  });

  it("retries a transient failure and maps a refusal to ProviderError", async () => {
    let n = 0;
    reply = () => (n++ === 0 ? { status: 503, json: { error_code: "APIGW.0203", error_msg: "busy" } } : { json: LISTING });
    expect((await createHuaweiProjectsApi(akskConn(server.url), FAST).listAuthProjects()).projects).toHaveLength(3);
    reply = () => ({ status: 401, json: { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information: verify aksk signature fail" } });
    await expect(createHuaweiProjectsApi(akskConn(server.url), FAST).listAuthProjects()).rejects.toMatchObject({ vendor: "huawei", service: "iam", action: "KeystoneListAuthProjects", code: "APIGW.0301", httpStatus: 401 });
  });

  it("refuses a connection of another vendor", () => {
    expect(() => createHuaweiProjectsClient({ vendor: "tencent", region: "ap-guangzhou", credentials: { secretId: "a", secretKey: "b" } })).toThrow(/huawei/);
  });
});
