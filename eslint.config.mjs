import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**", "node_modules/**", "data/**", ".data/**", ".e2e-data/**", "test-results/**",
    "playwright-report/**", "next-env.d.ts", "drizzle/**",
  ]),
]);
export default config;
