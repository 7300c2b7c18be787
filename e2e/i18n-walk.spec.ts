import { expect, test, type Browser, type Page } from "@playwright/test";
import { captureNextAction, replayAction, signInAnyLanguage } from "./support/auth";
import { emu, freeUsers } from "./support/emulator";
import type { DemoRole } from "./support/env";
import { missingMessageMarks, untranslatedText } from "./support/untranslated";
import fixtures from "../emulator/demo-fixtures.json" with { type: "json" };

/*
 * Every role walks the pages its navigation offers in Chinese: no message is missing (no
 * ⟦Namespace.key⟧ fallback in the HTML, no [i18n] error in the browser console) and no English is
 * left outside codes, ids and names. The users' saved language is put back to English afterwards.
 */

const ROLES: DemoRole[] = ["admin", "dba", "owner", "requester", "auditor"];

/** Pages with data on them besides the navigation's own entries (the list of one proxy's accesses). */
const EXTRA_PAGES: Partial<Record<DemoRole, string[]>> = {
  admin: ["/proxy-accesses?proxy=1203", "/audit?outcome=failure", "/no-such-page"],
  dba: ["/proxy-accesses?proxy=1203"],
  owner: ["/proxy-accesses?proxy=1203"],
  auditor: ["/audit?action=preferences.set-locale"],
};

async function signInChinese(browser: Browser, role: DemoRole) {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await signInAnyLanguage(page, role);
  // A saved English choice (another spec's) outranks the browser's language: choose Chinese here.
  if ((await page.locator("html").getAttribute("lang")) !== "zh-CN") {
    await page.getByLabel("Language").selectOption("zh-CN");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  }
  return { context, page };
}

async function backToEnglish(browser: Browser, role: DemoRole) {
  const { context, page } = await signInChinese(browser, role);
  await page.getByLabel("语言").selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await context.close();
}

/** Waits for the page to settle: its heading rendered and no loading state left. */
async function settle(page: Page) {
  await expect(page.locator("main h1, h1").first()).toBeVisible();
  await expect(page.locator("[aria-busy='true']")).toHaveCount(0, { timeout: 15_000 });
  await page.waitForLoadState("networkidle");
}

for (const role of ROLES) {
  test(`${role}: every page reads in Chinese, with no missing message and no English left`, async ({ browser }) => {
    test.setTimeout(90_000);
    const { context, page } = await signInChinese(browser, role);
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && message.text().includes("[i18n]")) consoleErrors.push(message.text());
    });
    try {
      const nav = page.getByRole("navigation", { name: "主导航" });
      await expect(nav).toBeVisible();
      const hrefs = await nav.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
      expect(hrefs.length).toBeGreaterThan(0);
      const findings: string[] = [];
      for (const path of [...new Set([...hrefs, ...(EXTRA_PAGES[role] ?? [])])]) {
        await page.goto(path);
        await settle(page);
        await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
        for (const mark of await missingMessageMarks(page)) findings.push(`${path}: missing message ${mark}`);
        for (const left of await untranslatedText(page)) findings.push(`${path}: ${left.where}: "${left.text}" (${left.words.join(", ")})`);
      }
      expect(findings, "text left in English or missing on these pages").toEqual([]);
      expect(consoleErrors).toEqual([]);
    } finally {
      await context.close();
      await backToEnglish(browser, role);
    }
  });
}

test("a field error reads in Chinese in the form, and the server's own check answers in Chinese too", async ({ browser }) => {
  const { context, page } = await signInChinese(browser, "dba");
  try {
    await page.goto("/proxy-accesses?proxy=1203");
    await page.getByRole("button", { name: "授权", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "授权访问" });
    await dialog.getByRole("button", { name: "授权", exact: true }).click();
    await expect(dialog.getByText("请选择用户")).toBeVisible();
    await expect(dialog.getByText(/^请说明为什么需要此访问权限/)).toBeVisible();
    await dialog.getByLabel("使用独立数据库账号连接").check();
    await dialog.getByRole("textbox", { name: "数据库账号", exact: true }).fill("1bad name");
    await dialog.getByRole("button", { name: "授权", exact: true }).click();
    await expect(dialog.getByText("以字母开头；只能使用字母、数字、_ . 或 -")).toBeVisible();
    expect(await untranslatedText(page)).toEqual([]);

    // The server checks again with the same schema and words its refusal for this reader.
    await dialog.getByLabel("使用独立数据库账号连接").uncheck();
    const [user] = await freeUsers(3001, "1203");
    await dialog.getByLabel("查找 DMS 用户").fill(String(user!.userId));
    await dialog.getByRole("radio", { name: new RegExp(`ID ${user!.userId}\\b`) }).check();
    await dialog.getByLabel("原因").fill("有效的申请原因");
    await emu("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "error", status: 403, code: "Forbidden.RAM", count: 1 });
    const captured = captureNextAction(page);
    await dialog.getByRole("button", { name: "授权", exact: true }).click();
    const action = await captured;
    await expect(dialog.getByRole("alert").filter({ hasText: "Forbidden.RAM" })).toBeVisible();
    const forged = action.body.replace("有效的申请原因", "x").replace(/"idempotencyKey":"[^"]+"/, `"idempotencyKey":"${crypto.randomUUID()}"`);
    const answer = await (await replayAction(page.request, action, forged)).text();
    expect(answer).toContain("请说明为什么需要此访问权限");
    expect(answer).not.toContain("Say why this access is needed");
  } finally {
    await emu("DELETE", "/faults");
    await context.close();
    await backToEnglish(browser, "dba");
  }
});

test("the database-account dialogs and their field errors read in Chinese", async ({ browser }) => {
  const { context, page } = await signInChinese(browser, "dba");
  try {
    const { accounts } = (await (await page.request.get("/api/accounts")).json()) as { accounts: { accountId: string; accountName: string }[] };
    const huawei = accounts.find((a) => a.accountName === "Demo Huawei (AK/SK)")!;
    await page.goto(`/accounts?account=${huawei.accountId}&scope=${fixtures.huawei.projectId}&instance=${fixtures.huawei.ownerDdsInstanceId}`);
    await expect(page.getByTestId("accounts-list")).toHaveAttribute("data-loaded", "true", { timeout: 30_000 });
    // The instance picker and the list, with their state words, read in Chinese too.
    expect(await untranslatedText(page)).toEqual([]);
    await page.getByRole("button", { name: "创建用户" }).click();
    const dialog = page.getByRole("dialog", { name: "创建 DDS 用户" });
    await dialog.getByRole("button", { name: "移除第 1 个角色" }).click();
    await dialog.locator("input[name=password]").fill("short");
    await dialog.getByRole("button", { name: "创建用户" }).click();
    await expect(dialog.locator("input[name=userName]")).toHaveAttribute("aria-invalid", "true");
    expect(await missingMessageMarks(page)).toEqual([]);
    expect(await untranslatedText(page)).toEqual([]);
    await dialog.getByRole("button", { name: "取消" }).click();
    await page.getByRole("row").filter({ hasText: "catalog-app" }).getByRole("button", { name: "重置密码" }).click();
    await expect(page.getByRole("dialog", { name: "重置密码" })).toBeVisible();
    expect(await untranslatedText(page)).toEqual([]);
  } finally {
    await context.close();
    await backToEnglish(browser, "dba");
  }
});
