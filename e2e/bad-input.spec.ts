import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import fixtures from "../emulator/demo-fixtures.json" with { type: "json" };
import { captureNextAction, replayAction, signInAs } from "./support/auth";
import { E2E } from "./support/env";

/** Creates a requester as an admin through the form and returns that action call, for replaying forged variants. */
async function captureUserCreate(page: Page, email: string) {
  await signInAs(page, "admin");
  await page.goto("/users");
  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog", { name: "New user" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Name").fill("Template");
  await dialog.getByRole("checkbox", { name: "Requester" }).check();
  const captured = captureNextAction(page);
  await dialog.getByRole("button", { name: "Create user" }).click();
  const action = await captured;
  await page.getByRole("button", { name: "Done" }).click();
  return action;
}

test.describe("bad input never becomes a server error", () => {
  test("oversized, malformed and unknown action calls are refused without a 500 and change nothing", async ({ page }) => {
    const action = await captureUserCreate(page, "template.user@example.com");

    const unknownRole = await replayAction(page.request, action, action.body.replace("template.user", "role.user").replace('"requester"', '"superuser"'));
    expect(unknownRole.status()).toBeLessThan(500);
    expect(await unknownRole.text()).toContain('Unknown role \\"superuser\\"');

    const oversized = await replayAction(page.request, action, action.body.replace("Template", "x".repeat(400_000)));
    expect(oversized.status()).toBeLessThan(500);

    const malformed = await replayAction(page.request, action, "[{not json");
    expect(malformed.status()).toBeLessThan(500);

    const unknownAction = await replayAction(page.request, { ...action, id: "0".repeat(42) });
    expect(unknownAction.status()).toBeLessThan(500);

    const wrongShape = await replayAction(page.request, action, JSON.stringify([["not", "an", "object"]]));
    expect(wrongShape.status()).toBeLessThan(500);
    expect(await wrongShape.text()).toContain("Some fields need attention");

    await page.goto("/users");
    await expect(page.getByTestId("user-row-role.user@example.com")).toHaveCount(0);
    await expect(page.locator('[data-testid^="user-row-"]', { hasText: "xxxxxxxx" })).toHaveCount(0);
  });

  test("a foreign origin, a deeply nested body and junk action fields get a 4xx with a plain message", async ({ page }) => {
    const action = await captureUserCreate(page, "origin.template@example.com");

    const foreign = await page.request.post(action.url, {
      headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", origin: "https://evil.example", accept: "text/x-component" },
      data: action.body.replace("origin.template", "foreign.origin"),
    });
    expect(foreign.status()).toBe(403);
    expect(await foreign.text()).toBe("This action can only be called from the console's own pages.");

    const deep = await replayAction(page.request, action, "[".repeat(5000) + "]".repeat(5000));
    expect(deep.status()).toBe(400);
    expect(await deep.text()).toBe("The request could not be read.");

    const dangling = await replayAction(page.request, action, '["$1"]');
    expect(dangling.status()).toBe(400);

    const junkFetch = await page.request.post(action.url, {
      headers: { "next-action": action.id, origin: E2E.baseURL, accept: "text/x-component" },
      multipart: { $ACTION_ID_junk: "x" },
    });
    expect(junkFetch.status()).toBe(400);
    expect(await junkFetch.text()).toBe("The request could not be read.");

    const junkForm = await page.request.post(action.url, { headers: { origin: E2E.baseURL }, multipart: { $ACTION_ID_junk: "x" }, maxRedirects: 0 });
    expect(junkForm.status()).toBe(400);
    expect(await junkForm.text()).toBe("The request could not be read.");

    await page.goto("/users");
    await expect(page.getByTestId("user-row-foreign.origin@example.com")).toHaveCount(0);
  });

  test("the sign-in action posted as a bare form action answers with the form, not a 500", async ({ request }) => {
    const html = await (await request.get("/login")).text();
    const id = /&quot;id&quot;:&quot;([0-9a-f]{42})&quot;/.exec(html)?.[1];
    expect(id).toBeTruthy();
    const response = await request.post("/login", { headers: { origin: E2E.baseURL }, multipart: { [`$ACTION_ID_${id}`]: "", email: "x" }, maxRedirects: 0 });
    expect(response.status()).toBeLessThan(500);
  });

  test("an oversized sign-in form is refused without a 500", async ({ request }) => {
    const response = await request.post("/api/auth/callback/credentials", {
      form: { email: `${"a".repeat(300_000)}@example.com`, password: "x" },
      maxRedirects: 0,
    });
    expect(response.status()).toBeLessThan(500);
  });
});

test("data requests answer 401 without a session and 404 for a malformed id, never 500", async ({ page, request }) => {
  const anonymous = await request.get("/api/proxy-accesses/jobs/7d8f3c52-1c1e-4c53-9a61-6e9fcb0a8d11");
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error.code).toBe("UNAUTHENTICATED");
  await signInAs(page, "admin");
  const malformed = await page.request.get(`/api/proxy-accesses/jobs/${"a".repeat(36)}`);
  expect(malformed.status()).toBe(404);
});

test("no secret reaches a client bundle", async () => {
  const root = path.resolve(".next/static");
  const secrets = [
    E2E.consoleEnv.AUTH_SECRET!,
    E2E.consoleEnv.CREDENTIALS_KEY!,
    fixtures.alibaba.accessKeySecret,
    fixtures.tencent.secretKey,
    fixtures.huawei.sk,
    fixtures.huawei.iam.password,
    "demo-console-2026",
  ];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(js|css|json|html|txt)$/.test(entry.name)) files.push(full);
    }
  };
  walk(root);
  expect(files.length).toBeGreaterThan(10);
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const secret of secrets) expect(text.includes(secret), `${secret.slice(0, 6)}… found in ${file}`).toBe(false);
  }
});
