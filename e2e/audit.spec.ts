import { expect, test } from "@playwright/test";
import { signIn, signInAs } from "./support/auth";
import { DEMO, DEMO_PASSWORD } from "./support/env";

test.describe("audit log", () => {
  test("a password reset is audited without the password, and the new password works", async ({ page, browser }) => {
    const email = "reset.me@example.com";
    await signInAs(page, "admin");
    await page.goto("/users");
    await page.getByRole("button", { name: "New user" }).click();
    const dialog = page.getByRole("dialog", { name: "New user" });
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Name").fill("Rita Reset");
    await dialog.getByRole("checkbox", { name: "Requester" }).check();
    await dialog.getByRole("button", { name: "Create user" }).click();
    const first = (await page.getByTestId("temporary-password").textContent())!.trim();
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("button", { name: `Reset password of ${email}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Reset password" }).click();
    const password = (await page.getByTestId("temporary-password").textContent())!.trim();
    await page.getByRole("button", { name: "Done" }).click();

    await page.goto("/audit?action=users.reset-password");
    const row = page.getByTestId("audit-row").first();
    await expect(row).toContainText(DEMO.admin);
    await expect(row).toContainText("success");
    await expect(page.locator("body")).not.toContainText(password);

    await page.goto("/audit");
    const csvResponse = await page.request.get("/api/audit/export");
    expect(csvResponse.headers()["content-type"]).toContain("text/csv");
    const csv = await csvResponse.text();
    expect(csv).toContain("users.reset-password");
    expect(csv).not.toContain(password);
    expect(csv).not.toContain(first);
    expect(csv).not.toContain(DEMO_PASSWORD);

    const user = await browser.newContext();
    const userPage = await user.newPage();
    await signIn(userPage, email, first);
    await expect(userPage.getByTestId("login-error")).toBeVisible();
    await signIn(userPage, email, password);
    await expect(userPage.getByRole("navigation", { name: "Main" })).toBeVisible();
    await user.close();
  });

  test("an auditor filters by actor, action and outcome and exports exactly that view", async ({ page }) => {
    await signIn(page, DEMO.dba, "a-wrong-password-for-the-log");
    await signInAs(page, "auditor");
    await page.goto("/audit");
    await page.getByLabel("Actor").fill("dba@example.com");
    await page.getByLabel("Action").fill("auth.login");
    await page.getByLabel("Outcome").selectOption("failure");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/actor=dba%40example.com/);
    const rows = page.getByTestId("audit-row");
    await expect(rows.first()).toContainText("auth.login");
    await expect(rows.first()).toContainText("failure");
    await expect(rows.first()).not.toContainText("a-wrong-password-for-the-log");

    const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    expect(href).toContain("outcome=failure");
    const csv = await (await page.request.get(href!)).text();
    const lines = csv.trim().split(/\r?\n/);
    // The column names in the reader's language, then the raw field names scripts read.
    expect(lines[0]).toContain("Actor");
    expect(lines[1]).toContain("actorEmail");
    expect(lines.length - 2).toBe(await rows.count());
    const raw = (await (await page.request.get(`${href!}&header=raw`)).text()).trim().split(/\r?\n/);
    expect(raw[0]!.startsWith("id,at,actorEmail,")).toBe(true);
    expect(raw.length - 1).toBe(await rows.count());
    expect(csv).not.toContain("a-wrong-password-for-the-log");
  });

  test("bad filter values are reported, not a server error", async ({ page }) => {
    await signInAs(page, "auditor");
    const response = await page.goto("/audit?outcome=exploded&from=yesterday&page=-3");
    expect(response!.status()).toBe(200);
    await expect(page.getByText("Some filters were ignored")).toBeVisible();
  });

  test("the audit log cannot be exported by a role without it", async ({ page }) => {
    await signInAs(page, "dba");
    const response = await page.request.get("/api/audit/export");
    expect(response.status()).toBe(404);
  });
});
