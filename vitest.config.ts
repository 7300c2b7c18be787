import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // server-only throws outside a React server bundle; under vitest it is a no-op marker.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["{lib,emulator,app,components,scripts,i18n}/**/*.test.{ts,tsx}", "e2e/support/**/*.test.ts"],
    environment: "node",
    setupFiles: ["lib/testing/validation-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
