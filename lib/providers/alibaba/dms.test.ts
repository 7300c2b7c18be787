import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDmsApi } from "@/lib/providers/alibaba/dms";
import { percentEncode } from "@/lib/providers/crypto-utils";
import { resetRateLimits } from "@/lib/providers/rate-limit";
import { sdkAlibabaAcs3Authorization, sdkAlibabaRpcSignature } from "@/lib/providers/sdk-reference";
import { startTestServer, type RecordedRequest, type Reply, type TestServer } from "@/lib/providers/test-server";
import type { AlibabaConnection } from "@/lib/providers/types";

const BIG_ID = "9223372036854775001";
let reply: (req: RecordedRequest, params: URLSearchParams) => Reply;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((req) => {
    const params = req.body ? new URLSearchParams(req.body) : req.query;
    return reply(req, params);
  });
});
afterAll(() => server.close());
beforeEach(() => {
  resetRateLimits();
  server.requests.length = 0;
});

const conn = (signature?: "v1"): AlibabaConnection => ({
  vendor: "alibaba",
  regionId: "cn-hangzhou",
  endpoint: server.url,
  credentials: { accessKeyId: "LTAIkey", accessKeySecret: "ali-secret" },
  signature,
});
const client = (signature?: "v1") => createDmsApi(conn(signature), { retry: { baseDelayMs: 1, maxDelayMs: 5 } });
const ok = (payload: object): Reply => ({ json: { RequestId: "rid", Success: true, ...payload } });

describe("DMS client", () => {
  it("sends ACS3 requests with parameters in a signed form body and an SDK-verifiable signature", async () => {
    reply = () => ok({ ProxyAccessId: 77 });
    const res = await client().createProxyAccess({ userId: "51", proxyId: BIG_ID, indepAccount: "dbuser", indepPassword: "P@ss word1", tid: 3001 });
    expect(res).toEqual({ proxyAccessId: "77", requestId: "rid", foundAfterRetry: false });
    const sent = server.requests[0] as RecordedRequest;
    expect(sent.method).toBe("POST");
    expect([...sent.query.keys()]).toEqual([]);
    expect(sent.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(sent.body))).toEqual({ IndepAccount: "dbuser", IndepPassword: "P@ss word1", ProxyId: BIG_ID, Tid: "3001", UserId: "51" });
    expect(sent.headers["x-acs-content-sha256"]).toBe(createHash("sha256").update(sent.body).digest("hex"));
    expect(sent.headers["x-acs-action"]).toBe("CreateProxyAccess");
    expect(sent.headers["x-acs-version"]).toBe("2018-11-01");
    expect(sent.headers.accept).toBe("application/json");
    const headers = Object.fromEntries(Object.entries(sent.headers).map(([k, v]) => [k, String(v)]));
    expect(sent.headers.authorization).toBe(
      sdkAlibabaAcs3Authorization({ method: "POST", query: {}, headers, accessKeyId: "LTAIkey", accessKeySecret: "ali-secret" }),
    );
  });

  it.each([undefined, "v1"] as const)("never puts IndepPassword in the URL (%s signature)", async (signature) => {
    const password = "Pa!ss*w0rd~(x)";
    const urls: string[] = [];
    const spy: typeof fetch = (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    };
    reply = () => ok({ ProxyAccessId: 78 });
    const dms = createDmsApi(conn(signature), { retry: { baseDelayMs: 1, maxDelayMs: 5 }, fetch: spy });
    await dms.createProxyAccess({ userId: "51", proxyId: "1201", indepAccount: "dbuser", indepPassword: password, tid: 3001 });
    expect(urls).toHaveLength(1);
    const url = urls[0]!;
    expect(new URL(url).search).toBe("");
    for (const form of [password, encodeURIComponent(password), percentEncode(password), "IndepPassword"]) expect(url).not.toContain(form);
    expect(new URLSearchParams(server.requests[0]!.body).get("IndepPassword")).toBe(password);
  });

  it("sends v1 requests as a signed form body when asked", async () => {
    reply = () => ok({ Tenant: { Tid: 3001, TenantName: "Demo Retail", Status: "ACTIVE" } });
    const res = await client("v1").getUserActiveTenant();
    expect(res.tenant).toEqual({ tid: "3001", tenantName: "Demo Retail", status: "ACTIVE" });
    const sent = server.requests[0] as RecordedRequest;
    expect(sent.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const params = Object.fromEntries(new URLSearchParams(sent.body));
    expect(params).toMatchObject({ Action: "GetUserActiveTenant", Format: "JSON", Version: "2018-11-01", SignatureMethod: "HMAC-SHA1", RegionId: "cn-hangzhou" });
    const { Signature, ...unsigned } = params;
    expect(Signature).toBe(sdkAlibabaRpcSignature("POST", unsigned, "ali-secret"));
  });

  it("keeps 64-bit ids exact in list results", async () => {
    reply = () => ({
      text: `{"RequestId":"r","Success":true,"ProxyAccessList":[{"ProxyAccessId":${BIG_ID},"UserId":51,"ProxyId":${BIG_ID},"InstanceId":5101,"AccessId":"acc","GmtCreate":"2021-03-31 10:34:18"}]}`,
    });
    const res = await client().listProxyAccesses({ proxyId: BIG_ID });
    expect(res.items).toEqual([
      { proxyAccessId: BIG_ID, proxyId: BIG_ID, instanceId: "5101", userId: "51", accessId: "acc", gmtCreate: "2021-03-31 10:34:18", userUid: undefined, userName: undefined, indepAccount: undefined, originInfo: undefined },
    ]);
  });

  it("returns the existing access after an ambiguous create instead of granting twice", async () => {
    let creates = 0;
    reply = (req) => {
      if (req.headers["x-acs-action"] === "CreateProxyAccess") {
        creates += 1;
        return { drop: true };
      }
      return ok({ ProxyAccessList: [{ ProxyAccessId: 901, UserId: 51, ProxyId: 1201 }] });
    };
    const res = await client().createProxyAccess({ userId: 51, proxyId: 1201 });
    expect(res).toMatchObject({ proxyAccessId: "901", foundAfterRetry: true });
    expect(creates).toBe(1);
  });

  it("treats business failures (HTTP 200, Success:false) as errors", async () => {
    reply = () => ({ json: { RequestId: "r9", Success: false, ErrorCode: "MissingProxyId", ErrorMessage: "ProxyId is mandatory for this action." } });
    await expect(client().listProxies()).rejects.toMatchObject({ code: "MissingProxyId", requestId: "r9", httpStatus: 200 });
  });

  it("counts a not-found answer to a retried delete as done", async () => {
    let n = 0;
    reply = () => (n++ === 0 ? { drop: true } : { json: { RequestId: "r", Success: false, ErrorCode: "ProxyAccessNotExist", ErrorMessage: "gone" } });
    expect(await client().deleteProxyAccess({ proxyAccessId: 5 })).toEqual({ requestId: undefined, alreadyGone: true });
  });

  it("returns the proxy access secret without logging it", async () => {
    const logged: string[] = [];
    reply = () => ok({ AccessSecret: "the-proxy-password" });
    const res = await createDmsApi(conn(), { logger: (e) => logged.push(JSON.stringify(e)) }).inspectProxyAccessSecret({ proxyAccessId: 5 });
    expect(res.accessSecret).toBe("the-proxy-password");
    expect(logged.join("")).not.toContain("the-proxy-password");
  });

  it("walks every ListUsers page", async () => {
    reply = (_req, params) => {
      const page = Number(params.get("PageNumber"));
      const count = page < 3 ? 100 : 30;
      const users = Array.from({ length: count }, (_, i) => ({ UserId: String(page * 1000 + i), NickName: `u${i}`, RoleIdList: { RoleIds: [1] } }));
      return ok({ TotalCount: 230, UserList: { User: users } });
    };
    const all = await client().listAllUsers({ role: "DBA" });
    expect(all).toHaveLength(230);
    const sentParams = server.requests.map((r) => new URLSearchParams(r.body));
    expect(sentParams.map((p) => p.get("PageNumber"))).toEqual(["1", "2", "3"]);
    expect(sentParams[0]?.get("Role")).toBe("DBA");
    expect(all[0]).toMatchObject({ userId: "1000", roleIds: [1], roleNames: [] });
  });

  it("maps proxies, users and tenants", async () => {
    reply = (req) => {
      switch (req.headers["x-acs-action"]) {
        case "GetProxy":
          return ok({ ProxyId: 1201, InstanceId: 5101, PrivateHost: "p.proxy.dms.aliyuncs.com", PublicEnable: false, ProtocolPort: 3306 });
        case "GetUser":
          return ok({ User: { UserId: "51", Uid: 123456, NickName: "alice", State: "NORMAL" } });
        default:
          return ok({ TenantList: [{ Tid: 3001, TenantName: "Demo Retail", Status: "ACTIVE" }] });
      }
    };
    expect((await client().getProxy({ proxyId: 1201 })).item).toMatchObject({ proxyId: "1201", instanceId: "5101", protocolPort: 3306, publicEnable: false });
    expect((await client().getUser({ userId: 51 })).user).toMatchObject({ userId: "51", uid: "123456", nickName: "alice" });
    expect((await client().listUserTenants()).tenants).toEqual([{ tid: "3001", tenantName: "Demo Retail", status: "ACTIVE" }]);
  });

  it("rejects malformed ids and page sizes before sending", async () => {
    reply = () => ok({});
    await expect(client().getProxy({ proxyId: "12; drop" })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(client().getProxy({ proxyId: 1.5 })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(client().listUsers({ pageSize: 30 as 10 })).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(server.requests).toHaveLength(0);
  });
});
