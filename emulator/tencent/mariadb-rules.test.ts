import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixtures } from "../fixtures";
import { send, signTencent } from "../testing/signers";
import { startTestEmulator, type TestEmulator } from "../testing/harness";

const f = loadFixtures();
const KEY = { id: f.tencent.secretId, secret: f.tencent.secretKey };
const OWNER = f.tencent.ownerInstanceId;
let emu: TestEmulator;

beforeAll(async () => {
  // Validation tests fire many CreateAccount calls; the quota test below restores the real 20/s.
  emu = await startTestEmulator({ rateLimits: { mariadbAccount: 10_000 } });
});
afterAll(async () => {
  await emu.stop();
});

async function call(action: string, body: Record<string, unknown>) {
  const r = await send(signTencent(emu.urls.mariadb, KEY, action, body));
  const resp = r.json.Response as Record<string, unknown> & { Error?: { Code: string } };
  return { code: resp.Error?.Code ?? "OK", resp };
}

const account = (over: Record<string, unknown> = {}) => ({ InstanceId: OWNER, UserName: "rule_user", Host: "%", Password: "Abcd1234!", ...over });

describe("CreateAccount parameter rules", () => {
  it.each([
    ["an empty UserName", { UserName: "" }, "InvalidParameter.GenericParameterError"],
    ["UserName longer than 32", { UserName: "a".repeat(33) }, "InvalidParameter.GenericParameterError"],
    ["UserName with a dot", { UserName: "bad.name" }, "InvalidParameter.GenericParameterError"],
    ["root", { UserName: "root" }, "InvalidParameterValue.SuperUserForbidden"],
    ["Host with a space", { Host: "10.% " }, "InvalidParameter.GenericParameterError"],
    ["password with a forbidden character", { Password: "Abcd1234!'" }, "InvalidParameter.CharacterError"],
    ["password missing a class", { Password: "abcd1234!" }, "InvalidParameter.GenericParameterError"],
    ["password shorter than 8", { Password: "Ab1!" }, "InvalidParameter.GenericParameterError"],
    ["password longer than 32", { Password: "Ab1!" + "x".repeat(29) }, "InvalidParameter.GenericParameterError"],
    ["password starting with /", { Password: "/Abcd1234" }, "InvalidParameter.GenericParameterError"],
    ["ReadOnly out of range", { ReadOnly: 4 }, "InvalidParameter.GenericParameterError"],
    ["ReadOnly of the wrong type", { ReadOnly: "yes" }, "InvalidParameter"],
    ["Description over 256 characters", { Description: "d".repeat(257) }, "InvalidParameter.GenericParameterError"],
    ["an unknown parameter", { Colour: "blue" }, "UnknownParameter"],
    ["a malformed InstanceId", { InstanceId: "mariadb-1" }, "InvalidParameter.GenericParameterError"],
    ["an unknown instance", { InstanceId: "tdsql-zzzzzzzz" }, "ResourceNotFound.NoInstanceFound"],
    ["an isolated instance", { InstanceId: f.tencent.isolatedInstanceId }, "ResourceUnavailable.InstanceStatusAbnormal"],
  ])("refuses %s", async (_name, over, code) => {
    expect((await call("CreateAccount", account(over))).code).toBe(code);
  });

  it.each(["1abc", "_lead", "-dash", "9", "a".repeat(32)])("accepts UserName %s (seed 003: 1-32 letters, digits, _ and -, no first-letter rule)", async (userName) => {
    expect((await call("CreateAccount", account({ UserName: userName }))).code).toBe("OK");
  });

  it("reports each missing required parameter", async () => {
    for (const k of ["InstanceId", "UserName", "Host", "Password"]) {
      const body: Record<string, unknown> = account();
      delete body[k];
      expect((await call("CreateAccount", body)).code).toBe("MissingParameter");
    }
  });

  it("accepts the full documented symbol set and refuses a duplicate UserName@Host", async () => {
    const ok = await call("CreateAccount", account({ UserName: "sym_user", Password: "aA1()~!@#$%^&*-+=_|{}[]:<>,.?/", Description: "报表 account" }));
    expect(ok.code).toBe("OK");
    expect((await call("CreateAccount", account({ UserName: "sym_user", Password: "Abcd1234!" }))).code).toBe("InvalidParameterValue.AccountAlreadyExists");
    expect((await call("CreateAccount", account({ UserName: "sym_user", Host: "10.%" }))).code).toBe("OK");
  });

  it("never stores the password in clear", async () => {
    await call("CreateAccount", account({ UserName: "secret_keeper", Password: "Zz9!UniquePassw0rd" }));
    const files = fs.readdirSync(emu.dataDir).map((n) => fs.readFileSync(path.join(emu.dataDir, n), "utf8")).join("\n");
    expect(files).toContain("secret_keeper");
    expect(files).not.toContain("Zz9!UniquePassw0rd");
  });

  it("refuses root for delete and reset, and unknown accounts", async () => {
    expect((await call("DeleteAccount", { InstanceId: OWNER, UserName: "root", Host: "%" })).code).toBe("InvalidParameterValue.SuperUserForbidden");
    expect((await call("ResetAccountPassword", { InstanceId: OWNER, UserName: "ghost", Host: "%", Password: "Abcd1234!" })).code).toBe("ResourceNotFound.AccountDoesNotExist");
  });
});

describe("DescribeDBInstances", () => {
  it("pages with Offset/Limit and refuses Limit over 100", async () => {
    const page = await call("DescribeDBInstances", { Offset: 1, Limit: 2 });
    expect(page.resp.TotalCount).toBe(f.tencent.instanceIds.length);
    expect(page.resp.Instances).toHaveLength(2);
    expect((await call("DescribeDBInstances", { Limit: 101 })).code).toBe("InvalidParameterValue");
  });

  it("filters by InstanceIds and SearchKey", async () => {
    const byId = await call("DescribeDBInstances", { InstanceIds: [OWNER] });
    expect((byId.resp.Instances as Array<{ InstanceId: string }>).map((i) => i.InstanceId)).toEqual([OWNER]);
    const byName = await call("DescribeDBInstances", { SearchName: "instancename", SearchKey: "crm" });
    expect(byName.resp.TotalCount).toBe(1);
  });
});

describe("Tencent rate limits (documented: 20/s per account API, 200/s DescribeDBInstances)", () => {
  it("allows exactly 20 concurrent DescribeAccounts in one second and answers RequestLimitExceeded after", async () => {
    await emu.admin("PATCH", "/config", { rateLimits: { mariadbAccount: 20 } });
    await new Promise((r) => setTimeout(r, 1100));
    const results = await Promise.all(Array.from({ length: 26 }, () => call("DescribeAccounts", { InstanceId: OWNER })));
    const codes = results.map((r) => r.code);
    expect(codes.filter((c) => c === "OK")).toHaveLength(20);
    expect(codes.filter((c) => c === "RequestLimitExceeded")).toHaveLength(6);
    // Another action has its own window.
    expect((await call("DescribeDBInstances", {})).code).toBe("OK");
  });
});
