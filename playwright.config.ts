import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/support/env";

/**
 * Specs run against the built console (`next build` first), a fresh database, the cloud emulator
 * and a real OpenID Connect provider. E2E_DATABASE_URL selects PostgreSQL instead of PGlite.
 */
export default defineConfig({
  testDir: "./e2e",
  // Specs only: e2e/support holds helpers and their vitest unit tests (*.test.ts).
  testMatch: "**/*.spec.ts",
  timeout: 45_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: E2E.reportFile }]],
  outputDir: E2E.artifactsDir,
  use: {
    baseURL: E2E.baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "en-GB",
    timezoneId: "Europe/Berlin",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: E2E.chromiumPath,
          args: [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: "node e2e/support/reset-data.mjs emulator && npx tsx emulator/main.ts",
      url: `${E2E.emulatorAdmin}/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { EMULATOR_PORT: String(E2E.emulatorPort), EMULATOR_DATA_DIR: ".e2e-data/emulator", EMULATOR_SEED: "demo" },
      stdout: "pipe",
    },
    {
      command: "npx tsx e2e/support/oidc-server.ts",
      url: `${E2E.oidcIssuer}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { OIDC_PORT: String(E2E.oidcPort), OIDC_CLIENT_REDIRECT: `${E2E.baseURL}/api/auth/callback/oidc` },
      stdout: "pipe",
    },
    {
      // The server's output is kept in a file too, so specs can check that no secret was logged.
      command: `node e2e/support/reset-data.mjs console && mkdir -p .e2e-data/console && npx next start -p ${E2E.port} 2>&1 | tee .e2e-data/console/server.log`,
      url: `${E2E.baseURL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: E2E.consoleEnv,
      stdout: "pipe",
    },
  ],
});
