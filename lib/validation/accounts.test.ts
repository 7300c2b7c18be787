import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { CATALOGS } from "@/i18n/catalogs";
import {
  accountsQuery,
  createDdsUserForm,
  createDdsUserInput,
  createMariadbAccountForm,
  createMariadbAccountInput,
  ddsInstanceRef,
  deleteDdsUsersInput,
  deleteMariadbAccountsInput,
  mariadbInstanceRef,
  maxConnectionsSupported,
  resetDdsPasswordInput,
  resetMariadbPasswordInput,
  type CreateMariadbAccountForm,
  type CreateMariadbAccountFormValues,
} from "./accounts";
import { errorMapFor } from "./server-error-map";

const accountId = "7d8f3c52-1c1e-4c53-9a61-6e9fcb0a8d11";
const idempotencyKey = "3b0c7a52-2f0e-4e0b-9a61-6e9fcb0a8d12";
const tencentRef = { accountId, region: "ap-guangzhou", instanceId: "tdsql-ow728lmc" };
const ddsRef = { accountId, projectId: "0581b6b5f6a6491a9a6f4b7d3e1c2a90", region: "cn-north-4", instanceId: "e73893ef73754465a8bd2e0857bbf13ein02" };
const tencentPassword = "Abcd1234()";
const ddsPassword = "Abcd1234!";
const role = { roleDbName: "admin", roleName: "readAnyDatabase" };

/** Field errors as the action wrapper reports them: dotted paths to messages. */
function fieldErrors(schema: z.ZodType, input: unknown) {
  const out: Record<string, string[]> = {};
  for (const i of schema.safeParse(input).error?.issues ?? []) (out[i.path.join(".") || "_form"] ??= []).push(i.message);
  return out;
}

const ok = (schema: z.ZodType, input: unknown) => expect(fieldErrors(schema, input)).toEqual({});

describe("instance references", () => {
  it("accepts the documented Tencent id shapes", () => {
    for (const region of ["ap-guangzhou", "na-siliconvalley", "ap-shanghai-fsi", "eu-frankfurt"]) ok(mariadbInstanceRef, { ...tencentRef, region });
    expect(mariadbInstanceRef.parse(tencentRef)).toEqual(tencentRef);
  });

  it("names each Tencent id problem", () => {
    expect(fieldErrors(mariadbInstanceRef, { accountId: "x", region: "cn-north-4", instanceId: "tdsql-OW728LMC" })).toEqual({
      accountId: ["Choose a cloud account"],
      region: ["Use a Tencent Cloud region id, e.g. ap-guangzhou or na-siliconvalley"],
      instanceId: ["The instance id is tdsql- followed by 8 lowercase letters or digits, e.g. tdsql-ow728lmc"],
    });
    expect(fieldErrors(mariadbInstanceRef, { accountId, region: "", instanceId: "" })).toEqual({ region: ["Choose a region"], instanceId: ["Choose an instance"] });
    for (const instanceId of ["tdsql-ow728lm", "tdsql-ow728lmcx", "cdb-ow728lmc", "tdsql-ow728lm/", " tdsql-ow728lmc"]) {
      expect(Object.keys(fieldErrors(mariadbInstanceRef, { ...tencentRef, instanceId })), instanceId).toEqual(["instanceId"]);
    }
  });

  it("accepts the documented Huawei id shapes, DDS instance ids of 8 to 64 letters and digits", () => {
    ok(ddsInstanceRef, ddsRef);
    ok(ddsInstanceRef, { ...ddsRef, region: "ap-southeast-1", instanceId: "a".repeat(8) });
    ok(ddsInstanceRef, { ...ddsRef, instanceId: "A1".repeat(32) });
  });

  it("names each Huawei id problem, at and past each bound", () => {
    expect(fieldErrors(ddsInstanceRef, { ...ddsRef, projectId: "a".repeat(31), region: "ap-guangzhou", instanceId: "a".repeat(7) })).toEqual({
      projectId: ["The project id is 32 letters and digits"],
      region: ["Use a Huawei Cloud region id, e.g. cn-north-4 or ap-southeast-1"],
      instanceId: ["The instance id is 8 to 64 letters and digits"],
    });
    expect(Object.keys(fieldErrors(ddsInstanceRef, { ...ddsRef, projectId: "a".repeat(33), instanceId: "a".repeat(65) }))).toEqual(["projectId", "instanceId"]);
    expect(Object.keys(fieldErrors(ddsInstanceRef, { ...ddsRef, instanceId: "e73893ef-in02" }))).toEqual(["instanceId"]);
    expect(fieldErrors(ddsInstanceRef, { accountId })).toEqual({ projectId: ["Choose a project"], region: ["Choose a region"], instanceId: ["Choose an instance"] });
  });
});

describe("createMariadbAccountForm", () => {
  const form = (extra: Record<string, unknown> = {}) => ({ userName: "app_ro", password: tencentPassword, ...extra });
  const errors = (extra: Record<string, unknown>) => fieldErrors(createMariadbAccountForm, form(extra));

  it("fills the defaults of an account that may connect from anywhere, read-write and unlimited", () => {
    expect(createMariadbAccountForm.parse(form())).toEqual({
      userName: "app_ro",
      host: "%",
      password: tencentPassword,
      readOnly: 0,
      delayThresh: undefined,
      slaveConst: undefined,
      maxUserConnections: 0,
      description: "",
    });
  });

  it("bounds the user name at 1 and 32 characters and trims it", () => {
    expect(errors({ userName: "" })).toEqual({ userName: ["Enter the database user name"] });
    expect(errors({ userName: undefined })).toEqual({ userName: ["Enter the database user name"] });
    ok(createMariadbAccountForm, form({ userName: "a" }));
    ok(createMariadbAccountForm, form({ userName: "a".repeat(32) }));
    expect(errors({ userName: "a".repeat(33) })).toEqual({ userName: ["At most 32 characters"] });
    expect(createMariadbAccountForm.parse(form({ userName: "  bob  " })).userName).toBe("bob");
  });

  it("takes letters, digits, _ and - and requires a leading letter", () => {
    ok(createMariadbAccountForm, form({ userName: "Svc_reader-2" }));
    for (const userName of ["a.b", "a b", "a@b", "é", "a'b"]) expect(errors({ userName }), userName).toEqual({ userName: ["Use only letters, digits, _ and -"] });
    for (const userName of ["9svc", "_svc", "-svc"]) {
      expect(errors({ userName }), userName).toEqual({ userName: ["Start with a letter; Tencent Cloud requires it for new accounts"] });
    }
  });

  it("checks the host as a MySQL pattern", () => {
    for (const host of ["%", "10.%", "10.20.%", "10.20.30.%", "10.20.30.40", "::1", "fe80::1"]) expect(createMariadbAccountForm.parse(form({ host })).host).toBe(host);
    for (const host of ["10.%.1", "300.1.%", "%.10", "10.20.30.40.%", "a b", "1".repeat(61), ""]) expect(Object.keys(errors({ host })), host).toEqual(["host"]);
  });

  it("uses the Tencent password policy", () => {
    ok(createMariadbAccountForm, form({ password: "Ab1{}[]<>|:,./" }));
    expect(errors({ password: "/Abcd1234!" })).toEqual({ password: ['The password must not start with "/".'] });
    expect(errors({ password: "" })).toEqual({ password: ["Enter a password."] });
  });

  it("turns the string a <select> sends into the read-only mode's number", () => {
    expect(createMariadbAccountForm.parse(form({ readOnly: "1" })).readOnly).toBe(1);
    expect(createMariadbAccountForm.parse(form({ readOnly: "3" })).readOnly).toBe(3);
    expect(createMariadbAccountForm.parse(form({ readOnly: 2 })).readOnly).toBe(2);
    for (const readOnly of [4, "4", -1, "", " 1", "01", null, true, 1.5]) {
      expect(errors({ readOnly }), String(readOnly)).toEqual({ readOnly: ["Choose read-write or one of the read-only modes"] });
    }
  });

  it("takes a lag threshold of 1 to 10000 whole seconds, as a number or digits", () => {
    const parse = (delayThresh: unknown) => createMariadbAccountForm.parse(form({ readOnly: "1", delayThresh })).delayThresh;
    expect(parse(1)).toBe(1);
    expect(parse(10_000)).toBe(10_000);
    expect(parse("15")).toBe(15);
    expect(parse(" 15 ")).toBe(15);
    expect(parse("")).toBeUndefined();
    expect(parse(undefined)).toBeUndefined();
    for (const delayThresh of [0, 10_001, 1.5, "1.5", "abc", "-1", "0", "10001", Number.NaN, Number.POSITIVE_INFINITY, null, true]) {
      expect(errors({ readOnly: 1, delayThresh }), String(delayThresh)).toEqual({ delayThresh: ["Enter a whole number of seconds from 1 to 10000"] });
    }
  });

  it("allows a lag threshold only in read-only modes 1 and 2", () => {
    ok(createMariadbAccountForm, form({ readOnly: 2, delayThresh: 15 }));
    for (const readOnly of [0, 3, "0", "3"]) {
      expect(errors({ readOnly, delayThresh: 15 }), String(readOnly)).toEqual({
        delayThresh: ["Only the read-only modes that watch replica lag (1 and 2) use a lag threshold; clear this field"],
      });
      ok(createMariadbAccountForm, form({ readOnly, delayThresh: "" }));
    }
  });

  it("allows pinning a replica only for read-only accounts", () => {
    expect(createMariadbAccountForm.parse(form({ readOnly: "3", slaveConst: "1" })).slaveConst).toBe(1);
    expect(createMariadbAccountForm.parse(form({ readOnly: 1, slaveConst: 0 })).slaveConst).toBe(0);
    expect(createMariadbAccountForm.parse(form({ readOnly: 1, slaveConst: "" })).slaveConst).toBeUndefined();
    for (const slaveConst of [0, 1, "0"]) expect(errors({ readOnly: 0, slaveConst }), String(slaveConst)).toEqual({ slaveConst: ["Only read-only accounts connect to a replica; clear this choice"] });
    ok(createMariadbAccountForm, form({ readOnly: 0, slaveConst: "" }));
    for (const slaveConst of [2, "2", true]) expect(errors({ readOnly: 1, slaveConst }), String(slaveConst)).toEqual({ slaveConst: ["Choose whether to pin the replica"] });
  });

  it("takes 0 (unlimited) to 10240 connections, empty meaning unlimited", () => {
    const parse = (maxUserConnections: unknown) => createMariadbAccountForm.parse(form({ maxUserConnections })).maxUserConnections;
    expect(parse(0)).toBe(0);
    expect(parse("")).toBe(0);
    expect(parse(10_240)).toBe(10_240);
    expect(parse("100")).toBe(100);
    for (const maxUserConnections of [-1, 10_241, 2.5, "x"]) {
      expect(errors({ maxUserConnections }), String(maxUserConnections)).toEqual({ maxUserConnections: ["Enter a whole number from 0 to 10240; 0 means unlimited"] });
    }
  });

  it("bounds the description at 256 characters of one-line plain text, trimmed", () => {
    expect(createMariadbAccountForm.parse(form({ description: "  报表只读账号  " })).description).toBe("报表只读账号");
    ok(createMariadbAccountForm, form({ description: "x".repeat(256) }));
    expect(errors({ description: "x".repeat(257) })).toEqual({ description: ["At most 256 characters"] });
    expect(errors({ description: "a\nb" })).toEqual({ description: ["Remove the line break or tab at position 2 (U+000A); only printable text is allowed"] });
  });

  it("lands every error on its own field at once", () => {
    expect(Object.keys(errors({ userName: "9", host: "10.%.1", password: "x", readOnly: 0, delayThresh: 5, description: "a\u0000" })).sort()).toEqual(
      ["delayThresh", "description", "host", "password", "userName"],
    );
  });

  it("infers a form type that takes strings from selects and gives numbers", () => {
    expectTypeOf<CreateMariadbAccountFormValues["readOnly"]>().toEqualTypeOf<0 | 1 | 2 | 3 | string | undefined>();
    expectTypeOf<CreateMariadbAccountForm["readOnly"]>().toEqualTypeOf<0 | 1 | 2 | 3>();
    expectTypeOf<CreateMariadbAccountForm["delayThresh"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<CreateMariadbAccountForm["maxUserConnections"]>().toEqualTypeOf<number>();
  });
});

describe("createMariadbAccountInput", () => {
  const input = { ...tencentRef, userName: "app", password: tencentPassword, idempotencyKey };

  it("is the reference, the form and an idempotency key", () => {
    expect(createMariadbAccountInput.parse(input)).toMatchObject({ ...tencentRef, userName: "app", host: "%", idempotencyKey });
    expect(fieldErrors(createMariadbAccountInput, { ...input, idempotencyKey: undefined })).toEqual({ idempotencyKey: ["Reload the form and try again"] });
  });

  it("drops fields it does not know, like the other inputs", () => {
    expect(createMariadbAccountInput.parse({ ...input, isAdmin: true })).not.toHaveProperty("isAdmin");
  });

  it("keeps the mode rules", () => {
    expect(Object.keys(fieldErrors(createMariadbAccountInput, { ...input, delayThresh: 10 }))).toEqual(["delayThresh"]);
  });
});

describe("maxConnectionsSupported", () => {
  it("is false on kernel 10.1 only", () => {
    for (const v of ["10.1", "10.1.9", " 10.1.9 "]) expect(maxConnectionsSupported(v), v).toBe(false);
    for (const v of ["10.0.10", "10.10.2", "5.7.17", "8.0.18", ""]) expect(maxConnectionsSupported(v), v).toBe(true);
  });
});

describe("resetMariadbPasswordInput", () => {
  const input = (extra: Record<string, unknown> = {}) => ({ ...tencentRef, userName: "app", host: "%", password: tencentPassword, idempotencyKey, ...extra });

  it("takes an existing account's name even when it does not start with a letter", () => {
    for (const userName of ["9svc", "_svc", "-svc", "a".repeat(32), "a"]) ok(resetMariadbPasswordInput, input({ userName }));
    expect(fieldErrors(resetMariadbPasswordInput, input({ userName: "a".repeat(33) }))).toEqual({ userName: ["At most 32 characters"] });
    expect(fieldErrors(resetMariadbPasswordInput, input({ userName: "" }))).toEqual({ userName: ["Enter the database user name"] });
    for (const userName of ["a.b", " app", "app "]) expect(fieldErrors(resetMariadbPasswordInput, input({ userName })), userName).toEqual({ userName: ["Use only letters, digits, _ and -"] });
  });

  it("takes any host pattern of 1 to 60 printable characters, untouched", () => {
    for (const host of ["%", "10.%.1", "app.example.com", "10.0.0.0/255.0.0.0", "h".repeat(60)]) {
      expect(resetMariadbPasswordInput.parse(input({ host })).host, host).toBe(host);
    }
    for (const host of ["", "a b", " %", "h".repeat(61), "主机"]) {
      expect(fieldErrors(resetMariadbPasswordInput, input({ host })), host).toEqual({ host: ["The host is 1 to 60 printable characters without spaces"] });
    }
  });

  it("uses the Tencent password policy", () => {
    expect(Object.keys(fieldErrors(resetMariadbPasswordInput, input({ password: "/Abcd1234!" })))).toEqual(["password"]);
  });
});

describe("deleteMariadbAccountsInput", () => {
  const accounts = (n: number) => Array.from({ length: n }, (_, i) => ({ userName: `u${i}`, host: "%" }));
  const input = (extra: Record<string, unknown>) => ({ ...tencentRef, accounts: accounts(1), idempotencyKey, confirm: true, ...extra });

  it("takes 1 to 50 accounts", () => {
    expect(fieldErrors(deleteMariadbAccountsInput, input({ accounts: [] }))).toEqual({ accounts: ["Choose at least one account"] });
    ok(deleteMariadbAccountsInput, input({ accounts: accounts(1) }));
    ok(deleteMariadbAccountsInput, input({ accounts: accounts(50) }));
    expect(fieldErrors(deleteMariadbAccountsInput, input({ accounts: accounts(51) }))).toEqual({ accounts: ["At most 50 accounts at once"] });
    expect(fieldErrors(deleteMariadbAccountsInput, input({ accounts: undefined }))).toEqual({ accounts: ["Choose at least one account"] });
  });

  it("refuses the same account twice, comparing hosts without case", () => {
    const twice = [
      { userName: "app", host: "Db.Example.com" },
      { userName: "App", host: "db.example.com" },
      { userName: "app", host: "db.example.COM" },
    ];
    expect(fieldErrors(deleteMariadbAccountsInput, input({ accounts: twice }))).toEqual({ "accounts.2": ["This account (user name and host) is listed twice"] });
  });

  it("points an item's error at the item", () => {
    expect(Object.keys(fieldErrors(deleteMariadbAccountsInput, input({ accounts: [{ userName: "ok", host: "%" }, { userName: "a b", host: "" }] })))).toEqual([
      "accounts.1.userName",
      "accounts.1.host",
    ]);
  });

  it("needs the deletion confirmed with true itself", () => {
    for (const confirm of [false, "true", 1, undefined]) {
      expect(fieldErrors(deleteMariadbAccountsInput, input({ confirm })), String(confirm)).toEqual({ confirm: ["Confirm the deletion to go on"] });
    }
  });
});

describe("createDdsUserForm", () => {
  const form = (extra: Record<string, unknown> = {}) => ({ userName: "app.reader", password: ddsPassword, roles: [role], ...extra });
  const errors = (extra: Record<string, unknown>) => fieldErrors(createDdsUserForm, form(extra));

  it("defaults the database to admin and keeps the roles", () => {
    expect(createDdsUserForm.parse(form())).toEqual({ userName: "app.reader", password: ddsPassword, dbName: "admin", roles: [role], noPrivileges: false });
  });

  it("bounds the user name at 1 and 64 characters of letters, digits, - and .", () => {
    expect(errors({ userName: "" })).toEqual({ userName: ["Enter the database user name"] });
    ok(createDdsUserForm, form({ userName: "a" }));
    ok(createDdsUserForm, form({ userName: "a".repeat(64) }));
    ok(createDdsUserForm, form({ userName: "9-lives.v2" }));
    expect(errors({ userName: "a".repeat(65) })).toEqual({ userName: ["At most 64 characters"] });
    for (const userName of ["a_b", "a b", "a@b", "é"]) expect(errors({ userName }), userName).toEqual({ userName: ["Use only letters, digits, - and ."] });
  });

  it("refuses the reserved and built-in names, in any case", () => {
    for (const userName of ["drsFull", "drsIncremental", "root", "monitor", "backup", "rwuser", "ROOT", "DrsFull", "RwUser"]) {
      expect(errors({ userName }), userName).toEqual({ userName: [`“${userName}” is a built-in or reserved user; choose another name`] });
    }
    ok(createDdsUserForm, form({ userName: "rooted" }));
  });

  it("bounds the database name at 1 and 64 letters, digits and _", () => {
    ok(createDdsUserForm, form({ dbName: "a" }));
    ok(createDdsUserForm, form({ dbName: "my_db".padEnd(64, "x") }));
    expect(errors({ dbName: "x".repeat(65) })).toEqual({ dbName: ["At most 64 characters"] });
    expect(errors({ dbName: "" })).toEqual({ dbName: ["Enter the database name"] });
    for (const dbName of ["my-db", "my.db", "my db"]) expect(errors({ dbName }), dbName).toEqual({ dbName: ["Use only letters, digits and _"] });
  });

  it("uses the DDS password policy", () => {
    expect(errors({ password: tencentPassword })).toEqual({
      password: ["Add at least one of these symbols: ~!@#%^*-_=+?", "Use only letters, digits and these symbols: ~!@#%^*-_=+? (no spaces or other characters)."],
    });
  });

  it("checks each role's database and name", () => {
    const one = (r: Record<string, unknown>) => errors({ roles: [{ ...role, ...r }] });
    ok(createDdsUserForm, form({ roles: [{ roleDbName: "a".repeat(64), roleName: "b".repeat(64) }] }));
    expect(one({ roleDbName: "a".repeat(65), roleName: "b".repeat(65) })).toEqual({ "roles.0.roleDbName": ["At most 64 characters"], "roles.0.roleName": ["At most 64 characters"] });
    expect(one({ roleDbName: "", roleName: "" })).toEqual({ "roles.0.roleDbName": ["Enter the database the role belongs to"], "roles.0.roleName": ["Enter the role name"] });
    expect(one({ roleDbName: "a.b", roleName: "read_write" })).toEqual({ "roles.0.roleDbName": ["Use only letters, digits and _"], "roles.0.roleName": ["Use only letters, digits, - and ."] });
  });

  it("takes at most 50 distinct roles", () => {
    const roles = (n: number) => Array.from({ length: n }, (_, i) => ({ roleDbName: "admin", roleName: `role${i}` }));
    ok(createDdsUserForm, form({ roles: roles(50) }));
    expect(errors({ roles: roles(51) })).toEqual({ roles: ["At most 50 roles"] });
    expect(errors({ roles: [role, { roleDbName: "test", roleName: role.roleName }, role] })).toEqual({ "roles.2": ["This role is listed twice"] });
  });

  it("allows no roles only when no privileges is chosen, and not both", () => {
    expect(errors({ roles: [] })).toEqual({ roles: ["Pick at least one role, or choose “No privileges” to create the user without any"] });
    expect(errors({ roles: undefined })).toEqual({ roles: ["Pick at least one role, or choose “No privileges” to create the user without any"] });
    expect(createDdsUserForm.parse(form({ roles: [], noPrivileges: true }))).toMatchObject({ roles: [], noPrivileges: true });
    expect(errors({ noPrivileges: true })).toEqual({ noPrivileges: ["“No privileges” cannot go with roles; remove the roles or clear this choice"] });
    expect(Object.keys(errors({ noPrivileges: "true" }))).toEqual(["noPrivileges"]);
  });
});

describe("createDdsUserInput", () => {
  it("is the reference, the form and an idempotency key", () => {
    const input = { ...ddsRef, userName: "app", password: ddsPassword, noPrivileges: true, idempotencyKey };
    expect(createDdsUserInput.parse(input)).toEqual({ ...ddsRef, userName: "app", password: ddsPassword, dbName: "admin", roles: [], noPrivileges: true, idempotencyKey });
    expect(Object.keys(fieldErrors(createDdsUserInput, { ...input, noPrivileges: false }))).toEqual(["roles"]);
  });
});

describe("resetDdsPasswordInput", () => {
  const input = (extra: Record<string, unknown> = {}) => ({ ...ddsRef, userName: "rwuser", dbName: "admin", password: ddsPassword, idempotencyKey, ...extra });

  it("resets rwuser and users made elsewhere, with _ in the name", () => {
    for (const userName of ["rwuser", "_svc", "app_reader.v2", "Root", "a".repeat(64)]) ok(resetDdsPasswordInput, input({ userName }));
    expect(fieldErrors(resetDdsPasswordInput, input({ userName: "a".repeat(65) }))).toEqual({ userName: ["At most 64 characters"] });
    expect(fieldErrors(resetDdsPasswordInput, input({ userName: "a b" }))).toEqual({ userName: ["Use only letters, digits, -, _ and ."] });
  });

  it("refuses the other built-in and reserved users", () => {
    for (const userName of ["root", "monitor", "backup", "drsFull", "drsIncremental"]) {
      expect(fieldErrors(resetDdsPasswordInput, input({ userName })), userName).toEqual({ userName: [`The password of the built-in user “${userName}” cannot be changed here`] });
    }
  });

  it("needs the user's database", () => {
    expect(fieldErrors(resetDdsPasswordInput, input({ dbName: undefined }))).toEqual({ dbName: ["Enter the database name"] });
    expect(fieldErrors(resetDdsPasswordInput, input({ dbName: "x".repeat(65) }))).toEqual({ dbName: ["At most 64 characters"] });
  });
});

describe("deleteDdsUsersInput", () => {
  const users = (n: number) => Array.from({ length: n }, (_, i) => ({ userName: `u${i}`, dbName: "admin" }));
  const input = (extra: Record<string, unknown>) => ({ ...ddsRef, users: users(1), idempotencyKey, confirm: true, ...extra });

  it("takes 1 to 50 distinct users", () => {
    expect(fieldErrors(deleteDdsUsersInput, input({ users: [] }))).toEqual({ users: ["Choose at least one user"] });
    ok(deleteDdsUsersInput, input({ users: users(50) }));
    expect(fieldErrors(deleteDdsUsersInput, input({ users: users(51) }))).toEqual({ users: ["At most 50 users at once"] });
    const twice = [{ userName: "a", dbName: "admin" }, { userName: "a", dbName: "test" }, { userName: "a", dbName: "admin" }];
    expect(fieldErrors(deleteDdsUsersInput, input({ users: twice }))).toEqual({ "users.2": ["This user (name and database) is listed twice"] });
  });

  it("refuses every built-in and reserved user, rwuser included", () => {
    for (const userName of ["rwuser", "root", "monitor", "backup", "drsFull", "drsIncremental"]) {
      expect(fieldErrors(deleteDdsUsersInput, input({ users: [{ userName, dbName: "admin" }] })), userName).toEqual({ "users.0.userName": [`The built-in user “${userName}” cannot be deleted`] });
    }
  });

  it("needs the deletion confirmed", () => {
    expect(fieldErrors(deleteDdsUsersInput, input({ confirm: false }))).toEqual({ confirm: ["Confirm the deletion to go on"] });
  });
});

describe("accountsQuery", () => {
  const tencent = { account: accountId, region: "ap-guangzhou", instance: "tdsql-ow728lmc" };
  const huawei = { account: accountId, region: "cn-north-4", project: ddsRef.projectId, instance: ddsRef.instanceId };

  it("takes an account alone, a region, or a whole Tencent or Huawei path", () => {
    for (const q of [{ account: accountId }, { account: accountId, region: "ap-guangzhou" }, { account: accountId, region: "cn-north-4" }, tencent, huawei]) ok(accountsQuery, q);
    ok(accountsQuery, { account: accountId, region: "cn-north-4", project: ddsRef.projectId });
  });

  it("uses the path ids' rules", () => {
    expect(fieldErrors(accountsQuery, { account: "1", region: "Guangzhou", project: "p", instance: "x" })).toEqual({
      account: ["Choose a cloud account"],
      region: ["Use the vendor's region id, e.g. cn-hangzhou, ap-guangzhou or cn-north-4"],
      project: ["The project id is 32 letters and digits"],
      instance: ["Not the id of a Tencent MariaDB (tdsql-…) or Huawei DDS instance"],
    });
  });

  it("makes the ids agree on the vendor", () => {
    expect(fieldErrors(accountsQuery, { ...tencent, region: undefined })).toEqual({ region: ["Choose a region"] });
    expect(fieldErrors(accountsQuery, { ...tencent, region: "cn-north-4" })).toEqual({ region: ["Use a Tencent Cloud region id, e.g. ap-guangzhou or na-siliconvalley"] });
    expect(fieldErrors(accountsQuery, { ...tencent, project: ddsRef.projectId })).toEqual({ instance: ["The instance id is 8 to 64 letters and digits"] });
    expect(fieldErrors(accountsQuery, { ...huawei, project: undefined })).toEqual({ project: ["Choose a project"] });
    expect(fieldErrors(accountsQuery, { ...huawei, region: "ap-guangzhou" })).toEqual({ region: ["Use a Huawei Cloud region id, e.g. cn-north-4 or ap-southeast-1"] });
  });
});

describe("characters no field may carry", () => {
  const BAD = { nul: "\u0000", bell: "\u0007", escape: "\u001b", del: "\u007f", surrogate: "\uD800", lowSurrogate: "\uDC00", lineBreak: "\n" };
  type Case = { schema: z.ZodType; base: Record<string, unknown>; fields: string[] };
  const set = (base: Record<string, unknown>, path: string, char: string) => {
    const copy = structuredClone(base);
    const keys = path.split(".");
    let node = copy as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
    const last = keys.at(-1)!;
    node[last] = `${String(node[last]).slice(0, 3)}${char}x`;
    return copy;
  };
  const cases: Record<string, Case> = {
    createMariadbAccountInput: {
      schema: createMariadbAccountInput,
      base: { ...tencentRef, userName: "app", host: "10.%", password: tencentPassword, description: "reports", idempotencyKey },
      fields: ["userName", "host", "password", "description", "region", "instanceId"],
    },
    resetMariadbPasswordInput: {
      schema: resetMariadbPasswordInput,
      base: { ...tencentRef, userName: "app", host: "10.%", password: tencentPassword, idempotencyKey },
      fields: ["userName", "host", "password"],
    },
    deleteMariadbAccountsInput: {
      schema: deleteMariadbAccountsInput,
      base: { ...tencentRef, accounts: [{ userName: "app", host: "10.%" }], idempotencyKey, confirm: true },
      fields: ["accounts.0.userName", "accounts.0.host"],
    },
    createDdsUserInput: {
      schema: createDdsUserInput,
      base: { ...ddsRef, userName: "app", password: ddsPassword, dbName: "admin", roles: [role], idempotencyKey },
      fields: ["userName", "password", "dbName", "roles.0.roleDbName", "roles.0.roleName", "projectId", "instanceId"],
    },
    resetDdsPasswordInput: {
      schema: resetDdsPasswordInput,
      base: { ...ddsRef, userName: "app", dbName: "admin", password: ddsPassword, idempotencyKey },
      fields: ["userName", "dbName", "password"],
    },
    deleteDdsUsersInput: {
      schema: deleteDdsUsersInput,
      base: { ...ddsRef, users: [{ userName: "app", dbName: "admin" }], idempotencyKey, confirm: true },
      fields: ["users.0.userName", "users.0.dbName"],
    },
  };

  for (const [name, { schema, base, fields }] of Object.entries(cases)) {
    it(`${name} refuses NUL, control characters and lone surrogates with an error at the field`, () => {
      ok(schema, base);
      for (const field of fields) {
        for (const [what, char] of Object.entries(BAD)) {
          expect(Object.keys(fieldErrors(schema, set(base, field, char))), `${field} with ${what}`).toEqual([field]);
        }
      }
    });
  }

  it("names the character and its position in the description", () => {
    const input = { ...tencentRef, userName: "app", password: tencentPassword, idempotencyKey };
    expect(fieldErrors(createMariadbAccountInput, { ...input, description: "ab\u0000" }).description).toEqual([
      "Remove the NUL character at position 3 (U+0000); only printable text is allowed",
    ]);
    expect(fieldErrors(createMariadbAccountInput, { ...input, description: "a\uDC00" }).description?.[0]).toMatch(/unpaired surrogate U\+DC00/);
  });
});

describe("Chinese wording", () => {
  it("speaks Chinese through the Chinese error map", () => {
    const zh = CATALOGS["zh-CN"].Validation;
    const result = createDdsUserForm.safeParse({ userName: "root", password: ddsPassword, roles: [] }, { error: errorMapFor("zh-CN") });
    expect(result.error?.issues.map((i) => i.message)).toEqual([zh.ddsUserNameReserved.replace("{name}", "root"), zh.ddsRolesOrNoPrivileges]);
    const mode = createMariadbAccountForm.safeParse({ userName: "a", password: tencentPassword, delayThresh: 5 }, { error: errorMapFor("zh-CN") });
    expect(mode.error?.issues[0]?.message).toBe(zh.delayThreshMode);
  });
});
