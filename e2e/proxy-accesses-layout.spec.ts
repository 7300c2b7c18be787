import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support/auth";
import { accessesOf } from "./support/emulator";

/*
 * Where a reviewer starts and what fits the screen: the tenant's proxies as a table before one is
 * chosen, row actions reachable on a tablet without scrolling sideways, the picker on a phone, and
 * times that say which clock they are read on. Read-only.
 */

const PROXY = "1202";

/** The page itself never scrolls sideways; only a table's own scroll area may. */
async function expectNoSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, "page width").toBeLessThanOrEqual(client);
}

async function expectOnScreen(page: Page, locator: ReturnType<Page["locator"]>) {
  const box = await locator.boundingBox();
  const width = page.viewportSize()!.width;
  expect(box, "element has a box").not.toBeNull();
  expect(box!.x, "left edge").toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, "right edge").toBeLessThanOrEqual(width);
}

test("before a proxy is chosen, the tenant's proxies are listed with their access counts", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/proxy-accesses");
  const table = page.getByRole("table", { name: "Proxies of this tenant" });
  await expect(table).toBeVisible();
  const row = table.getByRole("row").filter({ hasText: `proxy ${PROXY}` });
  await expect(row).toContainText("retail-inventory-prod");
  await expect(row).toContainText("MySQL");
  const count = (await accessesOf(PROXY)).length;
  await expect(row.getByRole("cell").nth(3)).toHaveText(String(count));
  await expect(row).toContainText(/days ago/);

  await row.getByRole("button", { name: `Open proxy ${PROXY}` }).click();
  await expect(page).toHaveURL(new RegExp(`proxy=${PROXY}`));
  await expect(page.getByRole("table", { name: `Proxy accesses on proxy ${PROXY}` })).toBeVisible();
  await page.goBack();
  await expect(table).toBeVisible();
});

test("on a tablet the row actions and the granted time are on screen without scrolling sideways", async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await signInAs(page, "admin");
  await page.goto(`/proxy-accesses?proxy=${PROXY}`);
  const table = page.getByRole("table", { name: `Proxy accesses on proxy ${PROXY}` });
  await expect(table).toBeVisible();
  const revoke = table.getByRole("button", { name: /^Revoke access of / }).first();
  await expectOnScreen(page, revoke);
  await expectOnScreen(page, table.getByRole("columnheader", { name: /^Granted/ }));
  await expectNoSidewaysScroll(page);
  const scrolls = await table.evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(scrolls, "the table fits its frame on a tablet").toBe(false);
  await revoke.click();
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
});

test("on a phone the proxy picker fits and the row actions stay pinned at the edge", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "admin");
  await page.goto(`/proxy-accesses?proxy=${PROXY}`);
  await expect(page.getByRole("table", { name: `Proxy accesses on proxy ${PROXY}` })).toBeVisible();
  await expectOnScreen(page, page.getByLabel("Proxy", { exact: true }));
  await expectNoSidewaysScroll(page);
  await expectOnScreen(page, page.getByRole("button", { name: /^Revoke access of / }).first());
});

test("times name their zone, and the list can show DMS's China time instead of the viewer's", async ({ page }) => {
  const [first] = await accessesOf(PROXY);
  await signInAs(page, "admin");
  await page.goto(`/proxy-accesses?proxy=${PROXY}&q=${first!.accessId}`);
  const table = page.getByRole("table", { name: `Proxy accesses on proxy ${PROXY}` });
  // The browser runs in Europe/Berlin (UTC+1 in winter, UTC+2 in summer).
  await expect(table.getByRole("columnheader", { name: /^Granted/ })).toHaveText(/Granted \(UTC\+[12]\)/);
  await page.getByLabel("Show times in").selectOption("china");
  await expect(page).toHaveURL(/tz=china/);
  await expect(table.getByRole("columnheader", { name: /^Granted/ })).toHaveText("Granted (UTC+8)");
  // DMS printed China time, so the cell now reads exactly what DMS printed, to the minute.
  await expect(table.getByRole("row").nth(1)).toContainText(first!.gmtCreate.slice(0, 16));

  await page.goto("/audit");
  await expect(page.getByTestId("audit-row").first()).toContainText(/UTC\+[12]/);
});
