import { expect, test, type Page } from "@playwright/test";
import fixtures from "../emulator/demo-fixtures.json" with { type: "json" };
import { captureNextAction, contextAs, replayAction, signInAs } from "./support/auth";
import { E2E } from "./support/env";

const mariadbUrl = `http://127.0.0.1:${E2E.emulatorPort + 4}`;

async function addTencentAccount(page: Page, name: string, secretKey: string) {
  await page.goto("/cloud-accounts");
  await page.getByRole("button", { name: "Add cloud account" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a cloud account" });
  await dialog.getByLabel("Cloud").selectOption("tencent");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Region").fill(fixtures.tencent.region);
  await dialog.getByLabel("SecretId").fill(fixtures.tencent.secretId);
  await dialog.getByLabel("SecretKey").fill(secretKey);
  await dialog.getByLabel("Endpoint override").fill(mariadbUrl);
  await dialog.getByRole("button", { name: "Add cloud account" }).click();
  await expect(dialog).toHaveCount(0);
  return page.getByTestId(`cloud-account-${name}`);
}

test.describe("cloud accounts", () => {
  test("an admin adds an account, tests it, and its secret is never shown or audited", async ({ page }) => {
    await signInAs(page, "admin");
    const card = await addTencentAccount(page, "E2E Tencent", fixtures.tencent.secretKey);
    await expect(card.getByTestId("credential-hint")).toContainText("SecretId AKID…0001");
    await expect(page.locator("body")).not.toContainText(fixtures.tencent.secretKey);

    await card.getByRole("button", { name: "Test connection" }).click();
    await expect(card.getByTestId("last-test")).toContainText("Connected to MariaDB in ap-guangzhou");

    await page.goto("/audit?action=cloud-accounts");
    await expect(page.getByTestId("audit-row").first()).toBeVisible();
    const csv = await (await page.request.get("/api/audit/export?action=cloud-accounts")).text();
    expect(csv).toContain("cloud-accounts.save");
    expect(csv).toContain("cloud-accounts.test");
    expect(csv).not.toContain(fixtures.tencent.secretKey);
  });

  test("a wrong secret fails the test with the vendor's code and request id, and editing keeps other settings", async ({ page }) => {
    await signInAs(page, "admin");
    const card = await addTencentAccount(page, "E2E Tencent wrong key", "NotTheRightSecretKey000000000000");
    await card.getByRole("button", { name: "Test connection" }).click();
    const result = card.getByTestId("last-test");
    await expect(result).toContainText("AuthFailure.SignatureFailure");
    await expect(result).toContainText("request id");

    await card.getByRole("button", { name: "Edit E2E Tencent wrong key" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit E2E Tencent wrong key" });
    await expect(dialog.getByLabel("SecretKey")).toHaveCount(0);
    await dialog.getByLabel(/Replace the credentials/).check();
    await dialog.getByRole("textbox", { name: "SecretId", exact: true }).fill(fixtures.tencent.secretId);
    await dialog.getByRole("textbox", { name: "SecretKey", exact: true }).fill(fixtures.tencent.secretKey);
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toHaveCount(0);
    await card.getByRole("button", { name: "Test connection" }).click();
    await expect(card.getByTestId("last-test")).toContainText("Connected to MariaDB");
  });

  test("the demo accounts reach every emulated service, including a Huawei IAM token", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/cloud-accounts");
    for (const [name, expected] of [
      ["Demo Alibaba DMS", "Connected to DMS; active tenant is"],
      ["Demo Huawei (IAM user)", "IAM token obtained"],
      ["Demo Huawei (AK/SK)", "Connected to TaurusDB in cn-north-4"],
    ] as const) {
      const card = page.getByTestId(`cloud-account-${name}`);
      await card.getByRole("button", { name: "Test connection" }).click();
      await expect(card.getByTestId("last-test")).toContainText(expected);
    }
  });

  test("bad input shows field errors and reaches no vendor", async ({ page, request }) => {
    await request.delete(`${E2E.emulatorAdmin}/calls`);
    await signInAs(page, "admin");
    await page.goto("/cloud-accounts");
    await page.getByRole("button", { name: "Add cloud account" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a cloud account" });
    await dialog.getByLabel("Cloud").selectOption("huawei");
    await dialog.getByLabel("Region").fill("Not A Region");
    await dialog.getByLabel("Project id").fill("too-short");
    await dialog.getByLabel("TaurusDB endpoint override").fill("ftp://example");
    await dialog.getByRole("button", { name: "Add cloud account" }).click();
    await expect(dialog.getByText("Enter the account name")).toBeVisible();
    await expect(dialog.getByText("Use the vendor's region id")).toBeVisible();
    await expect(dialog.getByText("The project id is 32 letters and digits")).toBeVisible();
    await expect(dialog.getByText("Enter a full http(s) URL")).toBeVisible();
    await expect(dialog.getByText("Enter the access key id (AK)")).toBeVisible();
    const { calls } = await (await request.get(`${E2E.emulatorAdmin}/calls`)).json();
    expect(calls).toEqual([]);
  });

  test("an endpoint on a metadata address or a look-alike domain is refused with a field error and nothing is saved", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/cloud-accounts");
    await page.getByRole("button", { name: "Add cloud account" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a cloud account" });
    await dialog.getByLabel("Cloud").selectOption("alibaba");
    await dialog.getByLabel("Name").fill("Metadata probe");
    await dialog.getByLabel("Region").fill("cn-hangzhou");
    await dialog.getByLabel("AccessKey ID").fill(fixtures.alibaba.accessKeyId);
    await dialog.getByLabel("AccessKey secret").fill(fixtures.alibaba.accessKeySecret);
    const endpoint = dialog.getByLabel("Endpoint override");
    await endpoint.fill("http://169.254.169.254/latest");
    await dialog.getByRole("button", { name: "Add cloud account" }).click();
    await expect(dialog.getByText("Link-local and cloud metadata addresses are never allowed")).toBeVisible();
    await expect(endpoint).toHaveAttribute("aria-invalid", "true");

    await endpoint.fill("https://dms.aliyuncs.com.evil.com");
    await dialog.getByRole("button", { name: "Add cloud account" }).click();
    await expect(dialog.getByText("Use an https:// endpoint on aliyuncs.com")).toBeVisible();

    await page.goto("/cloud-accounts");
    await expect(page.getByTestId("cloud-account-Metadata probe")).toHaveCount(0);
  });

  test("other roles cannot see the page, and a forged save by a DBA creates nothing", async ({ page, browser }) => {
    await signInAs(page, "admin");
    await page.goto("/cloud-accounts");
    await page.getByRole("button", { name: "Add cloud account" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a cloud account" });
    await dialog.getByLabel("Cloud").selectOption("tencent");
    await dialog.getByLabel("Name").fill("Captured account");
    await dialog.getByLabel("Region").fill("ap-guangzhou");
    await dialog.getByLabel("SecretId").fill("AKIDcaptured");
    await dialog.getByLabel("SecretKey").fill("captured-secret-value");
    const captured = captureNextAction(page);
    await dialog.getByRole("button", { name: "Add cloud account" }).click();
    const action = await captured;

    const { context, page: dbaPage } = await contextAs(browser, "dba");
    await dbaPage.goto("/cloud-accounts");
    await expect(dbaPage.getByRole("heading", { name: "Not found" })).toBeVisible();
    const response = await replayAction(context.request, action, action.body.replace("Captured account", "Forged account"));
    expect(await response.text()).toContain("You do not have permission");
    await context.close();

    await page.goto("/cloud-accounts");
    await expect(page.getByTestId("cloud-account-Captured account")).toHaveCount(1);
    await expect(page.getByTestId("cloud-account-Forged account")).toHaveCount(0);
  });
});
