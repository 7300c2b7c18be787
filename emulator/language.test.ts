import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadFixtures } from "./fixtures";
import { startTestEmulator, type TestEmulator } from "./testing/harness";
import { send, signHuawei, signTencent } from "./testing/signers";

const f = loadFixtures();
const H = f.huawei;
const T = { id: f.tencent.secretId, secret: f.tencent.secretKey };
const MISSING_INSTANCE = `/v3/${H.projectId}/instances/${"0".repeat(32)}in07/proxies`;
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});
afterEach(async () => {
  await emu.admin("DELETE", "/faults");
});

const huawei = (path: string, language?: string) => send(signHuawei(emu.urls.taurus, { ak: H.ak, sk: H.sk }, "GET", path, undefined, { projectId: H.projectId, language }));
const tencent = (action: string, payload: unknown, o: { language?: string; region?: string | null } = {}) =>
  send(signTencent(emu.urls.mariadb, T, action, payload, o));
const tcError = (r: { json: Record<string, unknown> }) => (r.json.Response as { Error: { Code: string; Message: string } }).Error;

describe("Huawei errors in the caller's X-Language", () => {
  it("answers in Chinese for zh-cn, in English for en-us or no header, the code unchanged", async () => {
    const zh = await huawei(MISSING_INSTANCE, "zh-cn");
    expect(zh.json).toMatchObject({ error_code: "DBS.200022", error_msg: "实例不存在。" });
    for (const language of ["en-us", undefined]) {
      expect((await huawei(MISSING_INSTANCE, language)).json).toMatchObject({ error_code: "DBS.200022", error_msg: "The DB instance does not exist." });
    }
  });

  it("logs the language a call asked for", async () => {
    await emu.admin("DELETE", "/calls");
    await huawei(MISSING_INSTANCE, "zh-cn");
    await huawei(MISSING_INSTANCE);
    const { calls } = await emu.admin<{ calls: { language?: string }[] }>("GET", "/calls?service=taurus");
    expect(calls.map((c) => c.language)).toEqual(["zh-cn", undefined]);
  });

  it("verifies a signature that covers X-Language, and keeps a parameter error's detail", async () => {
    expect((await huawei(`/v3/${H.projectId}/instances?limit=1`, "zh-cn")).status).toBe(200);
    const bad = await huawei(`/v3/${H.projectId}/instances?limit=0`, "zh-cn");
    expect(bad.json).toMatchObject({ error_code: "DBS.200001", error_msg: "参数错误：limit must be between 1 and 100" });
  });

  it("words an injected fault's default message in the caller's language, and a spelled-out one as given", async () => {
    await emu.admin("POST", "/faults", { service: "taurus", kind: "error", status: 500, count: 1 });
    expect((await huawei(`/v3/${H.projectId}/instances`, "zh-cn")).json).toMatchObject({ error_code: "DBS.05000000", error_msg: "服务器错误。" });
    await emu.admin("POST", "/faults", { service: "taurus", kind: "error", status: 500, count: 1, message: "as the test says" });
    expect((await huawei(`/v3/${H.projectId}/instances`, "zh-cn")).json).toMatchObject({ error_msg: "as the test says" });
  });
});

describe("Tencent errors in the caller's X-TC-Language", () => {
  it("answers in Chinese for zh-CN, in English for en-US or no header, the code unchanged", async () => {
    expect(tcError(await tencent("DescribeDBInstances", { Limit: 0 }, { language: "zh-CN" }))).toEqual({ Code: "InvalidParameterValue", Message: "参数取值错误。" });
    for (const language of ["en-US", undefined]) {
      expect(tcError(await tencent("DescribeDBInstances", { Limit: 0 }, { language }))).toEqual({ Code: "InvalidParameterValue", Message: "Limit must be between 1 and 100." });
    }
  });

  it("keeps the names a message quotes", async () => {
    expect(tcError(await tencent("DescribeDBInstances", {}, { language: "zh-CN", region: null }))).toEqual({ Code: "MissingParameter", Message: "缺少参数错误，请求缺少必要参数 `Region`。" });
    expect(tcError(await tencent("NoSuchThing", {}, { language: "zh-CN" }))).toEqual({ Code: "InvalidAction", Message: "接口 `NoSuchThing` 不存在。" });
  });

  it("words an injected fault's default message in the caller's language", async () => {
    await emu.admin("POST", "/faults", { service: "mariadb", kind: "throttle", count: 1 });
    expect(tcError(await tencent("DescribeDBInstances", { Limit: 1 }, { language: "zh-CN" }))).toEqual({ Code: "RequestLimitExceeded", Message: "请求的次数超过了频率限制。" });
  });
});
