import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixtures } from "../fixtures";
import { startTestEmulator, type TestEmulator } from "../testing/harness";

const H = loadFixtures().huawei;
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

function tokenBody(o: { password?: string; project?: Record<string, string>; user?: string } = {}) {
  return {
    auth: {
      identity: {
        methods: ["password"],
        password: { user: { domain: { name: H.iam.domainName }, name: o.user ?? H.iam.userName, password: o.password ?? H.iam.password } },
      },
      scope: { project: o.project ?? { name: H.region } },
    },
  };
}

async function issue(body: unknown, query = "") {
  const res = await fetch(`${emu.urls.iam}/v3/auth/tokens${query}`, {
    method: "POST", headers: { "content-type": "application/json;charset=utf8" }, body: JSON.stringify(body),
  });
  return { status: res.status, token: res.headers.get("x-subject-token"), json: (await res.json()) as Record<string, unknown> };
}

async function taurus(path: string, token: string) {
  const res = await fetch(emu.urls.taurus + path, { headers: { "x-auth-token": token, "content-type": "application/json" } });
  return { status: res.status, requestId: res.headers.get("x-request-id"), json: (await res.json()) as Record<string, unknown> };
}

describe("Huawei IAM password tokens", () => {
  it("issues a project-scoped token: 201, X-Subject-Token, Keystone body", async () => {
    const r = await issue(tokenBody(), "?nocatalog=true");
    expect(r.status).toBe(201);
    expect(r.token).toMatch(/^MII/);
    const token = r.json.token as Record<string, unknown>;
    expect(token).toMatchObject({ methods: ["password"], project: { id: H.projectId, name: H.region, domain: { name: H.iam.domainName } }, user: { name: H.iam.userName } });
    expect(Date.parse(String(token.expires_at)) - Date.parse(String(token.issued_at))).toBe(86_400_000);
    expect(token).not.toHaveProperty("catalog");
  });

  it("answers a wrong password with the Keystone 401 shape", async () => {
    const r = await issue(tokenBody({ password: "nope" }));
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error: { code: 401, message: "The username or password is wrong.", title: "Unauthorized" } });
    expect(r.token).toBeNull();
  });

  it("accepts a token on TaurusDB and DDS for its own project", async () => {
    const { token } = await issue(tokenBody({ project: { id: H.projectId } }));
    const t = await taurus(`/v3/${H.projectId}/instances`, token ?? "");
    expect(t.status).toBe(200);
    expect(t.requestId).toMatch(/^[0-9a-f]{32}$/);
    const dds = await fetch(`${emu.urls.dds}/v3/${H.projectId}/instances`, { headers: { "x-auth-token": token ?? "" } });
    expect(dds.status).toBe(200);
  });

  it("refuses a token of another project with 403 APIGW.0302", async () => {
    const { token } = await issue(tokenBody({ project: { name: H.secondaryProject.region } }));
    const t = await taurus(`/v3/${H.projectId}/instances`, token ?? "");
    expect([t.status, t.json.error_code]).toEqual([403, "APIGW.0302"]);
  });

  it("refuses an unknown token and an expired one with 401 APIGW.0301", async () => {
    expect((await taurus(`/v3/${H.projectId}/instances`, "MIIEnotatoken")).json.error_code).toBe("APIGW.0301");
    await emu.admin("PATCH", "/config", { iamTokenTtlSeconds: 1 });
    const { token } = await issue(tokenBody());
    await emu.admin("PATCH", "/config", { iamTokenTtlSeconds: 86_400 });
    expect((await taurus(`/v3/${H.projectId}/instances`, token ?? "")).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    const expired = await taurus(`/v3/${H.projectId}/instances`, token ?? "");
    expect([expired.status, expired.json.error_code]).toEqual([401, "APIGW.0301"]);
  });

  it("invalidates every token when the admin revokes them", async () => {
    const { token } = await issue(tokenBody());
    await emu.admin("DELETE", "/state/iam/tokens");
    expect((await taurus(`/v3/${H.projectId}/instances`, token ?? "")).status).toBe(401);
  });
});
