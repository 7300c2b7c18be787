import { expect, test } from "@playwright/test";
import { signIn, signInAs } from "./support/auth";
import { DEMO, DEMO_PASSWORD } from "./support/env";

test.describe("signing in", () => {
  test("a demo admin signs in, sees their name and role, and signs out", async ({ page }) => {
    await signInAs(page, "admin");
    await expect(page.getByRole("heading", { name: /Welcome, Ada Admin/ })).toBeVisible();
    await expect(page.getByLabel("Your roles")).toContainText("Admin");
    await page.getByRole("button", { name: /sign out/i }).click();
    await expect(page).toHaveURL(/\/login/);
    // The session is revoked on the server: even a cookie set again by a request that was still in
    // flight at sign-out (a link prefetch) opens nothing.
    await page.goto("/users");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  });

  test("a signed-out session stays dead even if its old cookie is presented again", async ({ page, context }) => {
    await signInAs(page, "dba");
    const before = (await context.cookies()).filter((c) => c.name.includes("session-token"));
    expect(before.length).toBeGreaterThan(0);
    await page.getByRole("button", { name: /sign out/i }).click();
    await expect(page).toHaveURL(/\/login/);
    await context.addCookies(before);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    const api = await page.request.get("/api/proxy-accesses/tenants?account=7d8f3c52-1c1e-4c53-9a61-6e9fcb0a8d11");
    expect(api.status()).toBe(401);
  });

  test("a wrong password gets a generic error that does not reveal whether the email exists", async ({ page }) => {
    await signIn(page, DEMO.dba, "not-the-password");
    const known = await page.getByTestId("login-error").textContent();
    await signIn(page, "nobody-here@example.com", "not-the-password");
    const unknown = await page.getByTestId("login-error").textContent();
    expect(known).toBe(unknown);
    expect(known).toContain("not correct");
    await expect(page.getByLabel("Email")).toHaveValue("nobody-here@example.com");
  });

  test("five failures lock the account for a while, even with the right password afterwards", async ({ page }) => {
    const email = "locked.out@example.com";
    // An unknown email locks the same way, so the lock reveals nothing about existence.
    for (let i = 0; i < 5; i++) await signIn(page, email, `wrong-${i}`);
    await expect(page.getByTestId("login-error")).toContainText("Too many failed sign-in attempts");
    await signIn(page, DEMO.requester, "wrong-once");
    await expect(page.getByTestId("login-error")).toContainText("not correct");
    await signIn(page, DEMO.requester, DEMO_PASSWORD);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  });

  test("a protected page sends a visitor to sign in and back afterwards", async ({ page }) => {
    await page.goto("/audit?outcome=denied");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    await page.getByLabel("Email").fill(DEMO.auditor);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/audit\?outcome=denied/);
  });

  test("responses carry the security headers", async ({ request }) => {
    const response = await request.get("/login");
    const headers = response.headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-powered-by"]).toBeUndefined();
  });
});

test.describe("single sign-on", () => {
  async function ssoLogin(page: import("@playwright/test").Page, username: string) {
    await page.goto("/login");
    await page.getByRole("button", { name: "Continue with Test IdP" }).click();
    await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill("sso-pass");
    await page.getByRole("button", { name: "Sign in to IdP" }).click();
  }

  test("a user in a mapped group signs in through the OpenID Connect provider with the mapped role", async ({ page }) => {
    await ssoLogin(page, "sso-dba");
    await expect(page.getByRole("heading", { name: /Welcome, Sam SSO/ })).toBeVisible();
    await expect(page.getByLabel("Your roles")).toContainText("DBA");
  });

  test("an IdP account cannot take over a password account with the same email", async ({ page, browser }) => {
    await signInAs(page, "admin");
    await page.goto("/users");
    await page.getByRole("button", { name: "New user" }).click();
    const dialog = page.getByRole("dialog", { name: "New user" });
    await dialog.getByLabel("Email").fill("sso.auditor@example.com");
    await dialog.getByLabel("Name").fill("Local Auditor");
    await dialog.getByRole("checkbox", { name: "Admin" }).check();
    await dialog.getByRole("button", { name: "Create user" }).click();
    await page.getByRole("button", { name: "Done" }).click();

    const visitor = await browser.newPage();
    await ssoLogin(visitor, "sso-auditor");
    await expect(visitor).toHaveURL(/\/login\?error=password-account/);
    await expect(visitor.getByTestId("login-error")).toContainText("signs in with a password");
    await visitor.close();
  });

  test("a user whose groups map to no role is refused with a clear message", async ({ page }) => {
    await ssoLogin(page, "sso-nobody");
    await expect(page).toHaveURL(/\/login\?error=no-role/);
    await expect(page.getByTestId("login-error")).toContainText("not in a group that has a console role");
  });
});
