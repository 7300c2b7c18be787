import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixtures } from "../fixtures";
import { send, signHuawei } from "../testing/signers";
import { startTestEmulator, type TestEmulator } from "../testing/harness";

const H = loadFixtures().huawei;
const KEY = { ak: H.ak, sk: H.sk };
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

type Project = { id: string; name: string; domain_id: string; enabled: boolean; is_domain: boolean; parent_id: string; links: { self: string } };

async function token(scope: unknown): Promise<string> {
  const res = await fetch(`${emu.urls.iam}/v3/auth/tokens?nocatalog=true`, {
    method: "POST",
    headers: { "content-type": "application/json;charset=utf8" },
    body: JSON.stringify({
      auth: { identity: { methods: ["password"], password: { user: { domain: { name: H.iam.domainName }, name: H.iam.userName, password: H.iam.password } } }, scope },
    }),
  });
  expect(res.status).toBe(201);
  return res.headers.get("x-subject-token") ?? "";
}

const withToken = async (t: string) => {
  const res = await fetch(`${emu.urls.iam}/v3/auth/projects`, { headers: { "x-auth-token": t, "content-type": "application/json;charset=utf8" } });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};
const names = (json: Record<string, unknown>) => (json.projects as Project[]).map((p) => p.name);

describe("IAM KeystoneListAuthProjects (GET /v3/auth/projects)", () => {
  it("lists both region projects and MOS for a domain-scoped token, in Keystone's shape", async () => {
    const r = await withToken(await token({ domain: { name: H.iam.domainName } }));
    expect(r.status).toBe(200);
    expect(names(r.json)).toEqual([H.region, H.secondaryProject.region, "MOS"]);
    const projects = r.json.projects as Project[];
    expect(projects[0]).toMatchObject({ id: H.projectId, domain_id: H.domainId, parent_id: H.domainId, enabled: true, is_domain: false });
    expect(projects[1]?.id).toBe(H.secondaryProject.id);
    expect(projects[2]?.id).toMatch(/^[0-9a-f]{32}$/);
    expect(projects[0]?.links.self).toMatch(new RegExp(`/v3/projects/${H.projectId}$`));
    expect(r.json.links).toMatchObject({ self: expect.stringMatching(/\/v3\/auth\/projects$/) });
  });

  it("accepts a project-scoped token too (no special permission needed)", async () => {
    expect(names((await withToken(await token({ project: { name: H.region } }))).json)).toContain(H.secondaryProject.region);
  });

  it("accepts an AK/SK signature without X-Project-Id, with or without the account's X-Domain-Id", async () => {
    const plain = await send(signHuawei(emu.urls.iam, KEY, "GET", "/v3/auth/projects"));
    expect([plain.status, names(plain.json)]).toEqual([200, [H.region, H.secondaryProject.region, "MOS"]]);
    const domain = await send(signHuawei(emu.urls.iam, KEY, "GET", "/v3/auth/projects", undefined, { domainId: H.domainId }));
    expect(domain.status).toBe(200);
    const { calls } = await emu.admin<{ calls: Array<{ action: string; outcome: string }> }>("GET", "/calls?service=iam&action=KeystoneListAuthProjects");
    expect(calls.at(-1)).toMatchObject({ action: "KeystoneListAuthProjects", outcome: "OK" });
  });

  it("refuses a wrong signature, a foreign X-Domain-Id and a missing or unknown token", async () => {
    const wrong = await send(signHuawei(emu.urls.iam, { ak: H.ak, sk: "not-the-secret" }, "GET", "/v3/auth/projects"));
    expect([wrong.status, wrong.json.error_code]).toEqual([401, "APIGW.0301"]);
    const r = await send(signHuawei(emu.urls.iam, KEY, "GET", "/v3/auth/projects", undefined, { domainId: "0".repeat(32) }));
    expect([r.status, r.json.error_code]).toEqual([403, "APIGW.0302"]);
    const none = await fetch(`${emu.urls.iam}/v3/auth/projects`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 401, title: "Unauthorized" } });
    expect((await withToken("MIIEnotatoken")).status).toBe(401);
  });

  it("refuses a domain scope naming another account", async () => {
    const res = await fetch(`${emu.urls.iam}/v3/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ auth: { identity: { methods: ["password"], password: { user: { domain: { name: H.iam.domainName }, name: H.iam.userName, password: H.iam.password } } }, scope: { domain: { name: "someone-else" } } } }),
    });
    expect(res.status).toBe(401);
  });
});
