import { expect, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import type { DemoRole } from "./support/env";

/** The sidebar is read from the permission matrix; a page outside a role answers not-found, as HTTP 404 too. */
const EXPECTED: Record<DemoRole, { sees: string[]; blocked: string[] }> = {
  admin: { sees: ["Overview", "Users", "Audit log"], blocked: [] },
  dba: { sees: ["Overview"], blocked: ["/users", "/audit"] },
  owner: { sees: ["Overview"], blocked: ["/users", "/audit"] },
  requester: { sees: ["Overview"], blocked: ["/users", "/audit"] },
  auditor: { sees: ["Overview", "Audit log"], blocked: ["/users"] },
};

for (const [role, expected] of Object.entries(EXPECTED) as [DemoRole, (typeof EXPECTED)[DemoRole]][]) {
  test(`${role} sees exactly their areas`, async ({ page }) => {
    await signInAs(page, role);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of expected.sees) await expect(nav.getByRole("link", { name: label })).toBeVisible();
    for (const label of ["Users", "Audit log"].filter((l) => !expected.sees.includes(l))) {
      await expect(nav.getByRole("link", { name: label })).toHaveCount(0);
    }
    for (const path of expected.blocked) {
      const response = await page.goto(path);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
      expect(response?.status(), `${path} as ${role}`).toBe(404);
    }
  });
}

test("an owner's overview lists the instances they own", async ({ page }) => {
  await signInAs(page, "owner");
  await expect(page.getByRole("heading", { name: "Resources you own" })).toBeVisible();
  await expect(page.getByText("tdsql-demo0001")).toBeVisible();
});

test("the shell works on a tablet: the sidebar becomes a drawer opened from the header", async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await signInAs(page, "admin");
  await page.getByRole("button", { name: /navigation|menu/i }).first().click();
  const drawer = page.getByRole("dialog", { name: "Navigation" });
  await expect(drawer.getByRole("link", { name: "Users" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);
});

test("the theme switches to dark and is remembered", async ({ page }) => {
  await signInAs(page, "dba");
  await page.getByRole("group", { name: "Colour theme" }).getByRole("button", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
});
