import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTaurusApi } from "@/lib/providers/huawei/taurus";
import { resetRateLimits } from "@/lib/providers/rate-limit";
import { sdkHuaweiAuthorization } from "@/lib/providers/sdk-reference";
import { startTestServer, type RecordedRequest, type Reply, type TestServer } from "@/lib/providers/test-server";

const PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const INSTANCE = "61a4ea66210545909d74a05c27a7179ein07";
const PROXY = "e87088f0b6a345e79db19d57c41fde15po01";
let reply: (req: RecordedRequest) => Reply;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((req) => reply(req));
});
afterAll(() => server.close());
beforeEach(() => {
  resetRateLimits();
  server.requests.length = 0;
});

const client = () =>
  createTaurusApi(
    { vendor: "huawei", region: "cn-north-4", projectId: PROJECT, endpoints: { taurus: server.url }, credentials: { kind: "aksk", ak: "HWAK", sk: "hw-secret" } },
    { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
  );

/** Recomputes the signature of what actually arrived with the official SDK signer. */
function sdkSignatureOf(req: RecordedRequest): string {
  const signedNames = /SignedHeaders=([^,]+)/.exec(String(req.headers.authorization))?.[1]?.split(";") ?? [];
  // The SDK looks the date up as "X-Sdk-Date" and would otherwise add a fresh one.
  const headers = Object.fromEntries(signedNames.map((n) => [n === "x-sdk-date" ? "X-Sdk-Date" : n, String(req.headers[n])]));
  const query: Record<string, string> = Object.fromEntries(req.query.entries());
  return sdkHuaweiAuthorization({
    method: req.method,
    baseUrl: server.url,
    path: req.path,
    query,
    headers,
    data: req.body ? JSON.parse(req.body) : undefined,
    ak: "HWAK",
    sk: "hw-secret",
  });
}

describe("TaurusDB client", () => {
  it("lists instances through v3.1 with an SDK-verifiable AK/SK signature", async () => {
    reply = () => ({ json: { total_count: 1, instances: [{ id: INSTANCE, name: "orders", status: "normal", port: "3306", private_ips: ["10.0.0.5"], datastore: { type: "gaussdb-mysql", version: "8.0" } }] } });
    const res = await client().listInstances({ limit: 1 });
    expect(res.instances[0]).toMatchObject({ id: INSTANCE, name: "orders", port: "3306", privateIps: ["10.0.0.5"], proxyIps: [], datastore: { type: "gaussdb-mysql" } });
    const sent = server.requests[0] as RecordedRequest;
    expect(sent.path).toBe(`/v3.1/${PROJECT}/instances`);
    expect(sent.query.get("limit")).toBe("1");
    expect(sent.headers["x-project-id"]).toBe(PROJECT);
    expect(sent.headers.authorization).toContain("SignedHeaders=content-type;host;x-project-id;x-sdk-date");
    expect(sent.headers.authorization).toBe(sdkSignatureOf(sent));
  });

  it("lists proxies and maps pool_id to proxyId", async () => {
    reply = () => ({ json: { proxy_list: [{ proxy: { pool_id: PROXY, name: "p1", status: "ACTIVE", elb_vip: "10.1.1.1", nodes: [{ id: "n1", role: "master" }] }, master_node: {}, readonly_nodes: [] }] } });
    const res = await client().listProxies({ instanceId: INSTANCE });
    expect(res.proxies[0]).toMatchObject({ proxyId: PROXY, elbVip: "10.1.1.1", nodes: [{ id: "n1", role: "master" }] });
    expect(server.requests[0]?.path).toBe(`/v3/${PROJECT}/instances/${INSTANCE}/proxies`);
  });

  it("switches access control with a signed JSON body", async () => {
    reply = (req) => ({ json: JSON.parse(req.body) });
    const res = await client().switchAccessControl({ instanceId: INSTANCE, proxyId: PROXY, open: true });
    expect(res.open).toBe(true);
    const sent = server.requests[0] as RecordedRequest;
    expect(sent.path).toBe(`/v3/${PROJECT}/instances/${INSTANCE}/proxy/${PROXY}/access-control-switch`);
    expect(sent.body).toBe('{"open_access_control":true}');
    expect(sent.headers.authorization).toBe(sdkSignatureOf(sent));
  });

  it("reads and sets access-control rules", async () => {
    reply = (req) =>
      req.method === "GET"
        ? { json: { enable_ip_group: true, type: "white", ip_group: { id: "g1", name: "n", ip_list: [{ ip: "10.0.0.0/8", description: "office" }] } } }
        : { text: "" };
    const rules = await client().getAccessControl({ instanceId: INSTANCE, proxyId: PROXY });
    expect(rules).toMatchObject({ enabled: true, type: "white", ipList: [{ ip: "10.0.0.0/8", description: "office" }] });
    await client().setAccessControl({ instanceId: INSTANCE, proxyId: PROXY, type: "black", ipList: [{ ip: "192.168.1.7" }, { ip: "fd00::/8", description: "v6" }] });
    expect(JSON.parse(server.requests[1]?.body ?? "")).toEqual({ type: "black", ip_list: [{ ip: "192.168.1.7" }, { ip: "fd00::/8", description: "v6" }] });
  });

  it("rejects malformed ids and rule lists before sending anything", async () => {
    reply = () => ({ json: {} });
    await expect(client().switchAccessControl({ instanceId: "../x", proxyId: PROXY, open: true })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(client().getAccessControl({ instanceId: INSTANCE, proxyId: "e87088f0b6a345e79db19d57c41fde15in07" })).rejects.toMatchObject({ code: "InvalidArgument" });
    const tooMany = Array.from({ length: 301 }, (_, i) => ({ ip: `10.0.${Math.floor(i / 250)}.${i % 250}` }));
    await expect(client().setAccessControl({ instanceId: INSTANCE, proxyId: PROXY, type: "white", ipList: tooMany })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(client().setAccessControl({ instanceId: INSTANCE, proxyId: PROXY, type: "white", ipList: [{ ip: "10.0.0.999" }] })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(client().setAccessControl({ instanceId: INSTANCE, proxyId: PROXY, type: "white", ipList: [{ ip: "10.0.0.1", description: "<b>" }] })).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(() => createTaurusApi({ vendor: "huawei", region: "cn-north-4", projectId: "short", credentials: { kind: "aksk", ak: "a", sk: "b" } })).toThrow();
    expect(server.requests).toHaveLength(0);
  });

  it("maps DBS errors with the request id header", async () => {
    reply = () => ({ status: 400, json: { error_code: "DBS.201028", error_msg: "proxy not found" }, headers: { "X-Request-Id": "hw-req-9" } });
    await expect(client().getAccessControl({ instanceId: INSTANCE, proxyId: PROXY })).rejects.toMatchObject({
      code: "DBS.201028",
      requestId: "hw-req-9",
      userMessage: "The TaurusDB database proxy no longer exists.",
    });
  });

  it("asks for answers in the user's language with X-Language, signed like every other header", async () => {
    reply = () => ({ json: { total_count: 0, instances: [] } });
    const conn = { vendor: "huawei", region: "cn-north-4", projectId: PROJECT, endpoints: { taurus: server.url }, credentials: { kind: "aksk", ak: "HWAK", sk: "hw-secret" } } as const;
    await createTaurusApi(conn, { locale: "zh-CN" }).listInstances({ limit: 1 });
    await createTaurusApi(conn, { locale: "en" }).listInstances({ limit: 1 });
    await createTaurusApi(conn).listInstances({ limit: 1 });
    const [zh, en, none] = server.requests as RecordedRequest[];
    expect(zh?.headers["x-language"]).toBe("zh-cn");
    expect(en?.headers["x-language"]).toBe("en-us");
    expect(none?.headers["x-language"]).toBeUndefined();
    for (const sent of [zh, en] as RecordedRequest[]) {
      expect(sent.headers.authorization).toContain("SignedHeaders=content-type;host;x-language;x-project-id;x-sdk-date");
      expect(sent.headers.authorization).toBe(sdkSignatureOf(sent));
    }
    expect(none?.headers.authorization).toContain("SignedHeaders=content-type;host;x-project-id;x-sdk-date");
  });
});
