import { expect, test, type Page } from "@playwright/test";
import { captureNextAction, contextAs, replayAction, signIn, signInAs } from "./support/auth";

async function openNewUser(page: Page) {
  await page.goto("/users");
  await page.getByRole("button", { name: "New user" }).click();
  return page.getByRole("dialog", { name: "New user" });
}

async function createUser(page: Page, email: string, name: string, role: string) {
  const dialog = await openNewUser(page);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("checkbox", { name: role }).check();
  await dialog.getByRole("button", { name: "Create user" }).click();
  const password = await page.getByTestId("temporary-password").textContent();
  await page.getByRole("button", { name: "Done" }).click();
  return password!.trim();
}

test.describe("users page", () => {
  test("an admin creates a user who signs in with the password shown once", async ({ page, browser }) => {
    await signInAs(page, "admin");
    const password = await createUser(page, "new.dba@example.com", "Nina New", "DBA");
    expect(password.length).toBeGreaterThanOrEqual(16);
    await expect(page.getByTestId("user-row-new.dba@example.com")).toContainText("DBA");

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, "new.dba@example.com", password);
    await expect(otherPage.getByRole("heading", { name: /Welcome, Nina New/ })).toBeVisible();
    await other.close();
  });

  test("bad input shows field errors and creates nothing", async ({ page }) => {
    await signInAs(page, "admin");
    const dialog = await openNewUser(page);
    await dialog.getByLabel("Email").fill("not-an-email");
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog.getByText("Enter a valid email address")).toBeVisible();
    await expect(dialog.getByText("Enter a name")).toBeVisible();
    await expect(dialog.getByText("Choose at least one role")).toBeVisible();
    await dialog.getByLabel("Email").fill("owner.without.resources@example.com");
    await dialog.getByLabel("Name").fill("Ow");
    await dialog.getByRole("checkbox", { name: "Instance owner" }).check();
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog.getByText("An instance owner needs at least one owned resource")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("user-row-owner.without.resources@example.com")).toHaveCount(0);
  });

  test("a role change applies on the user's next request, and disabling ends their session", async ({ page, browser }) => {
    await signInAs(page, "admin");
    const password = await createUser(page, "shifting@example.com", "Sid Shift", "Auditor");
    const userContext = await browser.newContext();
    const userPage = await userContext.newPage();
    await signIn(userPage, "shifting@example.com", password);
    await userPage.goto("/audit");
    await expect(userPage.getByRole("heading", { name: "Audit log" })).toBeVisible();

    await page.getByRole("button", { name: "Edit shifting@example.com" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit shifting@example.com" });
    await dialog.getByRole("checkbox", { name: "Auditor" }).uncheck();
    await dialog.getByRole("checkbox", { name: "Requester" }).check();
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toHaveCount(0);

    await userPage.goto("/audit");
    await expect(userPage.getByRole("heading", { name: "Not found" })).toBeVisible();

    await page.getByRole("button", { name: "Disable shifting@example.com" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
    await expect(page.getByTestId("user-row-shifting@example.com")).toContainText("Disabled");

    await userPage.goto("/");
    await expect(userPage).toHaveURL(/\/login/);
    await signIn(userPage, "shifting@example.com", password);
    await expect(userPage.getByTestId("login-error")).toBeVisible();
    await userContext.close();
  });

  test("a lower role replaying the users action by POST changes nothing and is audited as denied", async ({ page, browser }) => {
    await signInAs(page, "admin");
    const dialog = await openNewUser(page);
    await dialog.getByLabel("Email").fill("first.copy@example.com");
    await dialog.getByLabel("Name").fill("First Copy");
    await dialog.getByRole("checkbox", { name: "Admin" }).check();
    const captured = captureNextAction(page);
    await dialog.getByRole("button", { name: "Create user" }).click();
    const action = await captured;
    await page.getByRole("button", { name: "Done" }).click();

    for (const role of ["dba", "requester", "auditor", "owner"] as const) {
      const { context } = await contextAs(browser, role);
      const forged = action.body.replace("first.copy@example.com", `forged.by.${role}@example.com`);
      const response = await replayAction(context.request, action, forged);
      expect(response.status()).toBeLessThan(500);
      expect(await response.text()).toContain("You do not have permission");
      await context.close();
    }
    const anonymous = await browser.newContext();
    const response = await replayAction(anonymous.request, action, action.body.replace("first.copy", "forged.anonymous"));
    expect(response.status()).toBeLessThan(500);
    await anonymous.close();

    await page.goto("/users");
    await expect(page.getByTestId("user-row-first.copy@example.com")).toHaveCount(1);
    await expect(page.locator('[data-testid^="user-row-forged"]')).toHaveCount(0);
    await page.goto("/audit?action=users.create&outcome=denied");
    await expect(page.getByTestId("audit-row")).toHaveCount(4);
  });

  test("an admin cannot disable the last admin or themselves", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/users");
    await expect(page.getByRole("button", { name: "Disable admin@example.com" })).toHaveCount(0);
  });
});
