import { constants, generateKeyPairSync, privateDecrypt } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits } from "@/lib/providers/rate-limit";
import { createMariadbApi, PUBLIC_KEY_TTL_MS } from "@/lib/providers/tencent/mariadb";
import { signTc3 } from "@/lib/providers/tencent/signer";
import { startTestServer, type RecordedRequest, type Reply, type TestServer } from "@/lib/providers/test-server";

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

const client = (token?: string) =>
  createMariadbApi(
    { vendor: "tencent", region: "ap-guangzhou", endpoint: server.url, credentials: { secretId: "AKIDx", secretKey: "tc-secret", token } },
    { now: () => new Date(1_700_000_000_000), retry: { baseDelayMs: 1, maxDelayMs: 5 } },
  );
const ok = (payload: object): Reply => ({ json: { Response: { ...payload, RequestId: "tc-req" } } });
const fail = (code: string, message = code): Reply => ({ json: { Response: { Error: { Code: code, Message: message }, RequestId: "tc-err" } } });
const action = (req: RecordedRequest) => String(req.headers["x-tc-action"]);
/** Answers GetPublicKey as the vendor would when it does not offer it, and everything else with `rest`. */
const withoutKey = (rest: (req: RecordedRequest) => Reply) => (req: RecordedRequest) => (action(req) === "GetPublicKey" ? fail("InvalidAction") : rest(req));

describe("MariaDB client", () => {
  it("signs the exact Host header it sends, with the mariadb scope and X-TC headers", async () => {
    reply = withoutKey(() => ok({ InstanceId: "tdsql-ow728lmc", UserName: "testuser1", Host: "%", ReadOnly: 0 }));
    const res = await client("sts-token").createAccount({ instanceId: "tdsql-ow728lmc", userName: "testuser1", host: "%", password: "Abcd1234!" });
    expect(res).toEqual({ instanceId: "tdsql-ow728lmc", userName: "testuser1", host: "%", readOnly: 0, requestId: "tc-req", foundAfterRetry: false, passwordSent: "plain" });
    const sent = server.requests.find((r) => action(r) === "CreateAccount") as RecordedRequest;
    expect(sent.headers).toMatchObject({
      "content-type": "application/json",
      "x-tc-action": "CreateAccount",
      "x-tc-version": "2017-03-12",
      "x-tc-region": "ap-guangzhou",
      "x-tc-timestamp": "1700000000",
      "x-tc-token": "sts-token",
    });
    expect(JSON.parse(sent.body)).toEqual({ InstanceId: "tdsql-ow728lmc", UserName: "testuser1", Host: "%", Password: "Abcd1234!", ReadOnly: 0 });
    const expected = signTc3({
      host: String(sent.headers.host),
      contentType: "application/json",
      body: sent.body,
      timestampSeconds: 1_700_000_000,
      service: "mariadb",
      secretId: "AKIDx",
      secretKey: "tc-secret",
    });
    expect(sent.headers.authorization).toBe(expected.authorization);
    expect(expected.credentialScope).toBe("2023-11-14/mariadb/tc3_request");
  });

  it("sends X-TC-Region on every action and maps instances and accounts", async () => {
    reply = (req) =>
      req.headers["x-tc-action"] === "DescribeDBInstances"
        ? ok({ TotalCount: 1, Instances: [{ InstanceId: "tdsql-demo0001", InstanceName: "orders", Vip: "10.0.0.3", Vport: 3306, Status: 2, Memory: 4 }] })
        : ok({ InstanceId: "tdsql-demo0001", Users: [{ UserName: "app", Host: "10.%", ReadOnly: 1, CreateTime: "2024-01-01 00:00:00" }] });
    const instances = await client().describeDBInstances({ limit: 1 });
    expect(instances.instances[0]).toMatchObject({ instanceId: "tdsql-demo0001", vip: "10.0.0.3", status: 2, memoryGb: 4 });
    const accounts = await client().describeAccounts({ instanceId: "tdsql-demo0001" });
    expect(accounts.accounts).toEqual([{ userName: "app", host: "10.%", readOnly: 1, createTime: "2024-01-01 00:00:00", description: undefined, updateTime: undefined, delayThresh: undefined, slaveConst: undefined, maxUserConnections: undefined }]);
    expect(server.requests.every((r) => r.headers["x-tc-region"] === "ap-guangzhou")).toBe(true);
    expect(JSON.parse(server.requests[0]?.body ?? "")).toMatchObject({ Limit: 1, Offset: 0 });
  });

  it("resets passwords and deletes accounts", async () => {
    reply = withoutKey(() => ok({}));
    expect(await client().resetAccountPassword({ instanceId: "tdsql-a1", userName: "app", host: "%", password: "New-Passw0rd!" })).toEqual({ requestId: "tc-req", passwordSent: "plain" });
    await client().deleteAccount({ instanceId: "tdsql-a1", userName: "app", host: "%" });
    expect(server.requests.map(action)).toEqual(["GetPublicKey", "ResetAccountPassword", "DeleteAccount"]);
    expect(JSON.parse(server.requests[1]?.body ?? "")).toEqual({ InstanceId: "tdsql-a1", UserName: "app", Host: "%", Password: "New-Passw0rd!" });
  });

  it("keeps passwords out of error messages", async () => {
    reply = withoutKey(() => ({ json: { Response: { Error: { Code: "InvalidParameter.CharacterError", Message: "bad char in Abcd1234!" }, RequestId: "e1" } } }));
    const error = await client().createAccount({ instanceId: "tdsql-a1", userName: "u", host: "%", password: "Abcd1234!" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "InvalidParameter.CharacterError", requestId: "e1" });
    expect(String((error as Error).message)).not.toContain("Abcd1234!");
  });

  it("rejects malformed instance ids and limits before sending", async () => {
    reply = () => ok({});
    await expect(client().describeAccounts({ instanceId: "mysql-1" })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(client().describeDBInstances({ limit: 101 })).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(server.requests).toHaveLength(0);
  });

  it("asks for answers in the user's language with X-TC-Language, outside the TC3 signature", async () => {
    reply = () => ok({ TotalCount: 0, Instances: [] });
    const conn = { vendor: "tencent", region: "ap-guangzhou", endpoint: server.url, credentials: { secretId: "AKIDx", secretKey: "tc-secret" } } as const;
    const now = () => new Date(1_700_000_000_000);
    await createMariadbApi(conn, { now, locale: "zh-CN" }).describeDBInstances({ limit: 1 });
    await createMariadbApi(conn, { now, locale: "en" }).describeDBInstances({ limit: 1 });
    await createMariadbApi(conn, { now }).describeDBInstances({ limit: 1 });
    await createMariadbApi({ ...conn, language: "zh-CN" }, { now }).describeDBInstances({ limit: 1 });
    const [zh, en, none, fromConnection] = server.requests as RecordedRequest[];
    expect([zh, en, none, fromConnection].map((r) => r?.headers["x-tc-language"])).toEqual(["zh-CN", "en-US", undefined, "zh-CN"]);
    for (const sent of [zh, en, none] as RecordedRequest[]) {
      expect(sent.headers.authorization).toContain("SignedHeaders=content-type;host,");
      const expected = signTc3({ host: String(sent.headers.host), contentType: "application/json", body: sent.body, timestampSeconds: 1_700_000_000, service: "mariadb", secretId: "AKIDx", secretKey: "tc-secret" });
      expect(sent.headers.authorization).toBe(expected.authorization);
    }
  });
});

describe("MariaDB passwords: EncryptedPassword with the instance's GetPublicKey key", () => {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const PEM = pair.publicKey.export({ type: "spki", format: "pem" }).toString();
  const decrypt = (b64: string) =>
    privateDecrypt({ key: pair.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" }, Buffer.from(b64, "base64")).toString("utf8");
  let clock = 1_700_000_000_000;
  const timed = () =>
    createMariadbApi(
      { vendor: "tencent", region: "ap-guangzhou", endpoint: server.url, credentials: { secretId: "AKIDx", secretKey: "tc-secret" } },
      { now: () => new Date(clock), retry: { baseDelayMs: 1, maxDelayMs: 5 } },
    );
  const sentBody = (name: string, n = 0) => JSON.parse(server.requests.filter((r) => action(r) === name)[n]?.body ?? "{}") as Record<string, unknown>;
  const keyThenOk = (req: RecordedRequest) =>
    action(req) === "GetPublicKey" ? ok({ PublicKey: PEM }) : ok({ InstanceId: "tdsql-a1", UserName: "app", Host: "%", ReadOnly: 0 });
  const account = { instanceId: "tdsql-a1", userName: "app", host: "%", password: "Enc-Passw0rd!" };
  beforeEach(() => {
    clock = 1_700_000_000_000;
  });

  it("returns the instance's key from GetPublicKey", async () => {
    reply = keyThenOk;
    expect(await timed().getPublicKey({ instanceId: "tdsql-a1" })).toEqual({ publicKey: PEM, requestId: "tc-req" });
    expect(sentBody("GetPublicKey")).toEqual({ InstanceId: "tdsql-a1" });
    expect(server.requests[0]?.headers["x-tc-region"]).toBe("ap-guangzhou");
    await expect(timed().getPublicKey({ instanceId: "mysql-1" })).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("sends CreateAccount with EncryptedPassword (RSA-OAEP SHA-1, base64) and no Password", async () => {
    reply = keyThenOk;
    const res = await timed().createAccount(account);
    expect(res).toMatchObject({ userName: "app", passwordSent: "encrypted", foundAfterRetry: false });
    const body = sentBody("CreateAccount");
    expect(body).not.toHaveProperty("Password");
    expect(decrypt(String(body.EncryptedPassword))).toBe("Enc-Passw0rd!");
  });

  it("sends ResetAccountPassword with EncryptedPassword", async () => {
    reply = (req) => (action(req) === "GetPublicKey" ? ok({ PublicKey: PEM }) : ok({}));
    expect(await timed().resetAccountPassword({ ...account, password: "Reset-Passw0rd!" })).toEqual({ requestId: "tc-req", passwordSent: "encrypted" });
    const body = sentBody("ResetAccountPassword");
    expect(body).not.toHaveProperty("Password");
    expect(decrypt(String(body.EncryptedPassword))).toBe("Reset-Passw0rd!");
  });

  it("keeps each instance's key for ten minutes in the client, and asks once for concurrent calls", async () => {
    reply = keyThenOk;
    const c = timed();
    await Promise.all([c.createAccount(account), c.createAccount({ ...account, userName: "app2" }), c.getPublicKey({ instanceId: "tdsql-a1" })]);
    clock += PUBLIC_KEY_TTL_MS - 1;
    await c.resetAccountPassword(account);
    expect(server.requests.filter((r) => action(r) === "GetPublicKey")).toHaveLength(1);
    await c.createAccount({ ...account, instanceId: "tdsql-b2" });
    expect(sentBody("GetPublicKey", 1)).toEqual({ InstanceId: "tdsql-b2" });
    clock += 1;
    await c.createAccount(account);
    expect(server.requests.filter((r) => action(r) === "GetPublicKey")).toHaveLength(3);
    // Another client has its own cache.
    await timed().createAccount(account);
    expect(server.requests.filter((r) => action(r) === "GetPublicKey")).toHaveLength(4);
  });

  it.each(["InvalidAction", "UnsupportedOperation", "UnsupportedOperation.NotSupported", "UnauthorizedOperation", "UnauthorizedOperation.PermissionDenied", "AuthFailure.UnauthorizedOperation"])(
    "falls back to Password when GetPublicKey answers %s, and remembers that for the instance",
    async (code) => {
      reply = (req) => (action(req) === "GetPublicKey" ? fail(code) : ok({ InstanceId: "tdsql-a1", UserName: "app", Host: "%", ReadOnly: 0 }));
      const c = timed();
      expect(await c.createAccount(account)).toMatchObject({ passwordSent: "plain" });
      expect(sentBody("CreateAccount")).toMatchObject({ Password: "Enc-Passw0rd!" });
      expect(sentBody("CreateAccount")).not.toHaveProperty("EncryptedPassword");
      expect(await c.resetAccountPassword(account)).toMatchObject({ passwordSent: "plain" });
      expect(server.requests.filter((r) => action(r) === "GetPublicKey")).toHaveLength(1);
      await expect(c.getPublicKey({ instanceId: "tdsql-a1" })).rejects.toMatchObject({ code });
    },
  );

  it("throws other GetPublicKey failures like any read failure and sends nothing else", async () => {
    reply = (req) => (action(req) === "GetPublicKey" ? fail("ResourceNotFound.NoInstanceFound") : ok({}));
    await expect(timed().createAccount(account)).rejects.toMatchObject({ code: "ResourceNotFound.NoInstanceFound", action: "GetPublicKey" });
    await expect(timed().resetAccountPassword(account)).rejects.toMatchObject({ code: "ResourceNotFound.NoInstanceFound" });
    expect(server.requests.map(action)).toEqual(["GetPublicKey", "GetPublicKey"]);
  });

  it("retries a transient GetPublicKey failure, then encrypts", async () => {
    let failures = 2;
    reply = (req) => (action(req) === "GetPublicKey" && failures-- > 0 ? fail("InternalError") : keyThenOk(req));
    expect(await timed().createAccount(account)).toMatchObject({ passwordSent: "encrypted" });
    expect(server.requests.map(action)).toEqual(["GetPublicKey", "GetPublicKey", "GetPublicKey", "CreateAccount"]);
  });

  it("refuses a key it cannot encrypt with, without sending the password", async () => {
    reply = (req) => (action(req) === "GetPublicKey" ? ok({ PublicKey: "not a key" }) : ok({}));
    await expect(timed().createAccount(account)).rejects.toMatchObject({ code: "InvalidResponse", kind: "invalid-response" });
    expect(server.requests.map(action)).toEqual(["GetPublicKey"]);
  });

  it("asks for the key again after a call that carried it is refused (the key may have been rotated)", async () => {
    let refuse = true;
    reply = (req) => {
      if (action(req) === "GetPublicKey") return ok({ PublicKey: PEM });
      if (refuse) {
        refuse = false;
        return fail("InvalidParameterValue", "EncryptedPassword could not be decrypted");
      }
      return ok({});
    };
    const c = timed();
    await expect(c.resetAccountPassword(account)).rejects.toMatchObject({ code: "InvalidParameterValue" });
    await c.resetAccountPassword(account);
    expect(server.requests.map(action)).toEqual(["GetPublicKey", "ResetAccountPassword", "GetPublicKey", "ResetAccountPassword"]);
  });

  it("keeps createAccount's look-before-retry, with the encrypted password sent once", async () => {
    let drop = true;
    const created: string[] = [];
    reply = (req) => {
      if (action(req) === "GetPublicKey") return ok({ PublicKey: PEM });
      if (action(req) === "DescribeAccounts") return ok({ InstanceId: "tdsql-a1", Users: created.map((u) => ({ UserName: u, Host: "%", ReadOnly: 0 })) });
      created.push("app");
      if (drop) {
        drop = false;
        return { drop: true };
      }
      return ok({});
    };
    const res = await timed().createAccount(account);
    expect(res).toMatchObject({ foundAfterRetry: true, passwordSent: "encrypted" });
    expect(server.requests.map(action)).toEqual(["GetPublicKey", "CreateAccount", "DescribeAccounts"]);
  });

  it("scrubs the password and the encrypted value from errors and never hands them to the logger", async () => {
    const events: unknown[] = [];
    let encrypted = "";
    reply = (req) => {
      if (action(req) === "GetPublicKey") return ok({ PublicKey: PEM });
      encrypted = String((JSON.parse(req.body) as { EncryptedPassword: string }).EncryptedPassword);
      // A vendor echoing what it was sent, in the forms an echo may take.
      return fail("InvalidParameter.CharacterError", `bad ${encrypted} / ${encodeURIComponent(encrypted)} / ${JSON.stringify(encrypted)} / Enc-Passw0rd!`);
    };
    const c = createMariadbApi(
      { vendor: "tencent", region: "ap-guangzhou", endpoint: server.url, credentials: { secretId: "AKIDx", secretKey: "tc-secret" } },
      { now: () => new Date(clock), logger: (e) => events.push(e), retry: { baseDelayMs: 1, maxDelayMs: 5 } },
    );
    const error = (await c.createAccount(account).then(() => undefined, (e: unknown) => e)) as Error;
    expect(encrypted.length).toBeGreaterThan(300);
    const surfaced = [String(error.message), JSON.stringify(error), JSON.stringify(events)].join("\n");
    expect(surfaced).toContain("[REDACTED]");
    expect(surfaced).not.toContain(encrypted);
    expect(surfaced).not.toContain(encrypted.slice(0, 40));
    expect(surfaced).not.toContain("Enc-Passw0rd!");
  });
});
