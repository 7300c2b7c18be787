/**
 * The bench's Chromium and the demo admin's sign-in, for page benches. (list-filter, viewers and
 * first-load-served still carry their own copies of the same few lines.)
 */
import { chromium, type Browser, type Page } from "@playwright/test";

export const DEMO_ADMIN = { email: "admin@example.com", password: "demo-console-2026" };

const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** The system Chromium (CHROMIUM_PATH overrides): the bench never downloads a browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** Signs the demo admin in through the real login page (English labels: the context is en-GB). */
export async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(DEMO_ADMIN.email);
  await page.getByLabel("Password").fill(DEMO_ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 30_000 });
}
