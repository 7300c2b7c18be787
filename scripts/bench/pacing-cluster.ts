/**
 * Two console instances' bulk work on one credential, paced through one PostgreSQL database:
 * two database pools, two cluster pacers and two MariaDB clients (what two processes would hold)
 * create accounts against the emulator, which enforces Tencent's 20/s with a strict sliding window.
 * Meanwhile one "interactive" call at a time (a grant from a form) asks for the same budget.
 * PostgreSQL: a scratch database (scratch-db.ts).
 */
import { randomUUID } from "node:crypto";
import fixtures from "@/emulator/demo-fixtures.json";
import { startEmulator } from "@/emulator/server";
import { createDb, type DbHandle } from "@/lib/db/client";
import { createClusterPacer } from "@/lib/pacing/cluster-pacer";
import { mapWithConcurrency } from "@/lib/providers/concurrency";
import { isProviderError } from "@/lib/providers/errors";
import type { CallPriority } from "@/lib/providers/pacer";
import { createMariadbApi } from "@/lib/providers/tencent/mariadb";
import { withScratchDatabase } from "./scratch-db";
import { anyEmulatorBasePort, log, maxInAnyWindow, round, sleep, summarize, tempDir, type Summary } from "./util";

export const PACING_TARGET_RATIO = 0.95;
const LIMIT = 20;
const INSTANCE = "tdsql-demo0001";

export interface ClusterPacingResult {
  instances: 2;
  calls: number;
  seconds: number;
  combinedRate: number;
  limit: number;
  ratio: number;
  targetRatio: number;
  /** Most CreateAccount arrivals the emulator saw in any 1 000 ms (must stay ≤ limit). */
  maxArrivalsInAnySecond: number;
  throttledByVendor: number;
  throttlingErrorsSeenByCaller: number;
  otherErrors: number;
  /** Wait for a slot of interactive calls made on the same budget while the bulk work ran. */
  interactiveWaitMs: Summary;
}

export async function measureClusterPacing(callsPerInstance = 100): Promise<ClusterPacingResult> {
  const emulator = await startEmulator({ basePort: await anyEmulatorBasePort(), dataDir: tempDir("emulator-pacing"), seed: "demo" });
  const handles: DbHandle[] = [];
  try {
    return await withScratchDatabase("pacing", async (url) => {
      try {
        return await pace(url);
      } finally {
        // Closed before the database is dropped: a pool whose connections the drop ends would throw.
        for (const h of handles) await h.close().catch(() => undefined);
      }
    });
  } finally {
    await emulator.close();
  }

  async function pace(url: string): Promise<ClusterPacingResult> {
    handles.push(createDb(url), createDb(url));
    await handles[0]!.migrate();
    const conn = { vendor: "tencent" as const, region: "ap-guangzhou", endpoint: emulator.urls.mariadb, credentials: { secretId: fixtures.tencent.secretId, secretKey: fixtures.tencent.secretKey } };
    const clientOf = (h: DbHandle, priority: CallPriority) => createMariadbApi(conn, { pacer: createClusterPacer({ db: h.db }), priority });
    const bulk = handles.map((h) => clientOf(h, "background"));
    const interactive = clientOf(handles[0]!, "interactive");
    await Promise.all(bulk.map((c) => c.describeAccounts({ instanceId: INSTANCE }))); // open connections first
    const { lastSeq } = (await (await fetch(`${emulator.urls.admin}/calls?since=999999999`)).json()) as { lastSeq: number };
    const run = randomUUID().slice(0, 6);
    const password = `Bench-${run}-Pw1!`;
    const names = bulk.map((_, i) => Array.from({ length: callsPerInstance }, (__, j) => `bp_${run}_${i}_${j}`));

    let done = false;
    const waits: number[] = [];
    const probing = (async () => {
      await sleep(1_000);
      for (let k = 0; !done; k += 1) {
        const asked = performance.now();
        await interactive.createAccount({ instanceId: INSTANCE, userName: `bp_${run}_form_${k}`, host: "%", password }).catch(() => undefined);
        waits.push(performance.now() - asked);
        names[0]!.push(`bp_${run}_form_${k}`);
        await sleep(700);
      }
    })();
    const started = performance.now();
    const results = (
      await Promise.all(bulk.map((c, i) => mapWithConcurrency(names[i]!.slice(0, callsPerInstance), (userName) => c.createAccount({ instanceId: INSTANCE, userName, host: "%", password }), { concurrency: 20 })))
    ).flat();
    const seconds = (performance.now() - started) / 1000;
    done = true;
    await probing;

    const logged = ((await (await fetch(`${emulator.urls.admin}/calls?service=mariadb&action=CreateAccount&since=${lastSeq}`)).json()) as { calls: { at: string; outcome: string }[] }).calls;
    const accepted = logged.filter((c) => c.outcome === "OK").map((c) => Date.parse(c.at));
    const failures = results.filter((r) => !r.ok).map((r) => (r.ok ? undefined : r.error));
    const throttled = failures.filter((e) => isProviderError(e) && e.throttled).length;
    const calls = results.length + waits.length;
    const combinedRate = calls / seconds;
    await mapWithConcurrency(names.flat(), (userName) => bulk[0]!.deleteAccount({ instanceId: INSTANCE, userName, host: "%" }).catch(() => undefined), { concurrency: 20 });
    const result: ClusterPacingResult = {
      instances: 2,
      calls,
      seconds: round(seconds, 2),
      combinedRate: round(combinedRate),
      limit: LIMIT,
      ratio: round(combinedRate / LIMIT, 3),
      targetRatio: PACING_TARGET_RATIO,
      maxArrivalsInAnySecond: maxInAnyWindow(accepted, 1000),
      throttledByVendor: logged.filter((c) => c.outcome !== "OK").length,
      throttlingErrorsSeenByCaller: throttled,
      otherErrors: failures.length - throttled,
      interactiveWaitMs: summarize(waits, 0),
    };
    log(`cluster pacing: ${calls} CreateAccount from 2 instances in ${result.seconds} s = ${result.combinedRate}/s of ${LIMIT}/s (×${result.ratio}); max ${result.maxArrivalsInAnySecond} in any second; vendor throttled ${result.throttledByVendor}; interactive waits ${JSON.stringify(result.interactiveWaitMs)}`);
    return result;
  }
}
