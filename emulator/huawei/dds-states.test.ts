import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixtures } from "../fixtures";
import { hcSend, huaweiSdkClient } from "../testing/huawei-sdk";
import { send, signHuawei } from "../testing/signers";
import { startTestEmulator, type TestEmulator } from "../testing/harness";

const H = loadFixtures().huawei;
const S = H.ddsStateInstances;
const inst = (id: string) => `/v3/${H.projectId}/instances/${id}`;
const OWNER = inst(H.ownerDdsInstanceId);
let emu: TestEmulator;

beforeAll(async () => {
  // The state tables fire many calls in one second; the gateway limit has its own test.
  emu = await startTestEmulator({ rateLimits: { huawei: 10_000 } });
});
afterAll(async () => {
  await emu.stop();
});

const call = (method: string, p: string, body?: unknown) => send(signHuawei(emu.urls.dds, { ak: H.ak, sk: H.sk }, method, p, body));
const codeOf = async (method: string, p: string, body?: unknown) => {
  const r = await call(method, p, body);
  return [r.status, r.json.error_code ?? "OK"];
};
const newUser = { user_name: "blocked-user", user_pwd: "Abcd1234?", roles: [] };

describe("DDS instance states and editions in ListInstances", () => {
  it("lists every instance with its status, actions in progress and edition", async () => {
    const r = await call("GET", `/v3/${H.projectId}/instances`);
    const list = r.json.instances as Array<{ id: string; status: string; actions: string[]; datastore: { type: string } }>;
    const byId = new Map(list.map((i) => [i.id, i]));
    expect(byId.get(S.creating)).toMatchObject({ status: "creating", actions: ["CREATE"] });
    expect(byId.get(S.resizing)).toMatchObject({ status: "normal", actions: ["RESIZE_FLAVOR"] });
    expect(byId.get(S.changingPort)).toMatchObject({ status: "normal", actions: ["MODIFY_PORT"] });
    expect(byId.get(S.restarting)).toMatchObject({ status: "normal", actions: ["RESTARTING"] });
    expect(byId.get(S.frozen)).toMatchObject({ status: "frozen", actions: [] });
    expect(byId.get(H.ownerDdsInstanceId)).toMatchObject({ status: "normal", actions: [], datastore: { type: "DDS-Community" } });
    expect(byId.get(H.enhancedDdsInstanceId)).toMatchObject({ status: "normal", datastore: { type: "DDS-Enhanced" } });
  });

  it("filters by datastore_type", async () => {
    const community = await call("GET", `/v3/${H.projectId}/instances?datastore_type=DDS-Community`);
    const ids = (community.json.instances as Array<{ id: string }>).map((i) => i.id);
    expect(ids).not.toContain(H.enhancedDdsInstanceId);
    expect(ids).toContain(H.ownerDdsInstanceId);
    expect(community.json.total_count).toBe(8);
    const enhanced = await call("GET", `/v3/${H.projectId}/instances?datastore_type=DDS-Enhanced`);
    expect((enhanced.json.instances as Array<{ id: string }>).map((i) => i.id)).toEqual([H.enhancedDdsInstanceId]);
  });
});

describe("db-user and db-role calls on instances that are not ready (seed 004)", () => {
  const blocked = [
    ["creating", S.creating],
    ["changing class", S.resizing],
    ["changing port", S.changingPort],
    ["frozen", S.frozen],
    ["restarting", S.restarting],
    ["abnormal", H.abnormalDdsInstanceId],
  ] as const;

  it.each(blocked)("refuses every db-user and db-role call while %s with 403 DBS.200019", async (_n, id) => {
    const refused = [403, "DBS.200019"];
    expect(await codeOf("GET", `${inst(id)}/db-user/detail`)).toEqual(refused);
    expect(await codeOf("GET", `${inst(id)}/db-roles`)).toEqual(refused);
    expect(await codeOf("POST", `${inst(id)}/db-user`, newUser)).toEqual(refused);
    expect(await codeOf("DELETE", `${inst(id)}/db-user`, { db_name: "admin", user_name: "blocked-user" })).toEqual(refused);
    expect(await codeOf("PUT", `${inst(id)}/reset-password`, { user_pwd: "Abcd1234?" })).toEqual(refused);
  });

  it("refuses the Enhanced Edition instance: the APIs are Community Edition only", async () => {
    const id = H.enhancedDdsInstanceId;
    for (const [method, p, body] of [
      ["GET", `${inst(id)}/db-user/detail`, undefined],
      ["GET", `${inst(id)}/db-roles`, undefined],
      ["POST", `${inst(id)}/db-user`, newUser],
      ["DELETE", `${inst(id)}/db-user`, { db_name: "admin", user_name: "x" }],
      ["PUT", `${inst(id)}/reset-password`, { user_pwd: "Abcd1234?" }],
    ] as const) {
      const r = await call(method, p, body);
      expect([r.status, r.json.error_code]).toEqual([400, "DBS.200001"]);
      expect(String(r.json.error_msg)).toContain("Community Edition");
    }
  });

  it("follows a state forced through the admin API, actions included", async () => {
    const id = H.ownerDdsInstanceId;
    await emu.admin("PUT", `/state/dds/instances/${id}/status`, { actions: ["RESTARTING"] });
    expect(await codeOf("GET", `${inst(id)}/db-user/detail`)).toEqual([403, "DBS.200019"]);
    await emu.admin("PUT", `/state/dds/instances/${id}/status`, { actions: [] });
    expect(await codeOf("GET", `${inst(id)}/db-user/detail`)).toEqual([200, "OK"]);
  });
});

describe("DDS reset-password (PUT .../reset-password)", () => {
  const reset = (body: Record<string, unknown>, base = OWNER) => codeOf("PUT", `${base}/reset-password`, body);

  it("resets rwuser when user_name and db_name are left out, and answers {}", async () => {
    const r = await call("PUT", `${OWNER}/reset-password`, { user_pwd: "Rwuser-Pass1" });
    expect([r.status, r.json]).toEqual([200, {}]);
  });

  it("resets a user of another database, and setting the same password twice is harmless", async () => {
    const body = { user_name: "catalog.ro", db_name: "catalog", user_pwd: "Same-Pass1()$" };
    expect(await reset(body)).toEqual([200, "OK"]);
    expect(await reset(body)).toEqual([200, "OK"]);
  });

  it("does so through the official SDK", async () => {
    const c = huaweiSdkClient(emu.urls.dds, H.ak, H.sk, H.projectId);
    const r = await hcSend(c, { method: "PUT", url: "/v3/{project_id}/instances/{instance_id}/reset-password", pathParams: { instance_id: H.ownerDdsInstanceId }, data: { user_name: "catalog-app", db_name: "admin", user_pwd: "Sdk-Reset1?" } });
    expect(r.httpStatusCode).toBe(200);
  });

  it.each(["drsFull", "drsIncremental", "root", "monitor", "backup"])("refuses the built-in user %s", async (name) => {
    expect(await reset({ user_name: name, user_pwd: "Abcd1234?" })).toEqual([400, "DBS.200001"]);
  });

  it.each([
    ["a missing password", {}, [400, "DBS.200052"]],
    ["a password without a symbol", { user_pwd: "Abcd12345" }, [400, "DBS.200052"]],
    ["a password with an unlisted symbol", { user_pwd: "Abcd1234&" }, [400, "DBS.200052"]],
    ["a user name with an underscore", { user_name: "catalog_app", user_pwd: "Abcd1234?" }, [400, "DBS.200001"]],
    ["a bad db_name", { db_name: "my-db", user_pwd: "Abcd1234?" }, [400, "DBS.200001"]],
    ["a user that does not exist", { user_name: "nobody", user_pwd: "Abcd1234?" }, [404, "DBS.201017"]],
    ["a user that exists in another database only", { user_name: "catalog.ro", db_name: "admin", user_pwd: "Abcd1234?" }, [404, "DBS.201017"]],
  ])("refuses %s", async (_n, body, expected) => {
    expect(await reset(body)).toEqual(expected);
  });

  it("answers an unknown instance with 404 DBS.200002", async () => {
    expect(await reset({ user_pwd: "Abcd1234?" }, inst(`${"f".repeat(32)}in02`))).toEqual([404, "DBS.200002"]);
  });
});
