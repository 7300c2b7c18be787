import path from "node:path";
import { faultInputSchema } from "./faults";
import { LARGE_TAURUS_MAX } from "./seed-huawei";
import { startEmulator } from "./server";

/** CLI entry for `npm run emulator`; configured through EMULATOR_* variables. */
async function main(): Promise<void> {
  const env = process.env;
  const basePort = Number(env.EMULATOR_PORT ?? 4600);
  const seed = (env.EMULATOR_SEED ?? "demo") as "demo" | "none";
  const largeSeed = Number(env.EMULATOR_LARGE_SEED ?? 0);
  const largeTaurus = Number(env.EMULATOR_LARGE_TAURUS ?? 0);
  if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65_530) throw new Error("EMULATOR_PORT must be a port number");
  if (seed !== "demo" && seed !== "none") throw new Error("EMULATOR_SEED must be demo or none");
  if (!Number.isInteger(largeSeed) || largeSeed < 0) throw new Error("EMULATOR_LARGE_SEED must be a non-negative integer");
  if (!Number.isInteger(largeTaurus) || largeTaurus < 0 || largeTaurus > LARGE_TAURUS_MAX) {
    throw new Error(`EMULATOR_LARGE_TAURUS must be an integer from 0 to ${LARGE_TAURUS_MAX}`);
  }
  const faults = env.EMULATOR_FAULTS ? faultInputSchema.array().parse(JSON.parse(env.EMULATOR_FAULTS)) : [];
  const dataDir = path.resolve(env.EMULATOR_DATA_DIR ?? "./.data/emulator");

  const started = Date.now();
  const emu = await startEmulator({ basePort, dataDir, seed, largeSeed, largeTaurus, faults, host: env.EMULATOR_HOST });
  console.log(`cloud emulator ready in ${Date.now() - started} ms (data: ${dataDir})`);
  for (const [name, url] of Object.entries(emu.urls)) console.log(`  ${name.padEnd(8)} ${url}`);
  console.log(`EMULATOR_URLS=${JSON.stringify(emu.urls)}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`received ${signal}, shutting down`);
    void emu.close().then(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((e: unknown) => {
  console.error(`emulator failed to start: ${(e as Error).message}`);
  process.exit(1);
});
