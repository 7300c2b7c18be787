import { expect, test } from "@playwright/test";
import { signInAnyLanguage, signInAs } from "./support/auth";
import { emu, lastSeq } from "./support/emulator";
import { DEMO, DEMO_PASSWORD } from "./support/env";

/*
 * The console in Chinese and English: the browser's language on the sign-in page, a choice saved
 * on the user that follows them across sign-outs and browsers, an immediate switch back, and vendor
 * errors worded in the reader's language (the vendors asked to answer in it) with codes as sent.
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
    await signInAnyLanguage(page, role);
    const chinese = page.getByLabel("语言");
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

test("a vendor error reaches a Chinese reader in Chinese, with the vendor's code and request id as sent", async ({ page }) => {
  await signInAs(page, "admin");
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  try {
    await emu("POST", "/faults", { service: "dms", action: "ListProxyAccesses", kind: "error", status: 403, code: "Forbidden.RAM", count: 2 });
    await page.goto("/proxy-accesses?proxy=1203");
    const error = page.getByRole("alert").filter({ hasText: "Forbidden.RAM" });
    await expect(error).toContainText("该 AccessKey 所属的 RAM 用户没有执行此 DMS 操作的权限。");
    await expect(error).not.toContainText("lacks permission");
    await expect(error.getByText("请求 ID")).toBeVisible();
    const [code, requestId] = await error.locator("dd code").allTextContents();
    expect(code).toBe("Forbidden.RAM");
    expect(requestId).toMatch(/^[0-9A-Za-z-]{8,}$/);
  } finally {
    await emu("DELETE", "/faults");
  }
  await page.getByLabel("语言").selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("Huawei is asked to answer in the user's language, and a stored vendor error reads in whichever language is chosen later", async ({ page }) => {
  await signInAs(page, "admin");
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.goto("/cloud-accounts");
  const card = page.getByTestId("cloud-account-Demo Huawei (AK/SK)");
  const result = card.getByTestId("last-test");

  // The signed X-Language passes the gateway's signature check. (The page must be hydrated before
  // the click counts: an earlier spec's summary of this account may already be on the card.)
  await page.waitForLoadState("networkidle");
  const before = await lastSeq();
  await card.getByRole("button", { name: "测试连接" }).click();
  // An earlier spec's test of this account may already show a summary: wait for this test's call.
  const asked = async () => (await emu<{ calls: { language?: string; outcome: string }[] }>("GET", `/calls?service=taurus&since=${before}`)).calls.at(-1);
  await expect.poll(asked, { timeout: 15_000 }).toMatchObject({ language: "zh-cn", outcome: "OK" });
  await expect(result).toContainText("已连接 cn-north-4 的 TaurusDB");

  try {
    await emu("POST", "/faults", { service: "taurus", kind: "error", status: 400, code: "DBS.200022", count: 1 });
    await card.getByRole("button", { name: "测试连接" }).click();
    await expect(result).toContainText("数据库实例不存在。");
    await expect(result).toContainText("DBS.200022");
    await expect(result).toContainText("请求 ID");
  } finally {
    await emu("DELETE", "/faults");
  }

  // Chosen when shown, not frozen when it happened: the same stored failure reads in English now.
  await page.getByLabel("语言").selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(result).toContainText("The database instance does not exist.");
  await expect(result).toContainText("(DBS.200022, request id ");
  await card.getByRole("button", { name: "Test connection" }).click();
  await expect(result).toContainText("Connected to TaurusDB in cn-north-4");
});
