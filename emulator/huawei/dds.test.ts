import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixtures } from "../fixtures";
import { hcSend, huaweiSdkClient } from "../testing/huawei-sdk";
import { send, signHuawei } from "../testing/signers";
import { startTestEmulator, type TestEmulator } from "../testing/harness";

const H = loadFixtures().huawei;
const BASE = `/v3/${H.projectId}/instances/${H.ownerDdsInstanceId}`;
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

const call = (method: string, p: string, body?: unknown) => send(signHuawei(emu.urls.dds, { ak: H.ak, sk: H.sk }, method, p, body));
const user = (over: Record<string, unknown> = {}) => ({ user_name: "app-reader", user_pwd: "Abcd1234?", roles: [{ role_db_name: "catalog", role_name: "read" }], db_name: "admin", ...over });

describe("DDS through the official SDK", () => {
  it("creates a user and lists users as a JSON-encoded string", async () => {
    const c = huaweiSdkClient(emu.urls.dds, H.ak, H.sk, H.projectId);
    const created = await hcSend(c, { method: "POST", url: "/v3/{project_id}/instances/{instance_id}/db-user", pathParams: { instance_id: H.ownerDdsInstanceId }, data: user({ user_name: "sdk.user" }) });
    expect(created.httpStatusCode).toBe(200);
    const list = await hcSend(c, { method: "GET", url: "/v3/{project_id}/instances/{instance_id}/db-user/detail", pathParams: { instance_id: H.ownerDdsInstanceId }, queryParams: { user_name: "sdk.user" } });
    expect(typeof list.users).toBe("string");
    const users = JSON.parse(String(list.users)) as Array<Record<string, unknown>>;
    expect(users).toEqual([expect.objectContaining({ _id: "admin.sdk.user", user: "sdk.user", db: "admin", roles: [{ role: "read", db: "catalog" }] })]);
    expect(list.total_count).toBe(1);
  });
});

describe("DDS user rules", () => {
  it.each([
    ["a reserved name", user({ user_name: "drsFull" }), "DBS.200001"],
    ["root", user({ user_name: "root" }), "DBS.200001"],
    ["an illegal character", user({ user_name: "bad name" }), "DBS.200001"],
    ["a name over 64", user({ user_name: "u".repeat(65) }), "DBS.200001"],
    ["a password without a symbol", user({ user_pwd: "Abcd12345" }), "DBS.200052"],
    ["an underscore in user_name (seed 004 allows letters, digits, - and . only)", user({ user_name: "app_reader" }), "DBS.200001"],
    ["an underscore in role_name", user({ roles: [{ role_db_name: "admin", role_name: "etl_writer" }] }), "DBS.200001"],
    ["a hyphen in role_db_name", user({ roles: [{ role_db_name: "cat-alog", role_name: "read" }] }), "DBS.200001"],
    ["a password with an unlisted symbol", user({ user_pwd: "Abcd1234&" }), "DBS.200052"],
    ["a password with a space", user({ user_pwd: "Abcd 1234?" }), "DBS.200052"],
    ["a password over 32", user({ user_pwd: "Ab1?" + "x".repeat(29) }), "DBS.200052"],
    ["a password without an upper-case letter", user({ user_pwd: "abcd1234?" }), "DBS.200052"],
    ["a short password", user({ user_pwd: "Ab1?" }), "DBS.200052"],
    ["missing roles", { user_name: "x1", user_pwd: "Abcd1234?" }, "DBS.200001"],
    ["an unknown role", user({ roles: [{ role_db_name: "catalog", role_name: "superpower" }] }), "DBS.200001"],
    ["an admin-only role on another db", user({ roles: [{ role_db_name: "catalog", role_name: "readAnyDatabase" }] }), "DBS.200001"],
    ["a bad role_db_name", user({ roles: [{ role_db_name: "cat-alog", role_name: "read" }] }), "DBS.200001"],
    ["a bad db_name", user({ db_name: "my-db" }), "DBS.200001"],
  ])("refuses %s", async (_n, body, code) => {
    const r = await call("POST", `${BASE}/db-user`, body);
    expect([r.status, r.json.error_code]).toEqual([400, code]);
  });

  it.each(["Abcd123(", "Abcd123)", "Abcd123$", "(Ab1)$cd~!@#%^*-_=+?"])("accepts the symbols seed 004 adds, as in %s", async (pwd) => {
    const name = `sym-${Buffer.from(pwd).toString("hex")}`;
    expect((await call("POST", `${BASE}/db-user`, user({ user_name: name, user_pwd: pwd }))).status).toBe(200);
  });

  it("accepts letters, digits, hyphens and periods in user and role names, and underscores in db names", async () => {
    const r = await call("POST", `${BASE}/db-user`, user({ user_name: "A.b-9", db_name: "my_db_1", roles: [{ role_db_name: "catalog_2", role_name: "read" }] }));
    expect(r.status).toBe(200);
  });

  it("refuses an underscore in user_name when deleting", async () => {
    const r = await call("DELETE", `${BASE}/db-user`, { db_name: "admin", user_name: "app_reader" });
    expect([r.status, r.json.error_code]).toEqual([400, "DBS.200001"]);
  });

  it("accepts an empty roles array, defaults db_name to admin and refuses a duplicate", async () => {
    const body = { user_name: "no.roles-user-1", user_pwd: "Abcd1234?", roles: [] };
    expect((await call("POST", `${BASE}/db-user`, body)).status).toBe(200);
    const dup = await call("POST", `${BASE}/db-user`, body);
    expect([dup.status, dup.json.error_code]).toEqual([400, "DBS.201016"]);
    const state = await emu.admin<{ users: Array<{ db: string; user: string }> }>("GET", `/state/dds/instances/${H.ownerDdsInstanceId}/users`);
    expect(state.users).toContainEqual({ db: "admin", user: "no.roles-user-1", roles: [] });
  });

  it("accepts custom roles and deletes users", async () => {
    expect((await call("POST", `${BASE}/db-user`, user({ user_name: "etl2", roles: [{ role_db_name: "admin", role_name: "etlWriter" }] }))).status).toBe(200);
    expect((await call("DELETE", `${BASE}/db-user`, { db_name: "admin", user_name: "etl2" })).status).toBe(200);
    expect((await call("DELETE", `${BASE}/db-user`, { db_name: "admin", user_name: "etl2" })).json.error_code).toBe("DBS.201017");
    expect((await call("DELETE", `${BASE}/db-user`, { db_name: "admin", user_name: "rwuser" })).json.error_code).toBe("DBS.200001");
  });

  it("refuses user changes on an instance that is not normal", async () => {
    const r = await call("POST", `/v3/${H.projectId}/instances/${H.abnormalDdsInstanceId}/db-user`, user());
    expect([r.status, r.json.error_code]).toEqual([403, "DBS.200019"]);
  });

  it("answers an unknown instance with 404 DBS.200002", async () => {
    const r = await call("GET", `/v3/${H.projectId}/instances/${"f".repeat(32)}in02/db-user/detail`);
    expect([r.status, r.json.error_code]).toEqual([404, "DBS.200002"]);
  });
});

describe("DDS lists", () => {
  it("lists instances including one that is not normal", async () => {
    const r = await call("GET", `/v3/${H.projectId}/instances`);
    const list = r.json.instances as Array<{ id: string; status: string }>;
    expect(r.json.total_count).toBe(9);
    expect(list.find((i) => i.id === H.abnormalDdsInstanceId)?.status).not.toBe("normal");
  });

  it("lists roles as a JSON-encoded string with built-in and custom roles", async () => {
    const r = await call("GET", `${BASE}/db-roles?db_name=admin`);
    const roles = JSON.parse(String(r.json.roles)) as Array<{ role: string; isBuiltin: boolean }>;
    expect(roles).toContainEqual(expect.objectContaining({ role: "readWrite", isBuiltin: true }));
    expect(roles).toContainEqual(expect.objectContaining({ role: "etlWriter", isBuiltin: false }));
  });
});
