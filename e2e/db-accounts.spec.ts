import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import fixtures from "../emulator/demo-fixtures.json" with { type: "json" };
import { captureNextAction, contextAs, replayAction, signInAs, type CapturedAction } from "./support/auth";
import { emu, lastSeq } from "./support/emulator";
import { auditCsv, databaseHits, SERVER_LOG, serverLogHas } from "./support/secrets";
import fs from "node:fs";

/*
 * Database accounts against the emulator: Tencent MariaDB accounts and DDS users are created,
 * listed, reset and deleted through the page; the password is shown once and found nowhere else;
 * refused input never reaches the vendor; a duplicate is refused in the vendor's words; a lost
 * answer creates one account; forged requests change nothing.
 */

test.describe.configure({ mode: "serial", timeout: 90_000 });

interface ScopeAccount {
  accountId: string;
  accountName: string;
  vendor: "tencent" | "huawei";
  scopes: { id: string; region: string }[];
}
interface EmuMaria {
  userName: string;
  host: string;
  readOnly: number;
  description: string;
}
interface EmuDdsUser {
  db: string;
  user: string;
  roles: { db: string; role: string }[];
}

const TENCENT = "Demo Tencent MariaDB";
const HUAWEI = "Demo Huawei (AK/SK)";
const OWNED_MARIADB = fixtures.tencent.ownerInstanceId;
const OTHER_MARIADB = "tdsql-demo0002";
const OWNED_DDS = fixtures.huawei.ownerDdsInstanceId;

const mariaAccounts = async (instance: string) => (await emu<{ accounts: EmuMaria[] }>("GET", `/state/mariadb/instances/${instance}/accounts`)).accounts;
const ddsUsers = async (instance: string) => (await emu<{ users: EmuDdsUser[] }>("GET", `/state/dds/instances/${instance}/users`)).users;
const callsSince = async (service: string, seq: number, actions: string[]) =>
  (await emu<{ calls: { action: string }[] }>("GET", `/calls?service=${service}&since=${seq}`)).calls.filter((c) => actions.includes(c.action));
const MARIA_CHANGES = ["CreateAccount", "ResetAccountPassword", "DeleteAccount"];
const DDS_CHANGES = ["CreateDatabaseUser", "DeleteDatabaseUser", "ResetPassword"];

async function accountNamed(request: APIRequestContext, name: string): Promise<ScopeAccount> {
  const { accounts } = (await (await request.get("/api/accounts")).json()) as { accounts: ScopeAccount[] };
  const found = accounts.find((a) => a.accountName === name);
  if (!found) throw new Error(`no cloud account ${name}`);
  return found;
}

/** Opens one instance's accounts and waits until the vendor's list is shown. */
async function openInstance(page: Page, name: string, instance: string) {
  const account = await accountNamed(page.request, name);
  const scope = account.vendor === "tencent" ? fixtures.tencent.region : fixtures.huawei.projectId;
  await page.goto(`/accounts?account=${account.accountId}&scope=${scope}&instance=${instance}`);
  await expect(page.getByTestId("accounts-list")).toHaveAttribute("data-loaded", "true", { timeout: 30_000 });
  return account;
}

const rowOf = (page: Page, text: string) => page.getByRole("row").filter({ hasText: text });

/** Nowhere but the vendor: not in any table (job queue included), the server log or the audit log; `name` must be found, so the search itself is proven. */
async function expectNowhere(browser: Browser, password: string, name: string) {
  const { context, page } = await contextAs(browser, "admin");
  const request = page.request;
  expect(await databaseHits(name), "the search sees the data").toBeGreaterThan(0);
  expect(await databaseHits(password), "password in the database").toBe(0);
  expect(fs.statSync(SERVER_LOG).size, "the server log is captured").toBeGreaterThan(0);
  expect(serverLogHas(password), "password in the server log").toBe(false);
  const csv = await auditCsv(request);
  expect(csv).toContain(name);
  expect(csv.includes(password), "password in the audit log").toBe(false);
  await context.close();
}

test.describe("database accounts", () => {
  test("a Tencent MariaDB account is created with a generated password, shown once, listed, and stored nowhere", async ({ page, browser }) => {
    await signInAs(page, "dba");
    await openInstance(page, TENCENT, OWNED_MARIADB);
    const seq = await lastSeq();
    await page.getByRole("button", { name: "Create account" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a MariaDB account" });
    await dialog.getByLabel("User name").fill("e2e_report");
    await dialog.getByLabel("Host").fill("10.20.%");
    await dialog.getByLabel("Access").selectOption("2");
    await dialog.getByLabel("Replica lag limit (seconds)").fill("15");
    await dialog.getByLabel("Description").fill("e2e reporting");
    const password = await dialog.locator("input[name=password]").inputValue();
    expect(password).toMatch(/^.{20}$/);
    await dialog.getByRole("button", { name: "Create account" }).click();
    await expect(dialog.getByTestId("password-once")).toBeVisible({ timeout: 20_000 });
    await expect(dialog.getByTestId("once-password")).toHaveText(password);
    await expect(dialog).toContainText("Sent RSA-encrypted");
    await dialog.getByRole("button", { name: "I have copied it" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(rowOf(page, "e2e_report")).toHaveCount(1);
    await expect(rowOf(page, "e2e_report")).toContainText("Read-only, replica or fail");

    const made = (await mariaAccounts(OWNED_MARIADB)).filter((a) => a.userName === "e2e_report");
    expect(made).toEqual([expect.objectContaining({ host: "10.20.%", readOnly: 2, description: "e2e reporting" })]);
    expect((await callsSince("mariadb", seq, ["CreateAccount"])).length).toBe(1);
    // Shown once: a reload lists the account and nothing of its password.
    await page.reload();
    await expect(page.getByTestId("accounts-list")).toHaveAttribute("data-loaded", "true", { timeout: 30_000 });
    expect(await page.content()).not.toContain(password);

    await expectNowhere(browser, password, "e2e_report");
  });

  test("a DDS user is created with roles, and with none only when no privileges is chosen", async ({ page, browser }) => {
    await signInAs(page, "dba");
    await openInstance(page, HUAWEI, OWNED_DDS);
    await page.getByRole("button", { name: "Create user" }).click();
    let dialog = page.getByRole("dialog", { name: "Create a DDS user" });
    await dialog.getByLabel("User name").fill("e2e.reader");
    await dialog.getByLabel("Role", { exact: true }).fill("readWrite");
    const password = await dialog.locator("input[name=password]").inputValue();
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog.getByTestId("once-password")).toHaveText(password, { timeout: 20_000 });
    await dialog.getByRole("button", { name: "I have copied it" }).click();
    await expect(rowOf(page, "e2e.reader")).toContainText("readWrite@admin");
    expect((await ddsUsers(OWNED_DDS)).find((u) => u.user === "e2e.reader")?.roles).toEqual([{ db: "admin", role: "readWrite" }]);

    await page.getByRole("button", { name: "Create user" }).click();
    dialog = page.getByRole("dialog", { name: "Create a DDS user" });
    await dialog.getByLabel("User name").fill("e2e.nobody");
    await dialog.getByRole("button", { name: "Remove role 1" }).click();
    const seq = await lastSeq();
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog.getByText(/no privileges/i).first()).toBeVisible();
    expect((await callsSince("dds", seq, DDS_CHANGES)).length).toBe(0);
    await dialog.getByLabel("No privileges: create the user without any role").check();
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog.getByTestId("password-once")).toBeVisible({ timeout: 20_000 });
    await dialog.getByRole("button", { name: "I have copied it" }).click();
    expect((await ddsUsers(OWNED_DDS)).find((u) => u.user === "e2e.nobody")?.roles).toEqual([]);

    await expectNowhere(browser, password, "e2e.reader");
  });

  test("every documented bound is refused with a field error, in the form and by direct POST, and nothing reaches the vendor", async ({ page }) => {
    await signInAs(page, "dba");
    await openInstance(page, TENCENT, OWNED_MARIADB);
    const seq = await lastSeq();
    await page.getByRole("button", { name: "Create account" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a MariaDB account" });
    await dialog.getByLabel("User name").fill("1starts_with_digit");
    await dialog.getByLabel("Host").fill("10.%.1");
    await dialog.locator("input[name=password]").fill("weakpass");
    await dialog.getByLabel("Description").fill("x".repeat(257));
    await dialog.getByRole("button", { name: "Create account" }).click();
    for (const name of ["userName", "host", "description", "password"]) await expect(dialog.locator(`input[name=${name}]`), name).toHaveAttribute("aria-invalid", "true");
    expect((await callsSince("mariadb", seq, MARIA_CHANGES)).length).toBe(0);

    // A valid create captured, then replayed with what the form never sends.
    await dialog.getByLabel("User name").fill("e2e_bounds");
    await dialog.getByLabel("Host").fill("%");
    await dialog.locator("input[name=password]").fill("Bounds-Check~2026");
    await dialog.getByLabel("Description").fill("");
    const captured = captureNextAction(page);
    await dialog.getByRole("button", { name: "Create account" }).click();
    const action = await captured;
    await expect(dialog.getByTestId("password-once")).toBeVisible({ timeout: 20_000 });
    const after = await lastSeq();
    const forge = (patch: Record<string, unknown>) => {
      const [arg] = JSON.parse(action.body) as Record<string, unknown>[];
      return JSON.stringify([{ ...arg, userName: "e2e_forged", ...patch, idempotencyKey: crypto.randomUUID() }]);
    };
    for (const [patch, field] of [
      [{ userName: "a".repeat(33) }, "userName"],
      [{ userName: "bad name" }, "userName"],
      [{ host: "300.1.%" }, "host"],
      [{ host: "a b" }, "host"],
      [{ password: "Short~1a" + "x".repeat(30) }, "password"],
      [{ password: "alllowercase~123" }, "password"],
      [{ password: "/Leading~Slash1" }, "password"],
      [{ readOnly: 4 }, "readOnly"],
      [{ readOnly: 0, delayThresh: 15 }, "delayThresh"],
      [{ readOnly: 1, delayThresh: 10_001 }, "delayThresh"],
      [{ maxUserConnections: 10_241 }, "maxUserConnections"],
      [{ description: "d".repeat(257) }, "description"],
      [{ description: "line\nbreak" }, "description"],
      [{ description: "lone \ud800 surrogate" }, "description"],
      [{ instanceId: "tdsql-NOTVALID!" }, "instanceId"],
      [{ region: "../../etc" }, "region"],
    ] as const) {
      const text = await (await replayAction(page.request, action, forge(patch))).text();
      expect(text, JSON.stringify(patch)).toContain('"ok":false');
      expect(text, JSON.stringify(patch)).toContain(`"${field}"`);
    }
    expect((await callsSince("mariadb", after, MARIA_CHANGES)).length).toBe(0);
    expect((await mariaAccounts(OWNED_MARIADB)).some((a) => a.userName === "e2e_forged")).toBe(false);
  });

  test("instances that refuse account calls are shown with the reason and cannot be picked; forged calls on them reach nothing", async ({ page }) => {
    await signInAs(page, "dba");
    await openInstance(page, HUAWEI, OWNED_DDS);
    const picker = page.getByTestId("acc-instances");
    for (const [id, reason] of [
      [fixtures.huawei.enhancedDdsInstanceId, "Enhanced Edition"],
      [fixtures.huawei.ddsStateInstances.frozen, "frozen"],
      [fixtures.huawei.ddsStateInstances.resizing, "RESIZE_FLAVOR"],
      [fixtures.huawei.abnormalDdsInstanceId, "abnormal"],
    ] as const) {
      const button = picker.locator(`[data-instance="${id}"]`);
      await expect(button).toBeDisabled();
      await expect(button).toContainText(reason);
    }
    await expect(picker.locator(`[data-instance="${OWNED_DDS}"]`)).toBeEnabled();

    // A valid DDS create captured, then replayed with what the form never sends and at instances that refuse it.
    const seq = await lastSeq();
    await page.getByRole("button", { name: "Create user" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a DDS user" });
    await dialog.getByLabel("User name").fill("e2e.bounds");
    const captured = captureNextAction(page);
    await dialog.getByRole("button", { name: "Create user" }).click();
    const action = await captured;
    await expect(dialog.getByTestId("password-once")).toBeVisible({ timeout: 20_000 });
    const after = await lastSeq();
    expect((await callsSince("dds", seq, ["CreateDatabaseUser"])).length).toBe(1);
    const forge = (patch: Record<string, unknown>) => {
      const [arg] = JSON.parse(action.body) as Record<string, unknown>[];
      return JSON.stringify([{ ...arg, userName: "e2e.forged", ...patch, idempotencyKey: crypto.randomUUID() }]);
    };
    for (const [patch, field] of [
      [{ userName: "under_score" }, "userName"],
      [{ userName: "drsFull" }, "userName"],
      [{ userName: "rwuser" }, "userName"],
      [{ userName: "u".repeat(65) }, "userName"],
      [{ password: "Has$Dollar1~ab" }, "password"],
      [{ password: "NoSymbol1234" }, "password"],
      [{ password: "Aa1~" }, "password"],
      [{ dbName: "bad-db" }, "dbName"],
      [{ dbName: "d".repeat(65) }, "dbName"],
      [{ roles: [] }, "roles"],
      [{ roles: [{ roleDbName: "admin", roleName: "read_write" }] }, "roles"],
      [{ roles: Array.from({ length: 51 }, (_, n) => ({ roleDbName: "admin", roleName: `r${n}` })) }, "roles"],
      [{ noPrivileges: true }, "noPrivileges"],
      [{ projectId: "not-a-project" }, "projectId"],
    ] as const) {
      const text = await (await replayAction(page.request, action, forge(patch))).text();
      expect(text, JSON.stringify(patch)).toContain('"ok":false');
      expect(text, JSON.stringify(patch)).toContain(`"${field}`);
    }
    for (const instanceId of [fixtures.huawei.enhancedDdsInstanceId, fixtures.huawei.ddsStateInstances.frozen, fixtures.huawei.ddsStateInstances.resizing]) {
      const text = await (await replayAction(page.request, action, forge({ instanceId }))).text();
      expect(text).toContain("INSTANCE_NOT_READY");
    }
    expect((await callsSince("dds", after, DDS_CHANGES)).length).toBe(0);

    // Kernel 10.1 takes no connection limit: the console says so before sending anything.
    await openInstance(page, TENCENT, fixtures.tencent.kernel101InstanceId);
    await page.getByRole("button", { name: "Create account" }).click();
    const tencent = page.getByRole("dialog", { name: "Create a MariaDB account" });
    await expect(tencent.locator("input[name=maxUserConnections]")).toBeDisabled();
    await expect(tencent).toContainText("Not supported on kernel 10.1");
    await tencent.getByLabel("User name").fill("e2e_k101");
    const k101 = captureNextAction(page);
    await tencent.getByRole("button", { name: "Create account" }).click();
    const create = await k101;
    await expect(tencent.getByTestId("password-once")).toBeVisible({ timeout: 20_000 });
    const before = await lastSeq();
    const [arg] = JSON.parse(create.body) as Record<string, unknown>[];
    const limited = await (await replayAction(page.request, create, JSON.stringify([{ ...arg, userName: "e2e_k101_limit", maxUserConnections: 50, idempotencyKey: crypto.randomUUID() }]))).text();
    expect(limited).toContain('"maxUserConnections"');
    for (const instanceId of [fixtures.tencent.isolatedInstanceId, fixtures.tencent.inFlowInstanceId]) {
      const text = await (await replayAction(page.request, create, JSON.stringify([{ ...arg, userName: "e2e_k101_limit", instanceId, idempotencyKey: crypto.randomUUID() }]))).text();
      expect(text).toContain("INSTANCE_NOT_READY");
    }
    expect((await callsSince("mariadb", before, MARIA_CHANGES)).length).toBe(0);
  });

  test("a duplicate account is refused in the vendor's words with its code and request id, and the form keeps its values", async ({ page }) => {
    await signInAs(page, "dba");
    await openInstance(page, TENCENT, OWNED_MARIADB);
    await page.getByRole("button", { name: "Create account" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a MariaDB account" });
    await dialog.getByLabel("User name").fill("e2e_report");
    await dialog.getByLabel("Host").fill("10.20.%");
    await expect(dialog.getByText("already exists on this instance")).toBeVisible();
    await dialog.getByRole("button", { name: "Create account" }).click();
    const refusal = dialog.getByRole("alert").filter({ hasText: "InvalidParameterValue.AccountAlreadyExists" });
    await expect(refusal).toBeVisible({ timeout: 20_000 });
    await expect(refusal).toContainText(/already exists/);
    await expect(refusal).toContainText(/request id/i);
    await expect(dialog.getByLabel("User name")).toHaveValue("e2e_report");
    await expect(dialog.getByLabel("Host")).toHaveValue("10.20.%");
    expect((await mariaAccounts(OWNED_MARIADB)).filter((a) => a.userName === "e2e_report")).toHaveLength(1);
  });

  test("reset shows the new password once; delete, single and bulk, removes the accounts at the vendor", async ({ page }) => {
    await signInAs(page, "dba");
    await openInstance(page, TENCENT, OWNED_MARIADB);
    let seq = await lastSeq();
    await rowOf(page, "e2e_report").getByRole("button", { name: "Reset password" }).click();
    const reset = page.getByRole("dialog", { name: "Reset the password" });
    await expect(reset).toContainText("e2e_report@10.20.%");
    const password = await reset.locator("input[name=password]").inputValue();
    await reset.getByRole("button", { name: "Reset password" }).click();
    await expect(reset.getByTestId("once-password")).toHaveText(password, { timeout: 20_000 });
    await reset.getByRole("button", { name: "I have copied it" }).click();
    expect((await callsSince("mariadb", seq, ["ResetAccountPassword"])).length).toBe(1);

    seq = await lastSeq();
    await page.getByRole("checkbox", { name: "Select e2e_report@10.20.%" }).check();
    await page.getByRole("checkbox", { name: "Select e2e_bounds@%" }).check();
    await page.getByRole("button", { name: "Delete 2 selected" }).click();
    const del = page.getByRole("dialog", { name: "Delete 2 accounts" });
    await expect(del.getByTestId("delete-items")).toContainText("e2e_report@10.20.%");
    await expect(del).toContainText(fixtures.tencent.ownerInstanceId);
    await del.getByRole("button", { name: "Delete 2 accounts" }).click();
    await expect(del).toHaveCount(0, { timeout: 20_000 });
    await expect(rowOf(page, "e2e_report")).toHaveCount(0);
    expect((await callsSince("mariadb", seq, ["DeleteAccount"])).length).toBe(2);
    expect((await mariaAccounts(OWNED_MARIADB)).filter((a) => a.userName.startsWith("e2e_"))).toEqual([]);

    await openInstance(page, HUAWEI, OWNED_DDS);
    seq = await lastSeq();
    await rowOf(page, "e2e.reader").getByRole("button", { name: "Reset password" }).click();
    const ddsReset = page.getByRole("dialog", { name: "Reset the password" });
    await expect(ddsReset).toContainText("admin.e2e.reader");
    const ddsPassword = await ddsReset.locator("input[name=password]").inputValue();
    await ddsReset.getByRole("button", { name: "Reset password" }).click();
    await expect(ddsReset.getByTestId("once-password")).toHaveText(ddsPassword, { timeout: 20_000 });
    await ddsReset.getByRole("button", { name: "I have copied it" }).click();
    expect((await callsSince("dds", seq, ["ResetPassword"])).length).toBe(1);
    await rowOf(page, "e2e.nobody").getByRole("button", { name: "Delete" }).click();
    const one = page.getByRole("dialog", { name: "Delete this account" });
    await one.getByRole("button", { name: "Delete account" }).click();
    await expect(one).toHaveCount(0, { timeout: 20_000 });
    expect((await ddsUsers(OWNED_DDS)).some((u) => u.user === "e2e.nobody")).toBe(false);
  });

  test("a lost answer on create is settled by the account list: one account, one success", async ({ page }) => {
    await signInAs(page, "dba");
    await openInstance(page, TENCENT, OWNED_MARIADB);
    const seq = await lastSeq();
    await emu("POST", "/faults", { service: "mariadb", action: "CreateAccount", kind: "drop", afterEffect: true, count: 1 });
    try {
      await page.getByRole("button", { name: "Create account" }).click();
      const dialog = page.getByRole("dialog", { name: "Create a MariaDB account" });
      await dialog.getByLabel("User name").fill("e2e_lost");
      await dialog.getByRole("button", { name: "Create account" }).click();
      await expect(dialog.getByTestId("password-once")).toBeVisible({ timeout: 30_000 });
      await expect(dialog).toContainText("first answer was lost");
      await dialog.getByRole("button", { name: "I have copied it" }).click();
    } finally {
      await emu("DELETE", "/faults");
    }
    expect((await mariaAccounts(OWNED_MARIADB)).filter((a) => a.userName === "e2e_lost")).toHaveLength(1);
    expect((await callsSince("mariadb", seq, ["CreateAccount"])).length).toBe(1);
  });

  test("without the instance's public key the password goes as Password, and the dialog says so", async ({ page }) => {
    await signInAs(page, "dba");
    await openInstance(page, TENCENT, "tdsql-demo0003");
    await emu("POST", "/faults", { service: "mariadb", action: "GetPublicKey", kind: "error", code: "UnsupportedOperation", count: 100 });
    try {
      await page.getByRole("button", { name: "Create account" }).click();
      const dialog = page.getByRole("dialog", { name: "Create a MariaDB account" });
      await dialog.getByLabel("User name").fill("e2e_plain");
      await dialog.getByRole("button", { name: "Create account" }).click();
      await expect(dialog.getByTestId("password-once")).toBeVisible({ timeout: 20_000 });
      await expect(dialog).toContainText("Sent as Password over HTTPS");
    } finally {
      await emu("DELETE", "/faults");
    }
    expect((await mariaAccounts("tdsql-demo0003")).some((a) => a.userName === "e2e_plain")).toBe(true);
  });

  test("a requester's, an auditor's and a non-owner's direct POST change nothing in the emulator", async ({ page, browser }) => {
    await signInAs(page, "admin");
    await openInstance(page, TENCENT, OTHER_MARIADB);
    await page.getByRole("button", { name: "Create account" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a MariaDB account" });
    await dialog.getByLabel("User name").fill("e2e_admin_made");
    const captured = captureNextAction(page);
    await dialog.getByRole("button", { name: "Create account" }).click();
    const action: CapturedAction = await captured;
    await expect(dialog.getByTestId("password-once")).toBeVisible({ timeout: 20_000 });
    const seq = await lastSeq();
    const forge = (patch: Record<string, unknown>) => {
      const [arg] = JSON.parse(action.body) as Record<string, unknown>[];
      return JSON.stringify([{ ...arg, userName: "e2e_forged", ...patch, idempotencyKey: crypto.randomUUID() }]);
    };
    for (const role of ["requester", "auditor", "owner"] as const) {
      const { context, page: other } = await contextAs(browser, role);
      const text = await (await replayAction(other.request, action, forge({}))).text();
      expect(text, role).toContain('"ok":false');
      await context.close();
    }
    expect((await callsSince("mariadb", seq, MARIA_CHANGES)).length).toBe(0);
    expect((await mariaAccounts(OTHER_MARIADB)).some((a) => a.userName === "e2e_forged")).toBe(false);

    // The owner may act on their own instance, and only there.
    const { context, page: owner } = await contextAs(browser, "owner");
    const mine = await (await replayAction(owner.request, action, forge({ instanceId: OWNED_MARIADB, userName: "e2e_owner_made" }))).text();
    expect(mine).toContain('"ok":true');
    await context.close();
    expect((await mariaAccounts(OWNED_MARIADB)).some((a) => a.userName === "e2e_owner_made")).toBe(true);
    expect((await mariaAccounts(OTHER_MARIADB)).some((a) => a.userName === "e2e_owner_made")).toBe(false);
  });
});
