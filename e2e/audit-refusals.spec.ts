import { expect, test, type Page } from "@playwright/test";
import { captureNextAction, contextAs, replayAction, signInAs, type CapturedAction } from "./support/auth";
import { accessesOf, emu, freeUsers } from "./support/emulator";

/*
 * A refused or failed call always leaves its audit entry, whatever it carries, and an operation
 * on several items is logged with what really happened to them.
 */

const OTHER_PROXY = "1202";
const TID = 3001;
const NOWHERE = ["999999991", "999999992"];

const dmsChangesSince = async (seq: number) =>
  (await emu<{ calls: { action: string }[] }>("GET", `/calls?service=dms&since=${seq}`)).calls.filter((c) => ["CreateProxyAccess", "DeleteProxyAccess"].includes(c.action));
const lastSeq = async () => (await emu<{ lastSeq: number }>("GET", "/calls")).lastSeq;

/** The captured call's single argument with `patch` applied, under a fresh idempotency key. */
function forge(action: CapturedAction, patch: Record<string, unknown>): string {
  const [arg] = JSON.parse(action.body) as Record<string, unknown>[];
  return JSON.stringify([{ ...arg, ...patch, idempotencyKey: crypto.randomUUID() }]);
}

/** An admin's real grant on OTHER_PROXY through the form, captured for replay; returns the user granted too. */
async function captureGrant(page: Page): Promise<{ action: CapturedAction; userId: number }> {
  const [user] = await freeUsers(TID, OTHER_PROXY);
  await page.goto(`/proxy-accesses?proxy=${OTHER_PROXY}`);
  await page.getByRole("button", { name: "Grant access" }).click();
  const dialog = page.getByRole("dialog", { name: "Grant access" });
  await dialog.getByLabel("Find a DMS user").fill(String(user!.userId));
  await dialog.getByRole("radio", { name: new RegExp(`id ${user!.userId}\\b`) }).check();
  await dialog.getByLabel("Reason").fill("Captured for the audit checks");
  const captured = captureNextAction(page);
  await dialog.getByRole("button", { name: "Grant access" }).click();
  const action = await captured;
  await expect(dialog).toHaveCount(0);
  return { action, userId: user!.userId };
}

test.describe("refusals are audited whatever they carry", () => {
  test("a forged grant with a NUL in its reason is refused, not a 500, and audited with the NUL made visible", async ({ page, browser }) => {
    await signInAs(page, "admin");
    const { action } = await captureGrant(page);
    const [victim] = await freeUsers(TID, OTHER_PROXY);
    const seq = await lastSeq();

    const asAdmin = await replayAction(page.request, action, forge(action, { userId: String(victim!.userId), reason: "Needs access\u0000 now" }));
    expect(asAdmin.status()).toBeLessThan(500);
    const body = await asAdmin.text();
    expect(body).toContain("Some fields need attention");
    expect(body).toContain("Remove the NUL character at position 13");

    // An owner probing a proxy they do not own leaves a trace too, with or without a NUL.
    const { context } = await contextAs(browser, "owner");
    const probe = await replayAction(context.request, action, forge(action, { userId: String(victim!.userId), reason: "Probe \ud800 reason" }));
    expect(probe.status()).toBeLessThan(500);
    expect(await probe.text()).toContain("unpaired surrogate");
    const plain = await replayAction(context.request, action, forge(action, { userId: String(victim!.userId), reason: "A plain probe" }));
    expect(plain.status()).toBeLessThan(500);
    expect(await plain.text()).toContain("not found");
    await context.close();

    expect(await dmsChangesSince(seq)).toEqual([]);
    expect((await accessesOf(OTHER_PROXY)).some((a) => a.userId === victim!.userId)).toBe(false);

    await page.goto("/audit?action=proxy-accesses.grant&outcome=invalid");
    const adminRow = page.getByTestId("audit-row").filter({ hasText: "admin@example.com" }).first();
    await expect(adminRow).toContainText("reason: Remove the NUL character");
    await expect(adminRow.getByTestId("audit-params")).toContainText("Needs access\uFFFD now");
    const ownerRow = page.getByTestId("audit-row").filter({ hasText: "owner@example.com" }).first();
    await expect(ownerRow).toContainText("unpaired surrogate");
    await expect(ownerRow.getByTestId("audit-params")).toContainText("Probe \uFFFD reason");

    await page.goto("/audit?action=proxy-accesses.grant&outcome=denied&actor=owner%40example.com");
    await expect(page.getByTestId("audit-row").first()).toContainText(`dms-proxy:${OTHER_PROXY}`);
  });

  test("a NUL in an audit filter is reported as a bad filter, not a server error", async ({ page }) => {
    await signInAs(page, "auditor");
    const response = await page.goto("/audit?actor=a%00b");
    expect(response!.status()).toBe(200);
    await expect(page.getByText("Some filters were ignored")).toBeVisible();
  });
});

test.describe("multi-item outcomes", () => {
  test("a revoke where every access failed is a failure, and one where some failed is partial", async ({ page }) => {
    await signInAs(page, "admin");
    const { action: grant, userId } = await captureGrant(page);
    const mine = (await accessesOf(OTHER_PROXY)).find((a) => a.userId === userId)!;

    // Revoke the access just granted through the form, to capture the revoke call.
    await page.getByRole("button", { name: `Revoke access of ${mine.userName}` }).click();
    const captured = captureNextAction(page);
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke access" }).click();
    const revoke = await captured;
    await expect(page.getByRole("alertdialog")).toHaveCount(0);

    const none = await replayAction(page.request, revoke, forge(revoke, { proxyAccessIds: NOWHERE }));
    expect(none.status()).toBeLessThan(500);
    expect(await none.text()).toContain("not on this proxy");

    const [other] = await freeUsers(TID, OTHER_PROXY);
    expect((await replayAction(page.request, grant, forge(grant, { userId: String(other!.userId) }))).status()).toBeLessThan(500);
    const granted = (await accessesOf(OTHER_PROXY)).find((a) => a.userId === other!.userId)!;
    const some = await replayAction(page.request, revoke, forge(revoke, { proxyAccessIds: [String(granted.proxyAccessId), NOWHERE[0]] }));
    expect(some.status()).toBeLessThan(500);
    expect((await accessesOf(OTHER_PROXY)).some((a) => a.proxyAccessId === granted.proxyAccessId)).toBe(false);

    await page.goto("/audit");
    await page.getByLabel("Action").fill("proxy-accesses.revoke");
    await page.getByLabel("Outcome").selectOption("failure");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/outcome=failure/);
    await expect(page.getByTestId("audit-row").filter({ hasText: "2 of 2 revokes failed" })).toHaveCount(1);

    await page.getByLabel("Outcome").selectOption("partial");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/outcome=partial/);
    const partial = page.getByTestId("audit-row").first();
    await expect(partial).toContainText("partial");
    await expect(partial).toContainText("1 of 2 revokes failed");
    await expect(partial.getByTestId("audit-params")).toContainText('"NOT_FOUND": 1');

    // A fully successful revoke (the form's own) stays a success with no failure message.
    await page.goto("/audit?action=proxy-accesses.revoke&outcome=success");
    await expect(page.getByTestId("audit-row").filter({ hasText: `dms-proxy:${OTHER_PROXY}` }).first()).not.toContainText("failed");
  });
});
