import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import Papa from "papaparse";
import { signInAs } from "./support/auth";
import { accessesOf, emu, type EmuAccess } from "./support/emulator";
import { E2E } from "./support/env";

/*
 * Reviewing an authorization list: search, filters, sort, the URL as a shared view, CSV export of
 * exactly the filtered rows, a vendor error in plain words, and an audited secret reveal.
 * Read-only on proxy 1202, so it does not depend on the other proxy-access specs.
 */

const PROXY = "1202";
const DAY = 86_400_000;

/** DMS prints China time (UTC+8). */
const grantedMs = (gmt: string) => Date.parse(`${gmt.replace(" ", "T")}+08:00`);
const isTicket = (a: EmuAccess) => /ticket|工单/.test(a.originInfo);

async function openProxy(page: Page, proxy: string, query = "") {
  await page.goto(`/proxy-accesses?proxy=${proxy}${query ? `&${query}` : ""}`);
  await expect(page.getByRole("table", { name: `Proxy accesses on proxy ${proxy}` })).toBeVisible();
}

const visible = (page: Page) => page.getByTestId("visible-count");

test.afterEach(async () => {
  await emu("DELETE", "/faults");
});

test.describe("reviewing proxy accesses", () => {
  test("search, filters and sort narrow the list, live in the URL, and the CSV holds exactly the filtered rows", async ({ page, browser }) => {
    const all = await accessesOf(PROXY);
    await signInAs(page, "admin");
    await openProxy(page, PROXY);
    await expect(visible(page)).toHaveText(String(all.length));
    await expect(page.getByTestId("summary-total")).toHaveText(String(all.length));
    await expect(page.getByTestId("proxy-details")).toContainText("retail-inventory-prod");

    const someone = all[0]!;
    const term = someone.userName.split(" ")[0]!.toLowerCase();
    await page.getByLabel("Search").fill(term);
    const bySearch = all.filter((a) => [a.userName, a.userUid, String(a.userId), a.accessId, a.originInfo].join(" ").toLowerCase().includes(term));
    await expect(visible(page)).toHaveText(String(bySearch.length));
    await expect(page.getByRole("row").filter({ hasText: someone.userName })).toHaveCount(1);
    await page.getByLabel("Search").fill("");
    await expect(visible(page)).toHaveText(String(all.length));

    await page.getByLabel("Origin").selectOption("ticket");
    await page.getByLabel("Age", { exact: true }).selectOption("gt90");
    const now = Date.now();
    const expected = all.filter((a) => isTicket(a) && grantedMs(a.gmtCreate) < now - 90 * DAY);
    await expect(visible(page)).toHaveText(String(expected.length));

    await page.getByRole("button", { name: "User", exact: true }).click();
    await expect(page.getByRole("columnheader", { name: "User" })).toHaveAttribute("aria-sort", "ascending");
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
    const sortedNames = expected.map((a) => a.userName).sort(collator.compare);
    if (sortedNames.length) await expect(page.getByRole("row").nth(1)).toContainText(sortedNames[0]!);
    await expect(page).toHaveURL(/origin=ticket/);
    await expect(page).toHaveURL(/age=gt90/);
    await expect(page).toHaveURL(/sort=user\.asc/);

    // The URL is the view: another browser opening it sees the same rows.
    const shared = await browser.newContext({ baseURL: E2E.baseURL });
    const other = await shared.newPage();
    await signInAs(other, "auditor");
    await other.goto(page.url());
    await expect(visible(other)).toHaveText(String(expected.length));
    await expect(other.getByLabel("Origin")).toHaveValue("ticket");
    await shared.close();

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const file = await (await download).path();
    // First the column names for people, then the raw field names, which scripts read as the header.
    const [labels, ...rest] = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "").split("\r\n");
    expect(labels).toMatch(/^Proxy access ID,User name,/);
    const csv = Papa.parse<Record<string, string>>(rest.join("\r\n"), { header: true, skipEmptyLines: true });
    expect(csv.data.map((r) => r.proxy_access_id).sort()).toEqual(expected.map((a) => String(a.proxyAccessId)).sort());
    expect(csv.data.map((r) => r.user_name)).toEqual(sortedNames);
    for (const row of csv.data) expect(row.origin).toBe("Ticket");
  });

  test("granted times show in the viewer's zone with their age", async ({ page }) => {
    const [first] = await accessesOf(PROXY);
    await signInAs(page, "admin");
    await openProxy(page, PROXY, `q=${first!.accessId}`);
    await expect(visible(page)).toHaveText("1");
    // The browser runs in Europe/Berlin; DMS printed China time.
    const expected = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).format(new Date(grantedMs(first!.gmtCreate))).replace(",", "");
    const row = page.getByRole("row").nth(1);
    await expect(row).toContainText(expected);
    await expect(row).toContainText(/days ago/);
  });

  test("a vendor error on the list reaches the user in plain words with code and request id", async ({ page }) => {
    await signInAs(page, "admin");
    // A proxy no earlier test here opened: the console shares a list's DMS answer for 3 s, which
    // would otherwise serve the previous test's list instead of meeting the fault.
    await emu("POST", "/faults", { service: "dms", action: "ListProxyAccesses", kind: "error", status: 403, code: "Forbidden.RAM", count: 2 });
    await page.goto("/proxy-accesses?proxy=1203");
    const error = page.getByRole("alert").filter({ hasText: "Could not load the authorization list" });
    await expect(error).toContainText("lacks permission");
    await expect(error).toContainText("Forbidden.RAM");
    await expect(error.getByText("Request ID")).toBeVisible();
    await error.getByRole("button", { name: "Try again" }).click();
    await expect(visible(page)).toBeVisible();
  });

  test("an admin reveals a secret once; it is audited without the secret and hidden again after 30 seconds", async ({ page }) => {
    const [target] = await accessesOf(PROXY);
    await page.clock.install();
    await signInAs(page, "admin");
    await openProxy(page, PROXY);
    await page.getByRole("button", { name: `Reveal secret of ${target!.userName}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(page.getByTestId("access-secret")).toHaveCount(0);
    await dialog.getByRole("button", { name: "Reveal secret" }).click();
    const secret = (await page.getByTestId("access-secret").textContent())!.trim();
    expect(secret.length).toBeGreaterThanOrEqual(16);
    await page.clock.fastForward(31_000);
    await expect(page.getByTestId("access-secret")).toHaveCount(0);
    await expect(page.getByTestId("secret-hidden")).toBeVisible();
    await dialog.getByRole("button", { name: "Close" }).first().click();

    await page.goto("/audit?action=proxy-accesses.reveal-secret");
    await expect(page.getByTestId("audit-row").first()).toContainText("success");
    await expect(page.getByTestId("audit-row").first()).toContainText(`access:${target!.proxyAccessId}`);
    const csv = await (await page.request.get("/api/audit/export?action=proxy-accesses")).text();
    expect(csv).toContain("proxy-accesses.reveal-secret");
    expect(csv).not.toContain(secret);
  });
});
