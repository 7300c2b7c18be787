import { expect, test, type Page } from "@playwright/test";
import { captureNextAction, replayAction, signInAs } from "./support/auth";
import { accessesOf, dmsCallsSince, duplicates, emu, freeUsers as freeUsersOf, lastSeq } from "./support/emulator";

/*
 * Granting and revoking on proxy 1203 (tenant 3001). Each test picks its users from the
 * emulator's state at the time it runs, so the tests do not depend on each other's order.
 */

const PROXY = "1203";
const TID = 3001;
const accesses = () => accessesOf(PROXY);
const createsSince = (seq: number) => dmsCallsSince("CreateProxyAccess", seq);
const freeUsers = () => freeUsersOf(TID, PROXY);


async function openProxy(page: Page) {
  await page.goto(`/proxy-accesses?proxy=${PROXY}`);
  await expect(page.getByRole("table", { name: `Proxy accesses on proxy ${PROXY}` })).toBeVisible();
}

async function openGrant(page: Page) {
  await page.getByRole("button", { name: "Grant access" }).click();
  return page.getByRole("dialog", { name: "Grant access" });
}

async function chooseUser(page: Page, user: { userId: number; nickName?: string; userName?: string }) {
  const dialog = page.getByRole("dialog", { name: "Grant access" });
  await dialog.getByLabel("Find a DMS user").fill(String(user.userId));
  await dialog.getByRole("radio", { name: new RegExp(`id ${user.userId}\\b`) }).check();
  await expect(dialog.getByTestId("chosen-user")).toContainText(String(user.userId));
}

test.afterEach(async () => {
  await emu("DELETE", "/faults");
});

test.describe("granting proxy access", () => {
  test("a grant appears highlighted in the list at once and in DMS, audited without the password", async ({ page }) => {
    const [user] = await freeUsers();
    await signInAs(page, "admin");
    await openProxy(page);
    const before = Number(await page.getByTestId("visible-count").textContent());
    const dialog = await openGrant(page);
    await chooseUser(page, user!);
    await dialog.getByLabel("Connect with an independent database account").check();
    await dialog.getByRole("textbox", { name: "Database account", exact: true }).fill("app_ro");
    await dialog.getByRole("button", { name: "Generate" }).click();
    const password = await dialog.getByLabel("Database account password").inputValue();
    expect(password.length).toBeGreaterThanOrEqual(16);
    await dialog.getByLabel("Reason").fill("Quarterly reporting for finance");
    await dialog.getByRole("button", { name: "Grant access" }).click();
    await expect(dialog).toHaveCount(0);

    const row = page.locator('[role="row"][data-highlighted="true"]');
    await expect(row).toContainText(user!.nickName);
    await expect(row).toContainText("app_ro");
    await expect(page.getByTestId("visible-count")).toHaveText(String(before + 1));
    const inDms = (await accesses()).filter((a) => a.userId === user!.userId);
    expect(inDms).toHaveLength(1);

    await page.goto("/audit?action=proxy-accesses.grant");
    const rows = page.getByTestId("audit-row");
    await expect(rows.first()).toContainText("success");
    await expect(rows.nth(1)).toContainText("intent");
    await expect(rows.first()).toContainText(`dms-proxy:${PROXY}/user:${user!.userId}`);
    await expect(page.locator("body")).not.toContainText(password);
    const csv = await (await page.request.get("/api/audit/export?action=proxy-accesses.grant")).text();
    expect(csv).toContain("Quarterly reporting for finance");
    expect(csv).not.toContain(password);
  });

  test("a user who already has access is refused and nothing is created", async ({ page }) => {
    const [holder] = await accesses();
    await signInAs(page, "admin");
    await openProxy(page);
    const seq = await lastSeq();
    const dialog = await openGrant(page);
    await chooseUser(page, holder!);
    await dialog.getByLabel("Reason").fill("Should be refused");
    await dialog.getByRole("button", { name: "Grant access" }).click();
    await expect(dialog.getByRole("alert").filter({ hasText: "already has access" })).toBeVisible();
    expect(await createsSince(seq)).toEqual([]);
    expect(await duplicates()).toEqual([]);
  });

  test("a double submit and a resubmitted form create one access", async ({ page }) => {
    const [user] = await freeUsers();
    await signInAs(page, "admin");
    await openProxy(page);
    // Slow the create down so the second click lands while the first is still at DMS.
    await emu("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "latency", latencyMs: 800 });
    const dialog = await openGrant(page);
    await chooseUser(page, user!);
    await dialog.getByLabel("Reason").fill("Double click check");
    const captured = captureNextAction(page);
    await dialog.getByRole("button", { name: "Grant access" }).dblclick();
    const action = await captured;
    await expect(dialog).toHaveCount(0);

    // The same form body again (same idempotency key): answered from the first result.
    const again = await replayAction(page.request, action);
    expect(again.status()).toBeLessThan(500);
    expect(await again.text()).toContain('"replayed":true');
    expect((await accesses()).filter((a) => a.userId === user!.userId)).toHaveLength(1);
    expect(await duplicates()).toEqual([]);
  });

  test("bad input shows field errors and makes no vendor call, in the form and by direct POST", async ({ page }) => {
    const [user] = await freeUsers();
    await signInAs(page, "admin");
    await openProxy(page);
    const seq = await lastSeq();
    const dialog = await openGrant(page);
    await dialog.getByRole("button", { name: "Grant access" }).click();
    await expect(dialog.getByText("Choose a user")).toBeVisible();
    await expect(dialog.getByText(/Say why this access is needed/)).toBeVisible();
    await dialog.getByLabel("Connect with an independent database account").check();
    await dialog.getByRole("textbox", { name: "Database account", exact: true }).fill("1bad name");
    await dialog.getByLabel("Database account password").fill("short");
    await dialog.getByRole("button", { name: "Grant access" }).click();
    await expect(dialog.getByText("Start with a letter; use letters, digits, _ . or -")).toBeVisible();
    await expect(dialog.getByText("Use 8 to 32 characters.")).toBeVisible();

    // The server re-checks with the same schema: a forged body with a too-short reason is refused.
    await dialog.getByLabel("Connect with an independent database account").uncheck();
    await chooseUser(page, user!);
    await dialog.getByLabel("Reason").fill("Valid reason here");
    await emu("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "error", status: 403, code: "Forbidden.RAM", count: 1 });
    const captured = captureNextAction(page);
    await dialog.getByRole("button", { name: "Grant access" }).click();
    const action = await captured;
    await expect(dialog.getByRole("alert").filter({ hasText: "Forbidden.RAM" })).toBeVisible();
    const seqAfter = await lastSeq();
    const forged = action.body.replace("Valid reason here", "x").replace(/"idempotencyKey":"[^"]+"/, `"idempotencyKey":"${crypto.randomUUID()}"`);
    const res = await replayAction(page.request, action, forged);
    expect(await res.text()).toContain("Some fields need attention");
    expect(await createsSince(seqAfter)).toEqual([]);
    expect((await createsSince(seq)).length).toBe(1);
    expect((await accesses()).filter((a) => a.userId === user!.userId)).toHaveLength(0);
  });

  test("a vendor error reaches the user in plain words with code and request id", async ({ page }) => {
    const [user] = await freeUsers();
    await signInAs(page, "admin");
    await openProxy(page);
    await emu("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "error", status: 403, code: "Forbidden.RAM", count: 1 });
    const dialog = await openGrant(page);
    await chooseUser(page, user!);
    await dialog.getByLabel("Reason").fill("Vendor error check");
    await dialog.getByRole("button", { name: "Grant access" }).click();
    const error = dialog.getByRole("alert").filter({ hasText: "Forbidden.RAM" });
    await expect(error).toContainText("The RAM user behind this AccessKey lacks permission for this DMS operation.");
    await expect(error).toContainText(/request id [\w-]+/);
    // A definite refusal frees the form: the same dialog can try again and succeeds once.
    await dialog.getByRole("button", { name: "Grant access" }).click();
    await expect(dialog).toHaveCount(0);
    expect((await accesses()).filter((a) => a.userId === user!.userId)).toHaveLength(1);
  });

  test("a grant DMS never confirms is recorded as unsettled and shown as such; nothing is duplicated", async ({ page }) => {
    const [user] = await freeUsers();
    await signInAs(page, "admin");
    await openProxy(page);
    await emu("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "drop", count: 50 });
    const dialog = await openGrant(page);
    await chooseUser(page, user!);
    await dialog.getByLabel("Reason").fill("Unconfirmed grant check");
    await dialog.getByRole("button", { name: "Grant access" }).click();
    await expect(dialog.getByRole("alert").filter({ hasText: "did not confirm" })).toContainText("OUTCOME_UNKNOWN", { timeout: 30_000 });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(page.getByTestId("unsettled-notice")).toContainText(user!.nickName);
    expect((await accesses()).filter((a) => a.userId === user!.userId)).toHaveLength(0);
    expect(await duplicates()).toEqual([]);
  });
});

test.describe("revoking proxy access", () => {
  test("revoking one access names who loses what, and the row disappears here and in DMS", async ({ page }) => {
    const [target] = await accesses();
    await signInAs(page, "admin");
    await openProxy(page);
    await page.getByRole("button", { name: `Revoke access of ${target!.userName}` }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm.getByTestId("revoke-description")).toContainText(target!.userName);
    await expect(confirm.getByTestId("revoke-description")).toContainText(`proxy ${PROXY}`);
    await expect(confirm.getByTestId("revoke-description")).toContainText("retail-analytics-pg");
    await confirm.getByRole("button", { name: "Revoke access" }).click();
    await expect(confirm).toHaveCount(0);
    await expect(page.getByRole("row").filter({ hasText: target!.userName })).toHaveCount(0);
    expect((await accesses()).some((a) => a.proxyAccessId === target!.proxyAccessId)).toBe(false);
    await page.goto("/audit?action=proxy-accesses.revoke.access");
    await expect(page.getByTestId("audit-row").first()).toContainText(`access:${target!.proxyAccessId}`);
  });

  test("revoking a selection removes every selected access", async ({ page }) => {
    const [a, b] = await accesses();
    await signInAs(page, "admin");
    await openProxy(page);
    await page.getByRole("checkbox", { name: `Select ${a!.userName}` }).check();
    await page.getByRole("checkbox", { name: `Select ${b!.userName}` }).check();
    await page.getByRole("button", { name: "Revoke 2 selected" }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm.getByTestId("revoke-description")).toContainText(`${a!.userName} and ${b!.userName}`);
    await confirm.getByRole("button", { name: "Revoke 2 accesses" }).click();
    await expect(confirm).toHaveCount(0);
    const left = await accesses();
    expect(left.some((x) => x.proxyAccessId === a!.proxyAccessId || x.proxyAccessId === b!.proxyAccessId)).toBe(false);
    await expect(page.getByRole("row").filter({ hasText: a!.userName })).toHaveCount(0);
  });
});
