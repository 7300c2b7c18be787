import { expect, test, type Page } from "@playwright/test";
import { captureNextAction, contextAs, replayAction, signInAs, type CapturedAction } from "./support/auth";
import { accessesOf, emu, freeUsers, lastSeq } from "./support/emulator";

/*
 * Who may do what on proxy accesses, checked in the UI and by forged requests: a user without the
 * right never sees the button, and calling the action directly changes nothing in DMS.
 */

const OWNER_PROXY = "1201";
const OTHER_PROXY = "1202";
const TID = 3001;

const changesSince = async (seq: number) =>
  (await emu<{ calls: { action: string }[] }>("GET", `/calls?service=dms&since=${seq}`)).calls.filter((c) => ["CreateProxyAccess", "DeleteProxyAccess"].includes(c.action));

const freeUser = async (proxy: string): Promise<number> => (await freeUsers(TID, proxy))[0]!.userId;

/** The action body with some fields of its single object argument changed, under a fresh idempotency key. */
function forge(action: CapturedAction, patch: Record<string, string>): string {
  const args = JSON.parse(action.body) as Record<string, unknown>[];
  return JSON.stringify([{ ...args[0], ...patch, idempotencyKey: crypto.randomUUID() }]);
}

/** A real grant by an admin on proxy 1202, captured so it can be replayed by others. */
async function captureGrant(page: Page): Promise<CapturedAction> {
  const userId = await freeUser(OTHER_PROXY);
  await signInAs(page, "admin");
  await page.goto(`/proxy-accesses?proxy=${OTHER_PROXY}`);
  await page.getByRole("button", { name: "Grant access" }).click();
  const dialog = page.getByRole("dialog", { name: "Grant access" });
  await dialog.getByLabel("Find a DMS user").fill(String(userId));
  await dialog.getByRole("radio", { name: new RegExp(`id ${userId}\\b`) }).check();
  await dialog.getByLabel("Reason").fill("Captured for the role checks");
  const captured = captureNextAction(page);
  await dialog.getByRole("button", { name: "Grant access" }).click();
  const action = await captured;
  await expect(dialog).toHaveCount(0);
  return action;
}

test.describe("proxy-access permissions", () => {
  test("a requester has no proxy-access area at all", async ({ page }) => {
    await signInAs(page, "requester");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Proxy accesses" })).toHaveCount(0);
    await page.goto(`/proxy-accesses?proxy=${OTHER_PROXY}`);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Grant access" })).toHaveCount(0);
    expect((await page.request.get(`/api/proxy-accesses/tenants?account=${crypto.randomUUID()}`)).status()).toBe(404);
  });

  test("an auditor reviews the list but sees no grant, revoke or secret buttons", async ({ page }) => {
    await signInAs(page, "auditor");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Proxy accesses" }).click();
    await page.getByLabel("Proxy", { exact: true }).selectOption(OTHER_PROXY);
    await expect(page.getByTestId("visible-count")).toHaveText(String((await accessesOf(OTHER_PROXY)).length));
    await expect(page.getByRole("button", { name: "Grant access" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Bulk grant" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Reveal secret/ })).toHaveCount(0);
  });

  test("a requester's or auditor's direct POST of the grant action changes nothing in DMS", async ({ page, browser }) => {
    const action = await captureGrant(page);
    const victim = await freeUser(OTHER_PROXY);
    const [existing] = await accessesOf(OTHER_PROXY);
    for (const role of ["requester", "auditor"] as const) {
      const { context } = await contextAs(browser, role);
      const seq = await lastSeq();
      const res = await replayAction(context.request, action, forge(action, { userId: String(victim) }));
      expect(res.status()).toBeLessThan(500);
      expect(await res.text()).toContain("You do not have permission");
      expect(await changesSince(seq)).toEqual([]);
      await context.close();
    }
    expect((await accessesOf(OTHER_PROXY)).some((a) => a.userId === victim)).toBe(false);
    expect((await accessesOf(OTHER_PROXY)).some((a) => a.proxyAccessId === existing!.proxyAccessId)).toBe(true);
    await page.goto("/audit?action=proxy-accesses.grant&outcome=denied");
    for (const who of ["requester@example.com", "auditor@example.com"]) {
      await expect(page.getByTestId("audit-row").filter({ hasText: who }).first()).toBeVisible();
    }
  });

  test("an owner sees only their proxy, and a forged grant on another proxy changes nothing", async ({ page, browser }) => {
    const action = await captureGrant(page);
    const { context, page: owner } = await contextAs(browser, "owner");
    await owner.goto("/proxy-accesses");
    const proxySelect = owner.getByLabel("Proxy", { exact: true });
    await expect(proxySelect).toHaveValue(OWNER_PROXY);
    await expect(proxySelect.locator("option")).toHaveCount(1);
    await expect(owner.getByTestId("visible-count")).toHaveText(String((await accessesOf(OWNER_PROXY)).length));
    await expect(owner.getByRole("button", { name: "Grant access" })).toBeVisible();

    const account = new URL(owner.url()).searchParams.get("account")!;
    const api = await owner.request.get(`/api/proxy-accesses?account=${account}&tenant=${TID}&proxy=${OTHER_PROXY}`);
    expect(api.status()).toBe(404);
    await owner.goto(`/proxy-accesses?proxy=${OTHER_PROXY}`);
    await expect(owner.getByText("That proxy is not here")).toBeVisible();

    const victim = await freeUser(OTHER_PROXY);
    const seq = await lastSeq();
    const res = await replayAction(context.request, action, forge(action, { userId: String(victim), proxyId: OTHER_PROXY }));
    expect(await res.text()).toContain("not found");
    expect(await changesSince(seq)).toEqual([]);
    expect((await accessesOf(OTHER_PROXY)).some((a) => a.userId === victim)).toBe(false);
    await context.close();
  });
});

test.describe("forged calls of the other proxy-access actions", () => {
  const vendorCallsSince = async (seq: number, actions: string[]) =>
    (await emu<{ calls: { action: string }[] }>("GET", `/calls?service=dms&since=${seq}`)).calls.filter((c) => actions.includes(c.action));

  test("revoke and secret reveal replayed by those without the right change and reveal nothing", async ({ page, browser }) => {
    const [first, second] = await accessesOf(OTHER_PROXY);
    await signInAs(page, "admin");
    await page.goto(`/proxy-accesses?proxy=${OTHER_PROXY}`);
    const table = page.getByRole("table", { name: `Proxy accesses on proxy ${OTHER_PROXY}` });
    await expect(table).toBeVisible();

    await page.getByRole("button", { name: /^Reveal secret of / }).first().click();
    const revealCapture = captureNextAction(page);
    await page.getByRole("dialog").getByRole("button", { name: "Reveal secret" }).click();
    const reveal = await revealCapture;
    const secret = (await page.getByTestId("access-secret").textContent())!.trim();
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).first().click();

    const revokeCapture = captureNextAction(page);
    await page.getByRole("button", { name: /^Revoke access of / }).first().click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke access" }).click();
    const revoke = await revokeCapture;
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    const remaining = (await accessesOf(OTHER_PROXY)).filter((a) => a.proxyAccessId !== first!.proxyAccessId);
    const target = remaining.find((a) => a.proxyAccessId === second!.proxyAccessId) ?? remaining[0]!;

    for (const role of ["requester", "auditor", "dba"] as const) {
      const { context } = await contextAs(browser, role);
      const seq = await lastSeq();
      const shown = await replayAction(context.request, reveal);
      expect(await shown.text()).not.toContain(secret);
      expect(await vendorCallsSince(seq, ["InspectProxyAccessSecret"])).toEqual([]);
      if (role !== "dba") {
        const res = await replayAction(context.request, revoke, forge(revoke, {}).replace(/"proxyAccessIds":\["\d+"\]/, `"proxyAccessIds":["${target.proxyAccessId}"]`));
        expect(await res.text()).toContain("You do not have permission");
        expect(await vendorCallsSince(seq, ["DeleteProxyAccess"])).toEqual([]);
      }
      await context.close();
    }

    // An owner may revoke on their own proxy, but an access of another proxy is never deleted through it.
    const { context } = await contextAs(browser, "owner");
    const seq = await lastSeq();
    const viaOwn = await replayAction(context.request, revoke, forge(revoke, { proxyId: OWNER_PROXY }).replace(/"proxyAccessIds":\["\d+"\]/, `"proxyAccessIds":["${target.proxyAccessId}"]`));
    expect(await viaOwn.text()).toContain("not on this proxy");
    const direct = await replayAction(context.request, revoke, forge(revoke, {}).replace(/"proxyAccessIds":\["\d+"\]/, `"proxyAccessIds":["${target.proxyAccessId}"]`));
    expect(await direct.text()).toContain("not found");
    expect(await vendorCallsSince(seq, ["DeleteProxyAccess"])).toEqual([]);
    await context.close();
    expect((await accessesOf(OTHER_PROXY)).some((a) => a.proxyAccessId === target.proxyAccessId)).toBe(true);
  });

  test("a bulk grant replayed by those without the right starts nothing", async ({ page, browser }) => {
    const userId = await freeUser(OTHER_PROXY);
    await signInAs(page, "admin");
    await page.goto(`/proxy-accesses?proxy=${OTHER_PROXY}`);
    await page.getByRole("button", { name: "Bulk grant" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Find a DMS user").fill(String(userId));
    await dialog.getByRole("checkbox", { name: new RegExp(`id ${userId}\\b`) }).check();
    await dialog.getByLabel("Reason").fill("Captured bulk grant");
    await dialog.getByRole("button", { name: "Preview" }).click();
    const captured = captureNextAction(page);
    await dialog.getByRole("button", { name: /^Start granting/ }).click();
    const action = await captured;
    await expect(page.getByTestId("bulk-job")).toHaveAttribute("data-status", "completed", { timeout: 30_000 });

    const victim = await freeUser(OTHER_PROXY);
    for (const role of ["requester", "auditor", "owner"] as const) {
      const { context } = await contextAs(browser, role);
      const seq = await lastSeq();
      const res = await replayAction(context.request, action, forge(action, {}).replace(/"userIds":\["\d+"\]/, `"userIds":["${victim}"]`));
      expect(await res.text()).toContain(role === "owner" ? "not found" : "You do not have permission");
      await page.waitForTimeout(500);
      expect(await changesSince(seq)).toEqual([]);
      await context.close();
    }
    expect((await accessesOf(OTHER_PROXY)).some((a) => a.userId === victim)).toBe(false);
  });
});
