import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditEntryInput } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/session";

/*
 * Every exported server action, found by globbing the action files, fed the characters PostgreSQL
 * cannot store (NUL, unpaired surrogates) and a control character in each of its string fields:
 * each is refused with a field error at that field, audited as invalid, and nothing runs.
 */

const state = vi.hoisted(() => ({ audit: [] as AuditEntryInput[] }));
const admin: Actor = { id: "7d8f3c52-1c1e-4c53-9a61-6e9fcb0a8d11", email: "admin@example.com", name: "A", roles: ["admin"], resources: new Set() };

vi.mock("@/lib/auth/session", () => ({ getActor: async () => admin, revokeCurrentSession: async () => undefined }));
vi.mock("@/lib/auth/request-meta", () => ({ requestMeta: async () => ({ ip: "10.0.0.1", userAgent: "vitest" }) }));
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {}, CredentialsSignin: class CredentialsSignin extends Error {} }));
vi.mock("@/lib/auth/auth", () => ({ signIn: async () => undefined, signOut: async () => undefined }));
vi.mock("@/lib/audit/log", () => ({ appendAudit: async (entry: AuditEntryInput) => void state.audit.push(entry) }));
// Nothing may reach the data layer: an input that got past validation fails loudly here.
vi.mock("@/lib/db", () => ({
  getDb: async () => {
    throw new Error("validation let a bad input through to the database");
  },
}));

const { actionDefinitionOf } = await import("./safe-action");
const modules = import.meta.glob<Record<string, unknown>>("/app/**/actions.ts", { eager: true });

/** Functions of "use server" files that are not defineAction actions, each for a stated reason. */
const NOT_WRAPPED = new Set([
  "loginAction", // public by nature; Auth.js's authorize() validates, throttles and audits
  "ssoLoginAction", // takes only a callback URL, checked by safeCallback
  "signOutAction", // takes no input; ends only the caller's own session
]);

const ID = "2b1c8f0e-4d5a-4c3b-9e8f-1a2b3c4d5e6f";
const proxyScope = { accountId: ID, tenantId: "3001", proxyId: "1202" };
const mariadb = { accountId: ID, region: "ap-guangzhou", instanceId: "tdsql-ow728lmc" };
const dds = { accountId: ID, projectId: "a".repeat(32), region: "cn-north-4", instanceId: `${"d".repeat(32)}in02` };
const taurusProxy = { accountId: ID, projectId: "a".repeat(32), instanceId: `${"b".repeat(32)}in07`, proxyId: `${"c".repeat(32)}po01` };

/** A valid input per action (several where the schema has variants), with every string field filled. */
const SAMPLES: Record<string, Record<string, unknown>[]> = {
  "users.create": [{ email: "ana@example.com", name: "Ana", roles: ["owner"], resources: ["dms-instance:5101"], signIn: "password" }],
  "users.update": [{ id: ID, name: "Ana", roles: ["owner"], resources: ["dms-instance:5101"] }],
  "users.set-disabled": [{ id: ID, disabled: true }],
  "users.reset-password": [{ id: ID }],
  "cloud-accounts.save": [
    {
      id: ID, replaceCredentials: true, vendor: "alibaba", name: "Prod", region: "cn-hangzhou", endpoint: "https://dms.example.com",
      tenantId: "12", signature: "acs3", accessKeyId: "LTAI", accessKeySecret: "secret",
    },
    { vendor: "tencent", name: "T", region: "ap-guangzhou", endpoint: "https://cdb.example.com", secretId: "AKID", secretKey: "key" },
    {
      vendor: "huawei", name: "Hw", region: "cn-north-4", projectId: "a".repeat(32), taurusEndpoint: "https://t.example.com",
      ddsEndpoint: "https://d.example.com", iamEndpoint: "https://i.example.com", authKind: "iam", ak: "AK", sk: "SK",
      domainName: "dom", userName: "iam-user", password: "pw",
    },
  ],
  "cloud-accounts.delete": [{ id: ID }],
  "cloud-accounts.test": [{ id: ID }],
  "proxy-accesses.grant": [{ ...proxyScope, userId: "51", indepAccount: "app_ro", indepPassword: "Aa1~bcdefgh", reason: "Quarterly report", idempotencyKey: ID }],
  "proxy-accesses.revoke": [{ ...proxyScope, proxyAccessIds: ["7", "8"], reason: "Left the team", idempotencyKey: ID }],
  "proxy-accesses.reveal-secret": [{ ...proxyScope, proxyAccessId: "7" }],
  "proxy-accesses.bulk-grant": [{ ...proxyScope, userIds: ["51", "52"], reason: "New team onboarding", idempotencyKey: ID }],
  "proxy-accesses.bulk-grant.retry": [{ jobId: ID }],
  "jobs.retry": [{ queue: "bulk-grants.item", id: ID }],
  "preferences.set-locale": [{ locale: "zh-CN" }],
  "access-control.switch": [{ ...taurusProxy, open: false, idempotencyKey: ID, confirmEmptyWhitelist: true }],
  "access-control.rules": [
    { ...taurusProxy, type: "white", ipList: [{ ip: "10.0.0.0/8", description: "office" }, { ip: "2001:db8::1", description: "bastion" }], idempotencyKey: ID },
  ],
  "access-control.restore": [{ ...taurusProxy, operationId: ID, idempotencyKey: ID }],
  "mariadb-accounts.create": [
    { ...mariadb, userName: "app_ro", host: "10.20.%", password: "Aa1~bcdefgh", readOnly: 1, delayThresh: 15, slaveConst: 1, maxUserConnections: 100, description: "Reporting", idempotencyKey: ID },
  ],
  "mariadb-accounts.reset-password": [{ ...mariadb, userName: "app_ro", host: "10.20.%", password: "Aa1~bcdefgh", idempotencyKey: ID }],
  "mariadb-accounts.delete": [{ ...mariadb, accounts: [{ userName: "app_ro", host: "%" }, { userName: "app_rw", host: "10.%" }], idempotencyKey: ID, confirm: true }],
  "dds-users.create": [{ ...dds, userName: "report.reader", password: "Aa1~bcdefgh", dbName: "admin", roles: [{ roleDbName: "sales", roleName: "read" }], noPrivileges: false, idempotencyKey: ID }],
  "dds-users.reset-password": [{ ...dds, userName: "report.reader", dbName: "admin", password: "Aa1~bcdefgh", idempotencyKey: ID }],
  "dds-users.delete": [{ ...dds, users: [{ userName: "report.reader", dbName: "admin" }], idempotencyKey: ID, confirm: true }],
};

/** Paths of every string in `value`, e.g. ["name"], ["proxyAccessIds", 1]. */
function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === "string") return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringPaths(item, [...path, i]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

/** `sample` with `char` put into the string at `path`: after its first character, or at its end (past any format prefix). */
function withChar(sample: Record<string, unknown>, path: (string | number)[], char: string, at: "inside" | "end" = "inside"): Record<string, unknown> {
  const copy = structuredClone(sample);
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  const text = node[last] as string;
  node[last] = at === "end" ? `${text}${char}` : `${text.slice(0, 1)}${char}${text.slice(1)}`;
  return copy;
}

const actions = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([, value]) => typeof value === "function")
    .map(([exportName, fn]) => ({ file, exportName, fn: fn as (input: unknown) => Promise<unknown>, definition: actionDefinitionOf(fn) })),
);
const wrapped = actions.filter((a) => a.definition);

const BAD = { NUL: "\u0000", "a lone high surrogate": "\ud800", "a lone low surrogate": "\udc00", "a control character": "\u001b" };

beforeEach(() => {
  state.audit = [];
});

describe("every server action", () => {
  it("goes through defineAction, or is a known exception", () => {
    expect(actions.length).toBeGreaterThan(10);
    expect(actions.filter((a) => !a.definition).map((a) => a.exportName).sort()).toEqual([...NOT_WRAPPED].sort());
  });

  it("has a valid sample here, so a new action cannot skip these checks", () => {
    for (const { definition } of wrapped) {
      const samples = SAMPLES[definition!.name];
      expect(samples, `add a sample input for ${definition!.name}`).toBeDefined();
      for (const sample of samples!) expect(definition!.input.safeParse(sample).error?.issues ?? [], definition!.name).toEqual([]);
    }
  });

  for (const [what, char] of Object.entries(BAD)) {
    it(`refuses ${what} in each string field with a field error, audits the refusal, and stores nothing`, async () => {
      let checked = 0;
      for (const { fn, definition } of wrapped) {
        for (const sample of SAMPLES[definition!.name] ?? []) {
          for (const [path, at] of stringPaths(sample).flatMap((p) => [[p, "inside"], [p, "end"]] as const)) {
            state.audit = [];
            const result = (await fn(withChar(sample, path, char, at))) as { ok: boolean; code?: string; fieldErrors?: Record<string, string[]> };
            const where = `${definition!.name} ${path.join(".")} (${at})`;
            expect(result, where).toMatchObject({ ok: false, code: "INVALID_INPUT" });
            expect(Object.keys(result.fieldErrors ?? {}), where).toContain(path.join("."));
            expect(state.audit, where).toMatchObject([{ action: definition!.name, outcome: "invalid" }]);
            checked += 1;
          }
        }
      }
      expect(checked).toBeGreaterThan(80);
    });
  }
});

describe("the input schemas on their own (what the forms check before sending)", () => {
  const FREE_TEXT: Record<string, string[]> = {
    "users.create": ["name", "email"],
    "users.update": ["name"],
    "cloud-accounts.save": ["name", "accessKeyId", "accessKeySecret", "secretId", "secretKey", "ak", "sk", "domainName", "userName", "password"],
    "proxy-accesses.grant": ["reason"],
    "proxy-accesses.revoke": ["reason"],
    "proxy-accesses.bulk-grant": ["reason"],
    "mariadb-accounts.create": ["description"],
  };

  for (const [what, char] of Object.entries(BAD)) {
    it(`refuse ${what} in names, reasons and credentials with a message that names it`, () => {
      for (const { definition } of wrapped) {
        const fields = FREE_TEXT[definition!.name] ?? [];
        for (const sample of SAMPLES[definition!.name]!) {
          for (const field of fields.filter((f) => typeof sample[f] === "string")) {
            const issues = definition!.input.safeParse(withChar(sample, [field], char)).error?.issues ?? [];
            const mine = issues.filter((i) => i.path.join(".") === field).map((i) => i.message);
            expect(mine, `${definition!.name} ${field}`).toContainEqual(field === "email" ? expect.any(String) : expect.stringMatching(/U\+[0-9A-F]{4}/));
          }
        }
      }
    });
  }

  it("keep one-line fields on one line but let reasons span lines", () => {
    const find = (name: string) => wrapped.find((a) => a.definition!.name === name)!.definition!.input;
    expect(find("users.create").safeParse({ ...SAMPLES["users.create"]![0], name: "Ana\nBob" }).success).toBe(false);
    expect(find("proxy-accesses.grant").safeParse({ ...SAMPLES["proxy-accesses.grant"]![0], reason: "Line one\nline two" }).success).toBe(true);
  });
});
