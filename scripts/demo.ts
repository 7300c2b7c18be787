/**
 * `npm run demo`: the whole product on one machine with no cloud account. Builds the console when
 * the build is missing or older than the sources, starts the cloud emulator (in this process)
 * with demo data, and serves the console on PORT (default 3000) with the embedded database and
 * demo users. Ctrl-C stops both.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { startEmulator } from "../emulator/server";

const DATA = path.resolve(".data");
// Call the local binary directly: npx adds nothing here but npm's config warnings.
const NEXT = path.resolve("node_modules/.bin/next");
const port = Number(process.env.PORT ?? 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 4600);

function demoSecrets(): { AUTH_SECRET: string; CREDENTIALS_KEY: string } {
  const file = path.join(DATA, "demo-secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8"));
  // Generated per machine on first run: a demo never ships a shared secret.
  const secrets = { AUTH_SECRET: randomBytes(32).toString("base64"), CREDENTIALS_KEY: randomBytes(32).toString("base64") };
  fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function needsBuild(): boolean {
  const buildId = path.resolve(".next/BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const roots = ["app", "components", "lib", "public", "drizzle", "proxy.ts", "instrumentation.ts", "next.config.js", "package.json"];
  return roots.some((r) => fs.existsSync(r) && (fs.statSync(r).isDirectory() ? newestSource(r) : fs.statSync(r).mtimeMs) > built);
}

async function main() {
  fs.mkdirSync(DATA, { recursive: true });
  if (needsBuild()) {
    console.log("[demo] building the console (first run or sources changed)…");
    const build = spawnSync(NEXT, ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const emulator = await startEmulator({
    basePort: emulatorPort,
    dataDir: path.join(DATA, "emulator"),
    seed: "demo",
    largeSeed: Number(process.env.EMULATOR_LARGE_SEED ?? 0),
  });
  console.log(`[demo] cloud emulator: ${Object.entries(emulator.urls).map(([k, v]) => `${k} ${v}`).join(", ")}`);

  const console_ = spawn(NEXT, ["start", "-p", String(port)], {
    stdio: "inherit",
    env: {
      ...process.env,
      ...demoSecrets(),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DEMO_MODE: "1",
      DATABASE_URL: process.env.DATABASE_URL ?? path.join(DATA, "pglite"),
      EMULATOR_URL: emulator.urls.admin,
      AUTH_URL: process.env.AUTH_URL ?? `http://localhost:${port}`,
    },
  });
  console.log(`[demo] console: http://localhost:${port}  (admin@example.com / demo-console-2026; see README for every role)`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console_.kill("SIGTERM");
    await emulator.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  console_.on("exit", (code) => void stop(code ?? 0));
}

void main();
