/** Provider figures: signer cost against the official SDKs, and bulk work against a rate limit. */
import fixtures from "@/emulator/demo-fixtures.json";
import { startEmulator } from "@/emulator/server";
import { benchRateLimit, benchSigning, type RateLimitBenchResult, type SigningBenchRow } from "./providers-bench";
import { anyEmulatorBasePort, log, tempDir } from "./util";

export const RATE_RATIO_TARGET = 0.95;

export interface ProvidersResult {
  signing: SigningBenchRow[];
  rateLimit: RateLimitBenchResult & { targetRatio: number };
}

export async function measureProviders(): Promise<ProvidersResult> {
  const signing = await benchSigning();
  for (const row of signing) log(`signing ${row.vendor}: ours ${row.oursUsPerOp} µs, SDK ${row.sdkUsPerOp} µs (×${row.ratio})`);
  const emulator = await startEmulator({ basePort: await anyEmulatorBasePort(), dataDir: tempDir("emulator"), seed: "demo" });
  try {
    const rate = await benchRateLimit(emulator.urls.mariadb, { secretId: fixtures.tencent.secretId, secretKey: fixtures.tencent.secretKey });
    log(`CreateAccount ×${rate.calls}: ${rate.achievedRate}/s of ${rate.limit}/s, throttling errors seen ${rate.throttlingErrorsSeenByCaller}`);
    return { signing, rateLimit: { ...rate, targetRatio: RATE_RATIO_TARGET } };
  } finally {
    await emulator.close();
  }
}
