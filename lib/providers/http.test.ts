import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { readDmsError } from "@/lib/providers/alibaba/client";
import { ProviderError } from "@/lib/providers/errors";
import { createHttpBase, type HttpBaseConfig } from "@/lib/providers/http";
import { readHuaweiError, readHuaweiRequestId } from "@/lib/providers/huawei/errors";
import { readTencentError } from "@/lib/providers/tencent/client";
import { startTestServer, type Reply, type TestServer } from "@/lib/providers/test-server";
import type { ProviderLogEvent } from "@/lib/providers/types";

let server: TestServer;
let reply: Reply = { json: {} };
beforeAll(async () => {
  server = await startTestServer(() => reply);
});
afterAll(() => server.close());

function base(overrides: Partial<HttpBaseConfig> = {}) {
  return createHttpBase({
    vendor: "alibaba",
    service: "dms-enterprise",
    baseUrl: server.url,
    sign: (r) => ({ ...r, headers: { ...r.headers, authorization: "sig" } }),
    readError: readDmsError,
    readRequestId: (res) => (res.json as { RequestId?: string } | undefined)?.RequestId,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

const spec = { action: "GetProxy", method: "POST" as const, path: "/", schema: z.object({ ProxyId: z.string() }) };

describe("HTTP base", () => {
  it("returns schema-validated data with the vendor request id", async () => {
    reply = { json: { RequestId: "req-1", Success: true, ProxyId: "12" } };
    const res = await base()(spec);
    expect(res).toMatchObject({ data: { ProxyId: "12" }, requestId: "req-1", status: 200 });
  });

  it("treats a DMS HTTP 200 with Success:false as an error", async () => {
    reply = { json: { RequestId: "req-2", Success: false, ErrorCode: "InvalidTid", ErrorMessage: "bad tid" } };
    const error = await failure(base()(spec));
    expect(error).toMatchObject({ vendor: "alibaba", action: "GetProxy", code: "InvalidTid", httpStatus: 200, requestId: "req-2", retryable: false });
    expect(error.userMessage).toBe("The DMS tenant ID is not valid for this account.");
  });

  it("maps a DMS gateway error and flags throttling as retryable", async () => {
    reply = { status: 400, json: { RequestId: "req-3", HostId: "h", Code: "Throttling.User", Message: "slow down", Recommend: "x" } };
    const error = await failure(base()(spec));
    expect(error).toMatchObject({ code: "Throttling.User", httpStatus: 400, retryable: true, throttled: true, requestId: "req-3" });
  });

  it("maps Tencent Response.Error delivered with HTTP 200", async () => {
    reply = { json: { Response: { Error: { Code: "InvalidParameterValue.AccountAlreadyExists", Message: "exists" }, RequestId: "tc-1" } } };
    const error = await failure(
      base({ vendor: "tencent", service: "mariadb", readError: readTencentError, readRequestId: () => undefined })(spec),
    );
    expect(error).toMatchObject({ vendor: "tencent", code: "InvalidParameterValue.AccountAlreadyExists", requestId: "tc-1", retryable: false });
    expect(error.userMessage).toBe("An account with this name and host already exists on this instance.");
  });

  it("maps Huawei error_code bodies and reads X-Request-Id", async () => {
    reply = { status: 400, json: { error_code: "DBS.200022", error_msg: "instance does not exist" }, headers: { "X-Request-Id": "hw-1" } };
    const huawei = base({ vendor: "huawei", service: "taurusdb", readError: readHuaweiError, readRequestId: readHuaweiRequestId });
    const error = await failure(huawei(spec));
    expect(error).toMatchObject({ vendor: "huawei", code: "DBS.200022", httpStatus: 400, requestId: "hw-1" });
    reply = { status: 401, json: { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information", request_id: "gw-1" } };
    expect(await failure(huawei(spec))).toMatchObject({ code: "APIGW.0301", requestId: "gw-1", retryable: false });
  });

  it("maps Keystone-shaped IAM errors", async () => {
    reply = { status: 401, json: { error: { code: 401, message: "The username or password is wrong.", title: "Unauthorized" } } };
    const error = await failure(base({ vendor: "huawei", service: "iam", readError: readHuaweiError, readRequestId: readHuaweiRequestId })(spec));
    expect(error.code).toBe("IAM.401");
    expect(error.vendorMessage).toContain("The username or password is wrong.");
  });

  it("turns a response that does not match the schema into InvalidResponse", async () => {
    reply = { json: { RequestId: "req-4", Success: true, ProxyId: { nested: true } } };
    const error = await failure(base()(spec));
    expect(error).toMatchObject({ kind: "invalid-response", code: "InvalidResponse", requestId: "req-4", retryable: false });
    expect(error.vendorMessage).toContain("ProxyId");
  });

  it("turns a non-JSON success body into InvalidResponse and a non-JSON 502 into a retryable HttpError", async () => {
    reply = { text: "<html>ok</html>" };
    expect((await failure(base()(spec))).code).toBe("InvalidResponse");
    reply = { status: 502, text: "Bad Gateway" };
    expect(await failure(base()(spec))).toMatchObject({ code: "HttpError", httpStatus: 502, retryable: true });
  });

  it("accepts an empty body only when the call says so", async () => {
    reply = { text: "" };
    const schema = z.record(z.string(), z.unknown());
    expect((await base()({ ...spec, schema, emptyBodyOk: true })).data).toEqual({});
    expect((await failure(base()({ ...spec, schema }))).code).toBe("InvalidResponse");
  });

  it("times out with a retryable RequestTimeout", async () => {
    reply = { hang: true };
    const error = await failure(base({ timeoutMs: 100 })(spec));
    expect(error).toMatchObject({ kind: "timeout", code: "RequestTimeout", retryable: true });
  });

  it("reports a dropped connection as a retryable NetworkError", async () => {
    reply = { drop: true };
    expect(await failure(base()(spec))).toMatchObject({ kind: "network", code: "NetworkError", retryable: true });
  });

  it("reports an unreachable endpoint as a NetworkError", async () => {
    const error = await failure(base({ baseUrl: "http://127.0.0.1:9" })(spec));
    expect(error.code).toBe("NetworkError");
  });

  it("keeps int64 ids above 2^53 exact", async () => {
    reply = { text: '{"RequestId":"r","Success":true,"ProxyId":9223372036854775807}' };
    const res = await base()(spec);
    expect(res.data.ProxyId).toBe("9223372036854775807");
  });

  it("scrubs secrets from vendor messages and never logs bodies or queries", async () => {
    const events: ProviderLogEvent[] = [];
    reply = { status: 400, json: { Code: "InvalidParameter", Message: "bad IndepPassword=S3cret-Pass and key TopSecretKey", RequestId: "r" } };
    const send = base({ secrets: ["TopSecretKey"], logger: (e) => events.push(e) });
    const error = await failure(send({ ...spec, query: [["IndepPassword", "S3cret-Pass"]], secrets: ["S3cret-Pass"] }));
    expect(error.message).not.toContain("S3cret-Pass");
    expect(error.message).not.toContain("TopSecretKey");
    expect(error.vendorMessage).toContain("[REDACTED]");
    expect(JSON.stringify(events)).not.toContain("S3cret-Pass");
    expect(events[0]).toMatchObject({ vendor: "alibaba", action: "GetProxy", path: "/", status: 400, errorCode: "InvalidParameter" });
  });

  it("sends the signed request exactly, with an RFC 3986 encoded query", async () => {
    reply = { json: { RequestId: "r", Success: true, ProxyId: "1" } };
    await base()({ ...spec, query: [["SearchKey", "a b*c"]] });
    const last = server.requests.at(-1);
    expect(last?.headers.authorization).toBe("sig");
    expect(last?.query.get("SearchKey")).toBe("a b*c");
  });
});

describe("HTTP base, a list read element by element", () => {
  const listSpec = { action: "ListProxyAccesses", method: "POST" as const, path: "/", schema: z.object({ RequestId: z.string().optional(), List: z.array(z.unknown()).nullish() }) };
  const item = z.object({ Id: z.union([z.string(), z.number()]).transform(String), Name: z.string().optional() });
  const collected: unknown[][] = [];
  const list = {
    field: "List",
    item,
    collect: () => {
      const items: unknown[] = [];
      collected.push(items);
      return { add: (i: unknown) => void items.push(i), done: () => items };
    },
  };

  it("validates each element, hands them over in order and counts them", async () => {
    reply = { text: `{"RequestId":"req-l","Success":true,"List":[{"Id":1,"Name":"阿里云"},{"Id":12345678901234567890,"Name":"b"}]}` };
    const res = await base().list(listSpec, list);
    expect(res).toMatchObject({ requestId: "req-l", count: 2, list: [{ Id: "1", Name: "阿里云" }, { Id: "12345678901234567890", Name: "b" }] });
    expect(res.data).toEqual({ RequestId: "req-l", List: [] });
  });

  it("reads a body it cannot split the ordinary way, with the same result", async () => {
    reply = { text: `{"List":[{"Id":1}],"List2":1` }; // not JSON: the ordinary error
    expect(await failure(base().list(listSpec, list))).toMatchObject({ code: "InvalidResponse", vendorMessage: "Response body is not JSON" });
    reply = { json: { RequestId: "r", List: null } };
    expect(await base().list(listSpec, list)).toMatchObject({ count: 0, list: [] });
  });

  it("names the element and field of a bad element, and a broken element as a body that is not JSON", async () => {
    reply = { text: `{"List":[{"Id":1},{"Name":"no id"}]}` };
    const error = await failure(base().list(listSpec, list));
    expect(error).toMatchObject({ code: "InvalidResponse" });
    expect(error.vendorMessage).toMatch(/^Unexpected response shape: List\.1\.Id: /);
    reply = { text: `{"List":[{"Id":1},{"Id":2,}]}` };
    expect(await failure(base().list(listSpec, list))).toMatchObject({ code: "InvalidResponse", vendorMessage: "Response body is not JSON" });
  });

  it("still reads the vendor's error envelope first", async () => {
    reply = { json: { RequestId: "req-e", Success: false, ErrorCode: "InvalidTid", ErrorMessage: "bad tid", List: [] } };
    expect(await failure(base().list(listSpec, list))).toMatchObject({ code: "InvalidTid", requestId: "req-e" });
  });

  it("starts a fresh collector for every attempt", async () => {
    collected.length = 0;
    reply = { text: `{"List":[{"Id":1}]}` };
    await base().list(listSpec, list, 1);
    await base().list(listSpec, list, 2);
    expect(collected).toEqual([[{ Id: "1" }], [{ Id: "1" }]]);
  });
});
