import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDdsApi, ddsUserApisAvailable } from "@/lib/providers/huawei/dds";
import { resetRateLimits } from "@/lib/providers/rate-limit";
import { startTestServer, type RecordedRequest, type Reply, type TestServer } from "@/lib/providers/test-server";

const PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const INSTANCE = "7e2d1c0b9a8f4e3d2c1b0a9f8e7d6c5bin02";
let users: { user: string; db: string }[];
let faults: ("drop-after" | "none")[];
let server: TestServer;

function handle(req: RecordedRequest): Reply {
  if (req.path.endsWith("/db-user/detail")) {
    const name = req.query.get("user_name");
    const list = users
      .filter((u) => !name || u.user === name)
      .map((u) => ({ _id: `${u.db}.${u.user}`, user: u.user, db: u.db, roles: [{ role: "readWrite", db: "orders" }], inheritedRoles: [] }));
    return { json: { total_count: list.length, users: JSON.stringify(list) } };
  }
  if (req.path.endsWith("/db-roles")) {
    return { json: { total_count: 1, roles: JSON.stringify([{ role: "readWrite", db: "admin", isBuiltin: true, roles: [], privileges: [], inheritedRoles: [] }]) } };
  }
  const fault = faults.shift() ?? "none";
  const body = JSON.parse(req.body || "{}") as { user_name: string; db_name: string };
  if (req.method === "POST") users.push({ user: body.user_name, db: body.db_name });
  if (req.method === "DELETE") {
    const before = users.length;
    users = users.filter((u) => !(u.user === body.user_name && u.db === body.db_name));
    if (before === users.length) return { status: 400, json: { error_code: "DBS.200001", error_msg: "Parameter error" } };
  }
  if (fault === "drop-after") return { drop: true };
  return req.method === "POST" ? { json: {} } : { text: "" };
}

beforeAll(async () => {
  server = await startTestServer(handle);
});
afterAll(() => server.close());
beforeEach(() => {
  resetRateLimits();
  server.requests.length = 0;
  users = [{ user: "rwuser", db: "admin" }];
  faults = [];
});

const client = () =>
  createDdsApi(
    { vendor: "huawei", region: "cn-north-4", projectId: PROJECT, endpoints: { dds: server.url }, credentials: { kind: "aksk", ak: "HWAK", sk: "hw-secret" } },
    { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
  );
const writes = () => server.requests.filter((r) => r.method === "POST" || r.method === "DELETE" || r.method === "PUT");

describe("DDS client", () => {
  it("parses the JSON-string users and roles fields", async () => {
    const res = await client().listDbUsers({ instanceId: INSTANCE });
    expect(res.users).toEqual([{ id: "admin.rwuser", userName: "rwuser", dbName: "admin", roles: [{ role: "readWrite", db: "orders" }], inheritedRoles: [] }]);
    const roles = await client().listRoles({ instanceId: INSTANCE });
    expect(roles.roles[0]).toMatchObject({ roleName: "readWrite", dbName: "admin", isBuiltin: true });
  });

  it("reports a users field that is not valid JSON as InvalidResponse", async () => {
    server.setHandler(() => ({ json: { total_count: 1, users: "[{not json" } }));
    try {
      await expect(client().listDbUsers({ instanceId: INSTANCE })).rejects.toMatchObject({ code: "InvalidResponse" });
    } finally {
      server.setHandler(handle);
    }
  });

  it("creates a user with the documented body", async () => {
    const res = await client().createDbUser({ instanceId: INSTANCE, userName: "app.user", password: "Abcd-1234x", roles: [{ roleDbName: "orders", roleName: "readWrite" }] });
    expect(res).toMatchObject({ userName: "app.user", dbName: "admin", foundAfterRetry: false });
    expect(JSON.parse(writes()[0]?.body ?? "")).toEqual({ user_name: "app.user", user_pwd: "Abcd-1234x", roles: [{ role_db_name: "orders", role_name: "readWrite" }], db_name: "admin" });
  });

  it("finds the user after a dropped create instead of creating it twice", async () => {
    faults = ["drop-after"];
    const res = await client().createDbUser({ instanceId: INSTANCE, userName: "app2", password: "Abcd-1234x", roles: [] });
    expect(res.foundAfterRetry).toBe(true);
    expect(writes()).toHaveLength(1);
    expect(users.filter((u) => u.user === "app2")).toHaveLength(1);
  });

  it("treats a retried delete of a user that is already gone as success", async () => {
    users.push({ user: "app3", db: "admin" });
    faults = ["drop-after"];
    const res = await client().deleteDbUser({ instanceId: INSTANCE, userName: "app3", dbName: "admin" });
    expect(res.alreadyGone).toBe(true);
    expect(writes()).toHaveLength(2);
  });

  it("refuses reserved accounts and bad names without sending", async () => {
    await expect(client().createDbUser({ instanceId: INSTANCE, userName: "drsFull", password: "x", roles: [] })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(client().deleteDbUser({ instanceId: INSTANCE, userName: "root", dbName: "admin" })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(client().createDbUser({ instanceId: INSTANCE, userName: "bad name", password: "x", roles: [] })).rejects.toMatchObject({ code: "InvalidArgument" });
    // Seed 004: letters, digits, "-" and "." only.
    await expect(client().createDbUser({ instanceId: INSTANCE, userName: "app_user", password: "x", roles: [] })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(client().deleteDbUser({ instanceId: INSTANCE, userName: "app_user", dbName: "admin" })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(client().createDbUser({ instanceId: INSTANCE, userName: "rwuser", password: "x", roles: [] })).rejects.toMatchObject({ code: "InvalidArgument" });
    for (const userName of ["drsFull", "drsIncremental", "root", "monitor", "backup", "app_user"]) {
      await expect(client().resetPassword({ instanceId: INSTANCE, userName, password: "Abcd-1234x" })).rejects.toMatchObject({ code: "InvalidArgument" });
    }
    await expect(client().resetPassword({ instanceId: INSTANCE, userName: "app", dbName: "my-db", password: "Abcd-1234x" })).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(client().listDbUsers({ instanceId: "in/../x" })).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(server.requests).toHaveLength(0);
  });

  it("lists instances with paging parameters", async () => {
    server.setHandler(() => ({ json: { total_count: 1, instances: [{ id: INSTANCE, name: "mongo", status: "normal", port: 8635, mode: "ReplicaSet", ssl: 1, groups: [{ type: "replica", nodes: [{ id: "n1", role: "Primary", private_ip: "10.0.0.9" }] }] }] } }));
    try {
      const res = await client().listInstances({ offset: 0, limit: 10 });
      expect(res.instances[0]).toMatchObject({ id: INSTANCE, port: "8635", ssl: true, groups: [{ nodes: [{ privateIp: "10.0.0.9" }] }] });
      expect(server.requests[0]?.query.get("limit")).toBe("10");
    } finally {
      server.setHandler(handle);
    }
  });

  it("resets a password with PUT reset-password, rwuser in admin by default", async () => {
    expect(await client().resetPassword({ instanceId: INSTANCE, password: "Rw-Passw0rd!" })).toEqual({ requestId: undefined });
    const sent = writes()[0];
    expect([sent?.method, sent?.path]).toEqual(["PUT", `/v3/${PROJECT}/instances/${INSTANCE}/reset-password`]);
    expect(JSON.parse(sent?.body ?? "")).toEqual({ user_name: "rwuser", db_name: "admin", user_pwd: "Rw-Passw0rd!" });
    await client().resetPassword({ instanceId: INSTANCE, userName: "app.user-1", dbName: "orders_db", password: "App-Passw0rd!" });
    expect(JSON.parse(writes()[1]?.body ?? "")).toEqual({ user_name: "app.user-1", db_name: "orders_db", user_pwd: "App-Passw0rd!" });
  });

  it("retries a reset whose answer was lost (setting the same password twice is harmless)", async () => {
    faults = ["drop-after"];
    await client().resetPassword({ instanceId: INSTANCE, userName: "app", dbName: "admin", password: "App-Passw0rd!" });
    expect(writes()).toHaveLength(2);
    expect(writes().every((r) => r.body === writes()[0]?.body)).toBe(true);
  });

  it("keeps the reset password out of errors and does not retry a refusal", async () => {
    server.setHandler(() => ({ status: 400, json: { error_code: "DBS.200052", error_msg: "Invalid password Weak-Pass1 (user_pwd=Weak-Pass1)" } }));
    try {
      const error = (await client().resetPassword({ instanceId: INSTANCE, password: "Weak-Pass1" }).then(() => undefined, (e: unknown) => e)) as Error;
      expect(error).toMatchObject({ code: "DBS.200052", httpStatus: 400 });
      expect(error.message).not.toContain("Weak-Pass1");
      expect(JSON.stringify(error)).not.toContain("Weak-Pass1");
      expect(server.requests).toHaveLength(1);
    } finally {
      server.setHandler(handle);
    }
  });

  it("reads the actions in progress and tells which instances take db-user calls", async () => {
    const row = (over: object) => ({ id: INSTANCE, status: "normal", actions: [], datastore: { type: "DDS-Community", version: "4.4" }, groups: [], ...over });
    server.setHandler(() => ({
      json: { total_count: 4, instances: [row({}), row({ actions: ["RESTARTING"] }), row({ status: "frozen" }), row({ datastore: { type: "DDS-Enhanced" } })] },
    }));
    try {
      const { instances } = await client().listInstances();
      expect(instances.map((i) => i.actions)).toEqual([[], ["RESTARTING"], [], []]);
      expect(instances.map(ddsUserApisAvailable)).toEqual([true, false, false, false]);
    } finally {
      server.setHandler(handle);
    }
  });
});
