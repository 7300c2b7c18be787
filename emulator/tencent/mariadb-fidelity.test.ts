import { constants, createPublicKey, publicEncrypt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixtures } from "../fixtures";
import { send, signTencent, signTencentGet, type SignedRequest } from "../testing/signers";
import { startTestEmulator, type TestEmulator } from "../testing/harness";

const f = loadFixtures();
const T = f.tencent;
const KEY = { id: T.secretId, secret: T.secretKey };
const OWNER = T.ownerInstanceId;
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({ rateLimits: { mariadbAccount: 10_000 } });
});
afterAll(async () => {
  await emu.stop();
});

async function result(r: SignedRequest) {
  const res = await send(r);
  const resp = res.json.Response as Record<string, unknown> & { Error?: { Code: string; Message: string } };
  return { code: resp.Error?.Code ?? "OK", message: resp.Error?.Message ?? "", resp };
}
const post = (action: string, body: Record<string, unknown>, o: { region?: string | null } = {}) => result(signTencent(emu.urls.mariadb, KEY, action, body, o));
const get = (action: string, params: Array<[string, string]>, o: { region?: string | null; contentType?: string } = {}) =>
  result(signTencentGet(emu.urls.mariadb, KEY, action, params, o));

const encrypt = (pem: string, password: string) =>
  publicEncrypt({ key: pem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" }, Buffer.from(password, "utf8")).toString("base64");
async function publicKeyOf(instanceId: string): Promise<string> {
  const r = await post("GetPublicKey", { InstanceId: instanceId });
  expect(r.code).toBe("OK");
  return r.resp.PublicKey as string;
}

describe("GET with a form-encoded query (providers.md 3.1)", () => {
  it("accepts a TC3-signed GET and reads list parameters as Name.0, Name.1", async () => {
    const r = await get("DescribeDBInstances", [["InstanceIds.0", OWNER], ["InstanceIds.1", "tdsql-demo0002"], ["Limit", "10"]]);
    expect(r.code).toBe("OK");
    expect((r.resp.Instances as Array<{ InstanceId: string }>).map((i) => i.InstanceId).sort()).toEqual([OWNER, "tdsql-demo0002"]);
  });

  it("creates and deletes an account through GET, integers and text from the query", async () => {
    const created = await get("CreateAccount", [["InstanceId", OWNER], ["UserName", "get_user"], ["Host", "10.1.%"], ["Password", "Get-Pass1+&=%"], ["ReadOnly", "1"], ["Description", "über GET"]]);
    expect(created.code).toBe("OK");
    expect(created.resp).toMatchObject({ UserName: "get_user", Host: "10.1.%", ReadOnly: 1 });
    const list = await get("DescribeAccounts", [["InstanceId", OWNER]]);
    expect(list.resp.Users).toContainEqual(expect.objectContaining({ UserName: "get_user", Description: "über GET", ReadOnly: 1 }));
    expect((await get("DeleteAccount", [["InstanceId", OWNER], ["UserName", "get_user"], ["Host", "10.1.%"]])).code).toBe("OK");
  });

  it("refuses a query changed after signing, and a GET signed with a payload hash of anything but the empty body", async () => {
    const req = signTencentGet(emu.urls.mariadb, KEY, "DescribeAccounts", [["InstanceId", OWNER]]);
    expect((await result({ ...req, url: req.url.replace("demo0001", "demo0002") })).code).toBe("AuthFailure.SignatureFailure");
    // The same request signed as a POST (empty query, hashed body) does not verify as a GET.
    const asPost = signTencent(emu.urls.mariadb, KEY, "DescribeAccounts", { InstanceId: OWNER });
    expect((await result({ ...asPost, method: "GET", url: `${emu.urls.mariadb}/?InstanceId=${OWNER}`, body: undefined, headers: { ...asPost.headers, "content-type": "application/json" } })).code).toBe("AuthFailure.SignatureFailure");
  });

  it("wants application/x-www-form-urlencoded on a GET", async () => {
    expect((await get("DescribeAccounts", [["InstanceId", OWNER]], { contentType: "application/json" })).code).toBe("InvalidParameter");
  });

  it("refuses malformed list indexes", async () => {
    expect((await get("DescribeDBInstances", [["InstanceIds.0", OWNER], ["InstanceIds.2", "tdsql-demo0002"]])).code).toBe("InvalidParameter");
    expect((await get("DescribeDBInstances", [["InstanceIds", OWNER], ["InstanceIds.0", OWNER]])).code).toBe("InvalidParameter");
  });

  it("refuses a query over 32 KB with RequestSizeLimitExceeded, and accepts one just under", async () => {
    const over = await get("DescribeDBInstances", [["SearchKey", "x".repeat(32 * 1024)]]);
    expect(over.code).toBe("RequestSizeLimitExceeded");
    const under = await get("DescribeDBInstances", [["SearchKey", "x".repeat(32 * 1024 - 20)]]);
    expect(under.code).toBe("OK");
  });

  it("refuses other methods with UnsupportedProtocol", async () => {
    const req = signTencent(emu.urls.mariadb, KEY, "DescribeDBInstances", {});
    expect((await result({ ...req, method: "PUT" })).code).toBe("UnsupportedProtocol");
  });
});

describe("X-TC-Region", () => {
  it("is not needed for CreateAccount (seed 003): the instance is found by id in any region", async () => {
    const other = T.otherRegion.instanceId;
    const r = await post("CreateAccount", { InstanceId: other, UserName: "no_region", Host: "%", Password: "Abcd1234!" }, { region: null });
    expect(r.code).toBe("OK");
    const accounts = await emu.admin<{ accounts: Array<{ userName: string }> }>("GET", `/state/mariadb/instances/${other}/accounts`);
    expect(accounts.accounts.map((a) => a.userName)).toContain("no_region");
  });

  it("still confines CreateAccount to the region when one is sent", async () => {
    const r = await post("CreateAccount", { InstanceId: T.otherRegion.instanceId, UserName: "wrong_region", Host: "%", Password: "Abcd1234!" }, { region: T.region });
    expect(r.code).toBe("ResourceNotFound.NoInstanceFound");
    const there = await post("DescribeAccounts", { InstanceId: T.otherRegion.instanceId }, { region: T.otherRegion.region });
    expect(there.code).toBe("OK");
  });

  it.each([
    ["DescribeAccounts", { InstanceId: OWNER }],
    ["DeleteAccount", { InstanceId: OWNER, UserName: "x", Host: "%" }],
    ["ResetAccountPassword", { InstanceId: OWNER, UserName: "x", Host: "%", Password: "Abcd1234!" }],
    ["GetPublicKey", { InstanceId: OWNER }],
    ["DescribeDBInstances", {}],
  ])("is required for %s", async (action, body) => {
    const r = await post(action, body, { region: null });
    expect(r.code).toBe("MissingParameter");
    expect(r.message).toContain("`Region`");
  });

  it("lists only the region's instances", async () => {
    const r = await post("DescribeDBInstances", { Limit: 100 });
    const ids = (r.resp.Instances as Array<{ InstanceId: string }>).map((i) => i.InstanceId);
    expect(ids.sort()).toEqual([...T.instanceIds].sort());
  });
});

describe("kernel 10.1 and instance states", () => {
  it("reports DbVersion and TdsqlVersion from the instance's own state", async () => {
    const r = await post("DescribeDBInstances", { InstanceIds: [OWNER, T.kernel101InstanceId] });
    const byId = new Map((r.resp.Instances as Array<{ InstanceId: string; DbVersion: string; DbVersionId: string; TdsqlVersion: string }>).map((i) => [i.InstanceId, i]));
    expect(byId.get(OWNER)).toMatchObject({ DbVersion: "10.0", DbVersionId: "10.0", TdsqlVersion: "基于MariaDB 10.0内核" });
    expect(byId.get(T.kernel101InstanceId)).toMatchObject({ DbVersion: "10.1", DbVersionId: "10.1", TdsqlVersion: "基于MariaDB 10.1内核" });
  });

  it("refuses a non-zero MaxUserConnections on kernel 10.1 with UnsupportedOperation, and takes 0 or none", async () => {
    const base = { InstanceId: T.kernel101InstanceId, Host: "%", Password: "Abcd1234!" };
    const refused = await post("CreateAccount", { ...base, UserName: "k101_limited", MaxUserConnections: 10 });
    expect(refused.code).toBe("UnsupportedOperation");
    expect(refused.message).toContain("10.1");
    expect((await post("CreateAccount", { ...base, UserName: "k101_zero", MaxUserConnections: 0 })).code).toBe("OK");
    expect((await post("CreateAccount", { ...base, UserName: "k101_plain" })).code).toBe("OK");
  });

  it("takes MaxUserConnections on another kernel", async () => {
    const r = await post("CreateAccount", { InstanceId: OWNER, UserName: "k100_limited", Host: "%", Password: "Abcd1234!", MaxUserConnections: 10 });
    expect(r.code).toBe("OK");
    const list = await post("DescribeAccounts", { InstanceId: OWNER });
    expect(list.resp.Users).toContainEqual(expect.objectContaining({ UserName: "k100_limited", MaxUserConnections: 10 }));
  });

  it.each([
    ["in flow (1)", T.inFlowInstanceId, 1],
    ["restarting (6)", T.restartingInstanceId, 6],
    ["isolated (-1)", T.isolatedInstanceId, -1],
  ])("lists an instance %s and refuses its account calls", async (_n, id, status) => {
    const list = await post("DescribeDBInstances", { InstanceIds: [id] });
    expect(list.resp.Instances).toEqual([expect.objectContaining({ InstanceId: id, Status: status })]);
    expect((await post("DescribeAccounts", { InstanceId: id })).code).toBe("ResourceUnavailable.InstanceStatusAbnormal");
    expect((await post("CreateAccount", { InstanceId: id, UserName: "blocked", Host: "%", Password: "Abcd1234!" })).code).toBe("ResourceUnavailable.InstanceStatusAbnormal");
  });
});

describe("GetPublicKey and EncryptedPassword (assumed shape, see README)", () => {
  it("hands out one RSA-2048 SPKI PEM key per instance and keeps it", async () => {
    const first = await publicKeyOf(OWNER);
    expect(first).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n?$/);
    const key = createPublicKey(first);
    expect([key.asymmetricKeyType, key.asymmetricKeyDetails?.modulusLength]).toEqual(["rsa", 2048]);
    expect(await publicKeyOf(OWNER)).toBe(first);
    expect(await publicKeyOf("tdsql-demo0002")).not.toBe(first);
  });

  it("answers for an instance that is not running, and refuses an unknown one", async () => {
    expect((await post("GetPublicKey", { InstanceId: T.restartingInstanceId })).code).toBe("OK");
    expect((await post("GetPublicKey", { InstanceId: "tdsql-zzzzzzzz" })).code).toBe("ResourceNotFound.NoInstanceFound");
    expect((await post("GetPublicKey", {})).code).toBe("MissingParameter");
  });

  it("creates an account from an EncryptedPassword and holds the decrypted password to the usual rules", async () => {
    const pem = await publicKeyOf(OWNER);
    const ok = await post("CreateAccount", { InstanceId: OWNER, UserName: "enc_user", Host: "%", EncryptedPassword: encrypt(pem, "Enc-Pass1!") });
    expect(ok.code).toBe("OK");
    const weak = await post("CreateAccount", { InstanceId: OWNER, UserName: "enc_weak", Host: "%", EncryptedPassword: encrypt(pem, "weakpass") });
    expect(weak.code).toBe("InvalidParameter.GenericParameterError");
    const badChar = await post("CreateAccount", { InstanceId: OWNER, UserName: "enc_char", Host: "%", EncryptedPassword: encrypt(pem, "Abcd1234!'") });
    expect(badChar.code).toBe("InvalidParameter.CharacterError");
  });

  it("resets a password from an EncryptedPassword", async () => {
    const pem = await publicKeyOf(OWNER);
    const r = await post("ResetAccountPassword", { InstanceId: OWNER, UserName: "app_orders", Host: "%", EncryptedPassword: encrypt(pem, "Reset-Pass2@") });
    expect(r.code).toBe("OK");
  });

  it("refuses what it cannot decrypt with a clear InvalidParameterValue", async () => {
    const otherKey = await publicKeyOf("tdsql-demo0003");
    await publicKeyOf(OWNER);
    const cases = [encrypt(otherKey, "Abcd1234!"), "not base64!", Buffer.from("Abcd1234!").toString("base64"), ""];
    for (const value of cases) {
      const r = await post("CreateAccount", { InstanceId: OWNER, UserName: "enc_bad", Host: "%", EncryptedPassword: value });
      expect([r.code, r.message]).toEqual(["InvalidParameterValue", expect.stringContaining("EncryptedPassword could not be decrypted")]);
    }
  });

  it("refuses an EncryptedPassword for an instance no key was issued for", async () => {
    const pem = await publicKeyOf(OWNER);
    const r = await post("CreateAccount", { InstanceId: T.kernel101InstanceId, UserName: "enc_nokey", Host: "%", EncryptedPassword: encrypt(pem, "Abcd1234!") });
    expect(r.code).toBe("InvalidParameterValue");
  });

  it("refuses both Password and EncryptedPassword, or neither", async () => {
    const pem = await publicKeyOf(OWNER);
    const both = await post("CreateAccount", { InstanceId: OWNER, UserName: "enc_both", Host: "%", Password: "Abcd1234!", EncryptedPassword: encrypt(pem, "Abcd1234!") });
    expect(both.code).toBe("InvalidParameter");
    expect((await post("CreateAccount", { InstanceId: OWNER, UserName: "enc_none", Host: "%" })).code).toBe("MissingParameter");
    const resetBoth = await post("ResetAccountPassword", { InstanceId: OWNER, UserName: "app_orders", Host: "%", Password: "Abcd1234!", EncryptedPassword: encrypt(pem, "Abcd1234!") });
    expect(resetBoth.code).toBe("InvalidParameter");
    expect((await post("ResetAccountPassword", { InstanceId: OWNER, UserName: "app_orders", Host: "%" })).code).toBe("MissingParameter");
  });

  it("can be made unavailable with an injected InvalidAction or UnsupportedOperation fault", async () => {
    await emu.admin("POST", "/faults", { id: "no-gpk", service: "mariadb", action: "GetPublicKey", kind: "error", code: "InvalidAction", message: "The requested action `GetPublicKey` does not exist." });
    try {
      const r = await post("GetPublicKey", { InstanceId: OWNER });
      expect(r.code).toBe("InvalidAction");
      expect((await post("DescribeAccounts", { InstanceId: OWNER })).code).toBe("OK");
    } finally {
      await emu.admin("DELETE", "/faults/no-gpk");
    }
    await emu.admin("POST", "/faults", { service: "mariadb", action: "GetPublicKey", kind: "error", code: "UnsupportedOperation", count: 1 });
    expect((await post("GetPublicKey", { InstanceId: OWNER })).code).toBe("UnsupportedOperation");
    expect((await post("GetPublicKey", { InstanceId: OWNER })).code).toBe("OK");
  });

  it("never stores or logs the decrypted password", async () => {
    const pem = await publicKeyOf(OWNER);
    await post("CreateAccount", { InstanceId: OWNER, UserName: "enc_secret", Host: "%", EncryptedPassword: encrypt(pem, "Zz9!EncryptedSecret") });
    const calls = await emu.admin<{ calls: unknown[] }>("GET", "/calls?service=mariadb&action=CreateAccount");
    expect(JSON.stringify(calls)).not.toContain("Zz9!EncryptedSecret");
    const fs = await import("node:fs");
    const path = await import("node:path");
    const files = fs.readdirSync(emu.dataDir).map((n) => fs.readFileSync(path.join(emu.dataDir, n), "utf8")).join("\n");
    expect(files).toContain("enc_secret");
    expect(files).not.toContain("Zz9!EncryptedSecret");
  });
});
