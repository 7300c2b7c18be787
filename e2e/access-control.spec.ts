import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { captureNextAction, contextAs, replayAction, signInAs, type CapturedAction } from "./support/auth";
import { emu, lastSeq } from "./support/emulator";

/*
 * TaurusDB proxy access control against the emulator: the switch and the rules land at the vendor
 * and survive a reload, refused input never reaches it, put back restores an earlier state, a
 * change made straight on the vendor shows as drift, forged requests change nothing, and a
 * vendor error or a lost answer leaves the page showing the real state.
 */

test.describe.configure({ mode: "serial" });

interface EmuProxy {
  id: string;
  instanceId: string;
  name: string;
  accessControl: { open: boolean; type: "white" | "black"; ipList: { ip: string; description: string }[] };
}
interface Row {
  key: string;
  accountId: string;
  accountName: string;
  projectId: string;
  instanceId: string;
  proxyId: string;
  proxyName: string;
}

const AKSK = "Demo Huawei (AK/SK)";

const proxyState = (id: string) => emu<EmuProxy>("GET", `/state/taurus/proxies/${id}`);
const setOnEmulator = (id: string, change: Partial<EmuProxy["accessControl"]>) => emu<EmuProxy>("PUT", `/state/taurus/proxies/${id}/access-control`, change);
const taurusChangesSince = async (seq: number) =>
  (await emu<{ calls: { action: string }[] }>("GET", `/calls?service=taurus&since=${seq}`)).calls.filter((c) => ["SwitchAccessControl", "CreateAccessControl"].includes(c.action));

/** The console's rows (after one live read of every source), as the page's API gives them. */
async function rowsOf(request: APIRequestContext): Promise<Row[]> {
  const stored = (await (await request.get("/api/access-control")).json()) as { sources: { accountId: string; projectId: string }[]; rows: Row[] };
  const live = await Promise.all(stored.sources.map(async (s) => ((await (await request.get(`/api/access-control/live?account=${s.accountId}&project=${s.projectId}`)).json()) as { rows: Row[] }).rows));
  return live.flat();
}

async function rowNamed(request: APIRequestContext, name: string): Promise<Row> {
  const row = (await rowsOf(request)).find((r) => r.proxyName === name && r.accountName === AKSK);
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

/** Opens the page filtered to one proxy of the AK/SK account and waits until every source answered. */
async function openProxy(page: Page, row: Row) {
  await page.goto(`/access-control?account=${row.accountId}&q=${encodeURIComponent(row.proxyName)}`);
  await expect(page.getByTestId("access-control-page")).toHaveAttribute("data-loaded", "true", { timeout: 30_000 });
  const tr = page.getByRole("row").filter({ hasText: row.proxyId });
  await expect(tr).toHaveCount(1);
  return tr;
}

const accessBadge = (tr: ReturnType<Page["getByRole"]>) => tr.locator("[data-access]");

test.describe("TaurusDB proxy access control", () => {
  test("lists every proxy with its exposure, and the overview counts the exposed ones", async ({ page }) => {
    await signInAs(page, "dba");
    await page.goto("/access-control");
    await expect(page.getByTestId("access-control-page")).toHaveAttribute("data-loaded", "true", { timeout: 30_000 });
    const rows = await rowsOf(page.request);
    // The demo's five proxies, once per Huawei account (both reach the same project).
    const names = (account: string) => rows.filter((r) => r.accountName === account).map((r) => r.proxyName).sort();
    expect(names(AKSK)).toEqual(["proxy-archive", "proxy-crm", "proxy-migration", "proxy-orders-ro", "proxy-orders-rw"]);
    // The IAM-password account reads the same project through a token.
    expect(names("Demo Huawei (IAM user)")).toEqual(names(AKSK));
    await page.getByTestId("ac-exposed").click();
    await expect(page).toHaveURL(/exposure=exposed/);
    await expect(page.getByRole("row").filter({ hasText: "proxy-orders-rw" })).toHaveCount(0);
    await expect(page.getByRole("row").filter({ hasText: "proxy-orders-ro" }).first()).toBeVisible();
    await page.goto("/");
    await expect(page.getByTestId("overview-exposed")).toBeVisible();
  });

  test("switch off and on: the confirmation says what changes, the emulator and a reload agree", async ({ page }) => {
    await signInAs(page, "dba");
    const row = await rowNamed(page.request, "proxy-crm");
    expect((await proxyState(row.proxyId)).accessControl.open).toBe(true);
    let tr = await openProxy(page, row);
    await tr.getByRole("button", { name: "Turn off" }).click();
    const off = page.getByRole("alertdialog");
    await expect(off.getByTestId("switch-description")).toContainText("every source IP");
    await off.getByRole("button", { name: "Turn off" }).click();
    await expect(off).toHaveCount(0);
    await expect(accessBadge(tr)).toHaveAttribute("data-access", "off");
    expect((await proxyState(row.proxyId)).accessControl.open).toBe(false);
    tr = await openProxy(page, row);
    await expect(accessBadge(tr)).toHaveAttribute("data-access", "off");
    await expect(tr.locator("[data-exposed]")).toBeVisible();

    await tr.getByRole("button", { name: "Turn on" }).click();
    const on = page.getByRole("alertdialog");
    await expect(on.getByTestId("switch-rules")).toContainText("203.0.113.7");
    await on.getByRole("button", { name: "Turn on" }).click();
    await expect(on).toHaveCount(0);
    expect((await proxyState(row.proxyId)).accessControl.open).toBe(true);
    tr = await openProxy(page, row);
    await expect(accessBadge(tr)).toHaveAttribute("data-access", "on");
  });

  test("an empty whitelist is asked about twice before access control goes on", async ({ page }) => {
    await signInAs(page, "admin");
    const archive = await rowNamed(page.request, "proxy-archive");
    await setOnEmulator(archive.proxyId, { open: false, type: "white", ipList: [] });
    // Read again once the console's few-second shared copy of the source is gone.
    await page.waitForTimeout(3_500);
    const row = await rowNamed(page.request, "proxy-archive");
    const tr = await openProxy(page, row);
    await tr.getByRole("button", { name: "Turn on" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("nobody will be able to connect");
    await dialog.getByRole("button", { name: "Turn on" }).click();
    await expect(dialog).toBeVisible();
    expect((await proxyState(row.proxyId)).accessControl.open).toBe(false);
    await dialog.getByTestId("confirm-empty-whitelist").check();
    await dialog.getByRole("button", { name: "Turn on" }).click();
    await expect(dialog).toHaveCount(0);
    expect((await proxyState(row.proxyId)).accessControl.open).toBe(true);
    await setOnEmulator(row.proxyId, { open: false, type: "white", ipList: [{ ip: "10.8.0.0/16", description: "office egress" }] });
  });

  test("a rules edit shows its diff, lands in the emulator, and put back restores rules and switch", async ({ page }) => {
    await signInAs(page, "dba");
    const row = await rowNamed(page.request, "proxy-orders-rw");
    const before = (await proxyState(row.proxyId)).accessControl;
    let tr = await openProxy(page, row);
    await tr.getByRole("button", { name: "Edit rules" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit access-control rules" });
    await dialog.getByRole("button", { name: "Remove entry 2" }).click();
    await dialog.getByRole("button", { name: "Paste many lines" }).click();
    await dialog.getByLabel("One entry per line").fill("198.51.100.0/24 partner vpn\n2001:db8::/32");
    await dialog.getByRole("button", { name: "Add these lines" }).click();
    await dialog.getByRole("button", { name: "Review changes" }).click();
    await expect(dialog.getByText("Added (2)")).toBeVisible();
    await expect(dialog.getByText("Removed (1)")).toBeVisible();
    await expect(dialog).toContainText("172.16.8.15");
    await dialog.getByRole("button", { name: "Save rules" }).click();
    await expect(dialog).toHaveCount(0);
    const after = (await proxyState(row.proxyId)).accessControl;
    expect(after.ipList.map((e) => e.ip)).toEqual(["10.0.0.0/16", "192.168.10.0/24", "198.51.100.0/24", "2001:db8::/32"]);
    expect(after.ipList[2]?.description).toBe("partner vpn");

    // Then the switch goes off; putting back the rules change restores both.
    tr = await openProxy(page, row);
    await tr.getByRole("button", { name: "Turn off" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Turn off" }).click();
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    await tr.getByRole("button", { name: "History" }).click();
    const history = page.getByRole("dialog", { name: /History of/ });
    const rulesItem = history.getByRole("listitem").filter({ hasText: "Rules set" }).first();
    await rulesItem.getByRole("button", { name: /Put back/ }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm.getByTestId("put-back-switch")).toContainText("turned off → turned on");
    await expect(confirm).toContainText("172.16.8.15");
    await confirm.getByRole("button", { name: "Put back" }).click();
    await expect(confirm).toHaveCount(0);
    const restored = (await proxyState(row.proxyId)).accessControl;
    expect(restored.open).toBe(before.open);
    expect(restored.type).toBe(before.type);
    expect(restored.ipList).toEqual(before.ipList);
  });

  test("invalid addresses, a < in a description and 301 entries are refused with field errors and no vendor call", async ({ page }) => {
    await signInAs(page, "dba");
    const row = await rowNamed(page.request, "proxy-orders-rw");
    const tr = await openProxy(page, row);
    const seq = await lastSeq();
    await tr.getByRole("button", { name: "Edit rules" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit access-control rules" });
    await dialog.getByLabel("Address of entry 1").fill("10.0.0.300");
    await dialog.getByLabel("Description of entry 2").fill("<script>");
    await dialog.getByRole("button", { name: "Review changes" }).click();
    await expect(dialog.getByRole("heading", { name: "Edit the list" })).toBeVisible();
    await expect(dialog.getByLabel("Address of entry 1")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByLabel("Description of entry 2")).toHaveAttribute("aria-invalid", "true");

    // A valid save captured, then replayed with what the form would never send.
    await dialog.getByLabel("Address of entry 1").fill("10.0.0.0/16");
    await dialog.getByLabel("Description of entry 2").fill("office");
    await dialog.getByRole("button", { name: "Review changes" }).click();
    const captured = captureNextAction(page);
    await dialog.getByRole("button", { name: "Save rules" }).click();
    const action = await captured;
    await expect(dialog).toHaveCount(0);
    const afterSave = await lastSeq();
    const forge = (patch: Record<string, unknown>) => {
      const [arg] = JSON.parse(action.body) as Record<string, unknown>[];
      return JSON.stringify([{ ...arg, ...patch, idempotencyKey: crypto.randomUUID() }]);
    };
    const many = Array.from({ length: 301 }, (_, n) => ({ ip: `10.1.${Math.floor(n / 250)}.${n % 250}`, description: "" }));
    for (const [patch, field] of [
      [{ ipList: many }, "ipList"],
      [{ ipList: [{ ip: "1.2.3", description: "" }] }, "ipList.0.ip"],
      [{ ipList: [{ ip: "10.0.0.1", description: "a<b" }] }, "ipList.0.description"],
      [{ ipList: [{ ip: "10.0.0.1", description: "x".repeat(51) }] }, "ipList.0.description"],
      [{ proxyId: "not-a-proxy" }, "proxyId"],
    ] as const) {
      const res = await replayAction(page.request, action, forge(patch));
      const text = await res.text();
      expect(text).toContain('"ok":false');
      expect(text).toContain(`"${field}"`);
    }
    expect((await taurusChangesSince(afterSave)).length).toBe(0);
    expect((await taurusChangesSince(seq)).length).toBe(1);
  });

  test("a change made straight on the emulator shows as drift, and the audit log records it with no actor", async ({ page }) => {
    await signInAs(page, "admin");
    const row = await rowNamed(page.request, "proxy-orders-ro");
    await openProxy(page, row);
    await setOnEmulator(row.proxyId, { open: true, type: "white", ipList: [{ ip: "192.0.2.10", description: "set by hand" }] });
    await page.waitForTimeout(3_500);
    const tr = await openProxy(page, row);
    await expect(tr.locator("[data-drift]")).toContainText("the switch and the rules");
    await page.goto("/audit?action=access-control.drift");
    await expect(page.getByText("proxy-orders-ro").first()).toBeVisible();
  });

  test("a requester's and a non-owner's direct POST change nothing in the emulator", async ({ page, browser }) => {
    await signInAs(page, "admin");
    const own = await rowNamed(page.request, "proxy-orders-rw");
    const other = await rowNamed(page.request, "proxy-crm");
    const tr = await openProxy(page, other);
    const before = (await proxyState(other.proxyId)).accessControl.open;
    await tr.getByRole("button", { name: before ? "Turn off" : "Turn on" }).click();
    const captured = captureNextAction(page);
    await page.getByRole("alertdialog").getByRole("button", { name: before ? "Turn off" : "Turn on" }).click();
    const action: CapturedAction = await captured;
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    const seq = await lastSeq();
    const forge = (patch: Record<string, unknown>) => {
      const [arg] = JSON.parse(action.body) as Record<string, unknown>[];
      return JSON.stringify([{ ...arg, open: before, ...patch, idempotencyKey: crypto.randomUUID() }]);
    };
    for (const role of ["requester", "owner", "auditor"] as const) {
      const { context, page: other2 } = await contextAs(browser, role);
      // The owner owns proxy-orders-rw's instance, not proxy-crm's; borrowing the owned instance id is refused by TaurusDB.
      const bodies = role === "owner" ? [forge({}), forge({ instanceId: own.instanceId })] : [forge({})];
      for (const body of bodies) {
        const text = await (await replayAction(other2.request, action, body)).text();
        expect(text).toContain('"ok":false');
      }
      await context.close();
    }
    expect((await taurusChangesSince(seq)).length).toBe(0);
    expect((await proxyState(other.proxyId)).accessControl.open).toBe(!before);
  });

  test("a vendor error and a lost answer leave the page showing the real state", async ({ page }) => {
    await signInAs(page, "dba");
    const row = await rowNamed(page.request, "proxy-crm");
    const start = (await proxyState(row.proxyId)).accessControl.open;
    let tr = await openProxy(page, row);
    await emu("POST", "/faults", { service: "taurus", action: "SwitchAccessControl", kind: "error", status: 400, code: "DBS.200019", message: "Operation cannot be executed in current state.", count: 1 });
    await tr.getByRole("button", { name: start ? "Turn off" : "Turn on" }).click();
    let dialog = page.getByRole("alertdialog");
    await dialog.getByRole("button", { name: start ? "Turn off" : "Turn on" }).click();
    await expect(dialog).toContainText("DBS.200019");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(accessBadge(tr)).toHaveAttribute("data-access", start ? "on" : "off");
    expect((await proxyState(row.proxyId)).accessControl.open).toBe(start);

    // The change lands but every answer is lost: the console does not guess, it reads the proxy back.
    await emu("POST", "/faults", { service: "taurus", action: "SwitchAccessControl", kind: "drop", afterEffect: true, count: 50 });
    tr = await openProxy(page, row);
    await tr.getByRole("button", { name: start ? "Turn off" : "Turn on" }).click();
    dialog = page.getByRole("alertdialog");
    await dialog.getByRole("button", { name: start ? "Turn off" : "Turn on" }).click();
    await expect(dialog).toHaveCount(0, { timeout: 30_000 });
    await emu("DELETE", "/faults");
    await expect(accessBadge(tr)).toHaveAttribute("data-access", !start ? "on" : "off");
    expect((await proxyState(row.proxyId)).accessControl.open).toBe(!start);
    tr = await openProxy(page, row);
    await expect(accessBadge(tr)).toHaveAttribute("data-access", !start ? "on" : "off");
  });
});
