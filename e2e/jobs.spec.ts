import { expect, test, type Page } from "@playwright/test";
import { captureNextAction, contextAs, replayAction, signInAs } from "./support/auth";

/*
 * The Jobs page on the real engine. Demo mode defines `demo.fails-once`, whose one job fails on
 * its first attempt and succeeds when retried: a real failure, through the real worker.
 */

const DEMO_QUEUE = "demo.fails-once";

const jobRow = (page: Page, table: "Failed jobs" | "Recent jobs") =>
  page.getByRole("table", { name: table }).getByTestId("job-row").filter({ hasText: DEMO_QUEUE });

/** The engine starts just after the server; reloads until its first work is visible. */
async function reloadUntil(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 30_000, intervals: [500, 1_000] });
}

test.describe.configure({ mode: "serial" });

test("an auditor sees queues and the failed job with its error, and no Retry", async ({ page }) => {
  await signInAs(page, "auditor");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }).click();
  await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
  await reloadUntil(page, () => expect(jobRow(page, "Failed jobs")).toBeVisible({ timeout: 1_000 }));
  const queues = page.getByRole("table", { name: "Queues" });
  await expect(queues.getByTestId("queue-row-auth.purge-revoked-sessions")).toContainText("Schedule */15 * * * * (UTC)");
  await expect(queues.getByTestId(`queue-row-${DEMO_QUEUE}`).getByTestId("count-failed")).toHaveText("1");
  await expect(queues.getByTestId(`queue-row-${DEMO_QUEUE}`).getByTestId("count-deadLetter")).toHaveText("1");
  const failed = jobRow(page, "Failed jobs");
  await expect(failed).toContainText("demo.first-attempt");
  await expect(failed).toContainText("fails on its first attempt");
  await expect(failed).toContainText("1 / 1");
  await expect(failed).not.toContainText(/at .*\.js|stack/i);
  await expect(page.getByRole("button", { name: /Retry/ })).toHaveCount(0);
});

test("an admin retries the failed job, it succeeds, the retry is audited and an auditor's forged retry is refused", async ({ page, browser }) => {
  await signInAs(page, "admin");
  await page.goto("/jobs");
  await reloadUntil(page, () => expect(jobRow(page, "Failed jobs")).toBeVisible({ timeout: 1_000 }));
  const captured = captureNextAction(page);
  const dialog = page.getByRole("alertdialog");
  // A click that lands before the freshly reloaded page has hydrated opens nothing; click again.
  await expect(async () => {
    await jobRow(page, "Failed jobs").getByRole("button", { name: /^Retry job/ }).click();
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await dialog.getByRole("button", { name: "Retry" }).click();
  const action = await captured;
  await expect(page.getByText("The job is queued again")).toBeVisible();

  await reloadUntil(page, () => expect(jobRow(page, "Recent jobs")).toHaveAttribute("data-state", "completed", { timeout: 1_000 }));
  await expect(jobRow(page, "Recent jobs")).toContainText("2 / 2");
  await expect(jobRow(page, "Failed jobs")).toHaveCount(0);
  // The dead-letter copy is withdrawn with the retry: the job is in one place only.
  await expect(page.getByRole("table", { name: "Queues" }).getByTestId(`queue-row-${DEMO_QUEUE}`).getByTestId("count-deadLetter")).toHaveText("0");

  await page.goto("/audit?action=jobs.retry");
  const entry = page.getByTestId("audit-row").filter({ hasText: "admin@example.com" }).first();
  await expect(entry).toContainText("success");
  await expect(entry).toContainText(`job:${DEMO_QUEUE}/`);

  const { context } = await contextAs(browser, "auditor");
  const res = await replayAction(context.request, action);
  expect(res.status()).toBeLessThan(500);
  expect(await res.text()).toContain("You do not have permission");
  await context.close();
  await page.goto("/audit?action=jobs.retry&outcome=denied");
  await expect(page.getByTestId("audit-row").filter({ hasText: "auditor@example.com" }).first()).toContainText("missing permission jobs:retry");
  await page.goto("/jobs");
  await expect(jobRow(page, "Recent jobs")).toHaveAttribute("data-state", "completed");
  await expect(jobRow(page, "Recent jobs")).toContainText("2 / 2");
});

for (const role of ["dba", "requester"] as const) {
  test(`a ${role} has no Jobs link and gets not-found on the Jobs page`, async ({ page }) => {
    await signInAs(page, role);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" })).toHaveCount(0);
    const response = await page.goto("/jobs");
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    expect(response?.status()).toBe(404);
  });
}
