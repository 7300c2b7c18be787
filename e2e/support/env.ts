/** One place for the e2e topology: ports, URLs and the console's environment. Test-only values. */

const port = Number(process.env.E2E_PORT ?? 3210);
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 4800);
const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 4700);
const baseURL = `http://localhost:${port}`; // localhost, not 127.0.0.1: the session cookie is host-bound
const oidcIssuer = `http://localhost:${oidcPort}`;

export const E2E = {
  port,
  baseURL,
  oidcPort,
  oidcIssuer,
  emulatorPort,
  emulatorAdmin: `http://127.0.0.1:${emulatorPort}`,
  reportFile: process.env.E2E_REPORT ?? "test-results/e2e-report.json",
  artifactsDir: process.env.E2E_ARTIFACTS ?? "test-results/artifacts",
  chromiumPath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  consoleEnv: {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? ".e2e-data/console/pglite",
    AUTH_SECRET: "e2e-only-auth-secret-0123456789abcdef0123456789",
    AUTH_URL: baseURL,
    CREDENTIALS_KEY: "ZTJlLW9ubHkta2V5LTAxMjM0NTY3ODlhYmNkZWYwMTI=",
    DEMO_MODE: "1",
    EMULATOR_URL: `http://127.0.0.1:${emulatorPort}`,
    OIDC_ISSUER: oidcIssuer,
    OIDC_CLIENT_ID: "console-e2e",
    OIDC_CLIENT_SECRET: "console-e2e-secret-value",
    OIDC_NAME: "Test IdP",
    OIDC_ROLE_MAP: "db-team=dba,audit=auditor",
  } as Record<string, string>,
};

export const DEMO_PASSWORD = "demo-console-2026";
export const DEMO = {
  admin: "admin@example.com",
  dba: "dba@example.com",
  owner: "owner@example.com",
  requester: "requester@example.com",
  auditor: "auditor@example.com",
} as const;
export type DemoRole = keyof typeof DEMO;
