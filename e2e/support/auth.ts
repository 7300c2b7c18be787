import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, E2E, type DemoRole } from "./env";

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Settled: either the console shell or an error message is on screen.
  await expect(page.getByRole("button", { name: "Sign out" }).or(page.getByTestId("login-error"))).toBeVisible();
}

export async function signInAs(page: Page, role: DemoRole) {
  await signIn(page, DEMO[role], DEMO_PASSWORD);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/**
 * Signs in as a demo role whatever language the sign-in page and the user's saved choice show
 * (fields by id, not by label), and waits for the shell in either language.
 */
export async function signInAnyLanguage(page: Page, role: DemoRole) {
  await page.goto("/login");
  await page.locator("#email").fill(DEMO[role]);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("form button[type=submit]").first().click();
  // The sign-in page has a Language switcher of its own, so wait for the shell.
  await expect(page.getByRole("button", { name: "退出登录" }).or(page.getByRole("button", { name: "Sign out" }))).toBeVisible();
}

/** A fresh browser context signed in as a demo role; close it when done. */
export async function contextAs(browser: Browser, role: DemoRole) {
  const context = await browser.newContext({ baseURL: E2E.baseURL });
  const page = await context.newPage();
  await signInAs(page, role);
  return { context, page };
}

export interface CapturedAction {
  id: string;
  url: string;
  body: string;
}

/**
 * Records the next server-action POST a page makes (its action id and body), so a spec can replay
 * the very same call as another user, the way a forged request would.
 */
export function captureNextAction(page: Page): Promise<CapturedAction> {
  return new Promise((resolve) => {
    const listener = (request: import("@playwright/test").Request) => {
      const id = request.headers()["next-action"];
      if (request.method() === "POST" && id) {
        page.off("request", listener);
        resolve({ id, url: request.url(), body: request.postData() ?? "" });
      }
    };
    page.on("request", listener);
  });
}

export async function replayAction(request: APIRequestContext, action: CapturedAction, body = action.body) {
  return request.post(action.url, {
    headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", origin: E2E.baseURL, accept: "text/x-component" },
    data: body,
  });
}
