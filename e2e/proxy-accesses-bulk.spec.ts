import { expect, test, type Page } from "@playwright/test";
import { contextAs, signInAs } from "./support/auth";
import { accessesOf, duplicates, emu, freeUsers as freeUsersOf } from "./support/emulator";

/*
 * Bulk grants on tenant 3002's proxies (1211, 1212), which no other spec changes. The emulator's
 * state is the judge: results shown must match what DMS really holds, with no duplicates.
 */

const TID = 3002;
const freeUsers = (proxy: string) => freeUsersOf(TID, proxy);


async function startBulk(page: Page, proxy: string, userIds: number[], expectNew: number, expectAlready: number, tid = TID) {
  await page.goto(`/proxy-accesses?tenant=${tid}&proxy=${proxy}`);
  await expect(page.getByRole("table", { name: `Proxy accesses on proxy ${proxy}` })).toBeVisible();
  await page.getByRole("button", { name: "Bulk grant" }).click();
  const dialog = page.getByRole("dialog");
  for (const id of userIds) {
    await dialog.getByLabel("Find a DMS user").fill(String(id));
    await dialog.getByRole("checkbox", { name: new RegExp(`id ${id}\\b`) }).check();
  }
  await expect(dialog.getByTestId("bulk-selected-count")).toHaveText(`${userIds.length} selected`);
  await dialog.getByLabel("Reason").fill("Onboarding the payments on-call rota");
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByTestId("bulk-will-grant")).toContainText(`Will be granted (${expectNew})`);
  await expect(dialog.getByTestId("bulk-already")).toContainText(`(${expectAlready})`);
  await dialog.getByRole("button", { name: /^Start granting/ }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(/job=[0-9a-f-]{36}/);
  return page.getByTestId("bulk-job");
}

test.afterEach(async () => {
  await emu("DELETE", "/faults");
});

test.describe("bulk grants", () => {
  test("under throttling, lost answers and a refusal, the results match DMS, with no duplicate, and the failed one is retried", async ({ page }) => {
    test.setTimeout(90_000);
    const proxy = "1211";
    const fresh = (await freeUsers(proxy)).slice(0, 6);
    const holder = (await accessesOf(proxy))[0]!;
    await signInAs(page, "admin");
    await emu("POST", "/faults", [
      { service: "dms", action: "CreateProxyAccess", kind: "throttle", count: 3 },
      { service: "dms", action: "CreateProxyAccess", kind: "drop", afterEffect: true, count: 2 },
      { service: "dms", action: "CreateProxyAccess", kind: "error", status: 403, code: "Forbidden.RAM", count: 1 },
    ]);
    const job = await startBulk(page, proxy, [...fresh.map((u) => u.userId), holder.userId], 6, 1);
    await expect(job).toHaveAttribute("data-status", "completed", { timeout: 45_000 });

    const state = await accessesOf(proxy);
    const holds = (id: number) => state.filter((a) => a.userId === id).length;
    let failed = 0;
    for (const u of fresh) {
      const item = job.getByTestId(`bulk-item-${u.userId}`);
      const shown = await item.getAttribute("data-state");
      if (shown === "granted") expect(holds(u.userId)).toBe(1);
      else {
        expect(shown).toBe("failed");
        expect(holds(u.userId)).toBe(0);
        await expect(item).toContainText("Forbidden.RAM");
        await expect(item).toContainText(/request id/);
        failed += 1;
      }
    }
    expect(failed).toBe(1);
    await expect(job.getByTestId(`bulk-item-${holder.userId}`)).toHaveAttribute("data-state", "already");
    expect(holds(holder.userId)).toBe(1);
    expect(await duplicates()).toEqual([]);

    await job.getByRole("button", { name: "Retry 1 failed" }).click();
    await expect(job.getByTestId("bulk-counts")).toContainText("6 granted", { timeout: 30_000 });
    await expect(job).toHaveAttribute("data-status", "completed");
    const after = await accessesOf(proxy);
    for (const u of fresh) expect(after.filter((a) => a.userId === u.userId)).toHaveLength(1);
    expect(await duplicates()).toEqual([]);
    // The list shows the new grants without a reload.
    const table = page.getByRole("table", { name: `Proxy accesses on proxy ${proxy}` });
    await expect(table.getByRole("row").filter({ hasText: fresh[0]!.nickName })).toHaveCount(1);
  });

  test("a retry by an instance owner runs and is audited in the owner's name, not the creator's", async ({ page, browser }) => {
    test.setTimeout(90_000);
    // Proxy 1201 (tenant 3001) is the demo owner's; the admin starts the job, the owner retries it.
    const proxy = "1201";
    const users = (await freeUsersOf(3001, proxy)).slice(0, 2);
    await signInAs(page, "admin");
    await emu("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "error", status: 403, code: "Forbidden.RAM", count: 1 });
    const job = await startBulk(page, proxy, users.map((u) => u.userId), 2, 0, 3001);
    await expect(job).toHaveAttribute("data-status", "completed", { timeout: 45_000 });
    await expect(job.getByTestId("bulk-counts")).toContainText("1 granted");

    const { context, page: owner } = await contextAs(browser, "owner");
    await owner.goto(page.url());
    const ownerJob = owner.getByTestId("bulk-job");
    await ownerJob.getByRole("button", { name: "Retry 1 failed" }).click();
    await expect(ownerJob.getByTestId("bulk-counts")).toContainText("2 granted", { timeout: 30_000 });
    await expect(ownerJob).toContainText("retry 1 by owner@example.com");
    await context.close();

    // Each user's grant is audited as whoever started its round: one the admin's, the retried one the owner's.
    await page.goto("/audit?action=proxy-accesses.bulk-grant.item&outcome=success");
    const rows = page.getByTestId("audit-row");
    const actors: string[] = [];
    for (const u of users) {
      const row = rows.filter({ hasText: `${proxy}/user:${u.userId}` });
      await expect(row).toHaveCount(1);
      actors.push((await row.textContent())!.includes("owner@example.com") ? "owner" : (await row.textContent())!.includes("admin@example.com") ? "admin" : "?");
    }
    expect(actors.sort()).toEqual(["admin", "owner"]);
    const after = await accessesOf(proxy);
    for (const u of users) expect(after.filter((a) => a.userId === u.userId)).toHaveLength(1);
  });

  test("a reload mid-way loses nothing: the job keeps running on the server and the page finds it again", async ({ page }) => {
    test.setTimeout(90_000);
    const proxy = "1212";
    const users = (await freeUsers(proxy)).slice(0, 6);
    await signInAs(page, "admin");
    await emu("POST", "/faults", { service: "dms", action: "CreateProxyAccess", kind: "latency", latencyMs: 1500 });
    const job = await startBulk(page, proxy, users.map((u) => u.userId), 6, 0);
    await expect(job.getByTestId("bulk-progress")).toBeVisible();
    await expect(job).toHaveAttribute("data-status", "running");
    const url = page.url();
    await page.reload();
    expect(page.url()).toBe(url);
    const again = page.getByTestId("bulk-job");
    await expect(again).toBeVisible();
    await expect(again).toHaveAttribute("data-status", "completed", { timeout: 45_000 });
    await expect(again.getByTestId("bulk-counts")).toContainText("6 granted");
    const state = await accessesOf(proxy);
    for (const u of users) expect(state.filter((a) => a.userId === u.userId)).toHaveLength(1);
    expect(await duplicates()).toEqual([]);
  });
});
