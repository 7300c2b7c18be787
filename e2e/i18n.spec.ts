import { expect, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { DEMO, DEMO_PASSWORD } from "./support/env";

/*
 * The console in Chinese and English: the browser's language on the sign-in page, a choice saved
 * on the user that follows them across sign-outs and browsers, and an immediate switch back.
 */

test.describe("a browser that prefers Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("gets the sign-in page in Chinese", async ({ page }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { name: "数据库访问控制台" })).toBeVisible();
    await expect(page.getByLabel("邮箱")).toBeVisible();
    await expect(page.getByRole("button", { name: "登录", exact: true })).toBeVisible();
    await page.getByLabel("邮箱").fill(DEMO.admin);
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(page.getByTestId("login-error")).toHaveText("邮箱或密码不正确，或此账号无法登录。");
  });
});

/** Other specs sign in as these users and read English: put them back even when a test failed midway. */
test.afterEach(async ({ browser }) => {
  for (const role of ["dba", "auditor", "admin"] as const) {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await page.goto("/login");
    await page.locator("#email").fill(DEMO[role]);
    await page.locator("#password").fill(DEMO_PASSWORD);
    await page.locator("form button[type=submit]").first().click();
    const chinese = page.getByLabel("语言");
    await expect(chinese.or(page.getByLabel("Language"))).toBeVisible();
    if (await chinese.isVisible()) {
      await chinese.selectOption("en");
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
    }
    await context.close();
  }
});

test("a user's language choice applies at once, is saved on them, and switching back is immediate", async ({ page, browser }) => {
  await signInAs(page, "dba");
  await page.getByLabel("Language").selectOption("zh-CN");
  const nav = page.getByRole("navigation", { name: "主导航" });
  await expect(nav.getByRole("link", { name: "概览" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: /^欢迎，/ })).toBeVisible();
  await page.reload();
  await expect(nav.getByRole("link", { name: "代理访问授权" })).toBeVisible();

  // Saved on the user: another browser (English by its own settings) opens in Chinese after sign-in.
  const other = await browser.newContext({ locale: "en-GB" });
  const second = await other.newPage();
  await second.goto("/login");
  await expect(second.getByRole("heading", { name: "DB Access Console" })).toBeVisible();
  await second.getByLabel("Email").fill(DEMO.dba);
  await second.getByLabel("Password").fill(DEMO_PASSWORD);
  await second.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(second.getByRole("button", { name: "退出登录" })).toBeVisible();
  await other.close();

  // Signing out keeps the language on the sign-in page of this browser.
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByRole("heading", { name: "数据库访问控制台" })).toBeVisible();
  // Signed out, the sign-in page's own switcher still changes it, and back.
  await page.getByLabel("语言").selectOption("en");
  await expect(page.getByRole("heading", { name: "DB Access Console" })).toBeVisible();
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "数据库访问控制台" })).toBeVisible();
  await page.getByLabel("邮箱").fill(DEMO.dba);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();

  await page.getByLabel("语言").selectOption("en");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("choosing a language is audited as the user's own change", async ({ page }) => {
  await signInAs(page, "auditor");
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByLabel("语言").selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/audit?action=preferences.set-locale");
  await expect(page.getByTestId("audit-row").first()).toContainText(DEMO.auditor);
  await expect(page.getByTestId("audit-row").first()).toContainText("success");
});

test("the areas already on the catalogs read in Chinese, codes and names untouched", async ({ page }) => {
  await signInAs(page, "admin");
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.goto("/cloud-accounts");
  await expect(page.getByRole("heading", { name: "云账号" })).toBeVisible();
  await expect(page.getByRole("button", { name: "添加云账号" })).toBeVisible();
  await expect(page.getByRole("button", { name: "测试连接" }).first()).toBeVisible();
  await page.getByRole("button", { name: "添加云账号" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("AccessKey ID")).toBeVisible();
  await expect(dialog.getByText("签名方式")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.getByLabel("语言").selectOption("en");
  await expect(page.getByRole("heading", { name: "Cloud accounts" })).toBeVisible();
});

test("an admin who reads Chinese gets the Users and Audit log pages in Chinese, action codes still visible", async ({ page }) => {
  await signInAs(page, "admin");
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  await page.goto("/users");
  await expect(page).toHaveTitle("用户 · 数据库访问控制台");
  await expect(page.getByRole("heading", { name: "用户", level: 1 })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "上次登录" })).toBeVisible();
  await page.getByRole("button", { name: "新建用户" }).click();
  const dialog = page.getByRole("dialog", { name: "新建用户" });
  await expect(dialog.getByRole("checkbox", { name: "审计员" })).toBeVisible();
  await expect(dialog.getByRole("button", { name: "创建用户" })).toBeVisible();
  await page.keyboard.press("Escape");

  await page.goto("/audit?action=preferences.set-locale");
  await expect(page.getByRole("heading", { name: "审计日志", level: 1 })).toBeVisible();
  await expect(page.getByLabel("操作人")).toBeVisible();
  const row = page.getByTestId("audit-row").first();
  await expect(row).toContainText("更改语言");
  await expect(row).toContainText("preferences.set-locale");
  await expect(row).toContainText("成功");

  await page.getByLabel("语言").selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});
