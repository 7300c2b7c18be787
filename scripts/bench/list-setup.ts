/**
 * The stage for the 20,000-row list: an emulator with the large proxy filled, and the built console
 * in demo mode whose demo cloud accounts point at it.
 */
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import fixtures from "@/emulator/demo-fixtures.json";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { startConsole, type RunningConsole } from "./console-server";
import { errorMessage, freePort, freePortBlock, log, onCleanup, tempDir } from "./util";

export const DEMO_DMS_ACCOUNT = "Demo Alibaba DMS";

export interface ListStage {
  emulator: RunningEmulator;
  console: RunningConsole;
  accountId: string;
  /** The tenant the large proxy lives in (the first demo tenant, see emulator/seed.ts). */
  tenantId: number;
  proxyId: number;
  stop(): Promise<void>;
}

/** basePort 0 would scatter the listeners; the console finds each service at admin port + offset. */
async function startLargeEmulator(rows: number): Promise<RunningEmulator> {
  const dataDir = tempDir("emulator-large");
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const emu = await startEmulator({ basePort: await freePortBlock(6), dataDir, seed: "demo", largeSeed: rows });
      onCleanup(() => emu.close());
      return emu;
    } catch (error) {
      lastError = error; // another process took one of the ports in between
    }
  }
  throw new Error(`emulator did not start: ${errorMessage(lastError)}`);
}

/** The console keeps cloud account ids in its own database; read it while no server holds the folder. */
export async function readAccountId(dataDir: string): Promise<string> {
  const db = new PGlite(dataDir);
  try {
    const res = await db.query<{ id: string }>("select id from cloud_accounts where name = $1", [DEMO_DMS_ACCOUNT]);
    const id = res.rows[0]?.id;
    if (!id) throw new Error(`no cloud account named "${DEMO_DMS_ACCOUNT}" was seeded`);
    return id;
  } finally {
    await db.close();
  }
}

export async function startListStage(rows: number): Promise<ListStage> {
  const started = performance.now();
  const emulator = await startLargeEmulator(rows);
  log(`emulator with ${rows} accesses on proxy ${fixtures.alibaba.largeProxyId} at ${emulator.urls.admin}`);
  const dataDir = path.join(tempDir("list"), "pglite");
  const port = await freePort();
  // First start seeds users and the demo cloud accounts; the second serves the browser.
  const seeding = startConsole({ port, dataDir, emulatorUrl: emulator.urls.admin });
  try {
    await seeding.firstOk(["/api/health"], 180_000);
  } finally {
    await seeding.stop();
  }
  const accountId = await readAccountId(dataDir);
  const server = startConsole({ port, dataDir, emulatorUrl: emulator.urls.admin });
  await server.firstOk(["/api/health"], 180_000);
  log(`console for the list at ${server.baseUrl} (ready ${Math.round(performance.now() - started)} ms after setup began)`);
  return {
    emulator,
    console: server,
    accountId,
    tenantId: fixtures.alibaba.tenants[0]?.tid ?? 3001,
    proxyId: fixtures.alibaba.largeProxyId,
    stop: async () => {
      await server.stop();
      await emulator.close();
    },
  };
}
