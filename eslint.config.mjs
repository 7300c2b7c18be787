import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/*
 * Words a person reads come from the message catalogs (i18n/catalogs.ts), never from JSX literals:
 * every page and component, app/ and components/ alike.
 */
const TRANSLATED = ["app/**/*.tsx", "components/**/*.tsx"];

const config = defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: TRANSLATED,
    ignores: ["**/*.test.tsx"],
    rules: {
      // Text children and the attributes a screen reader or a tooltip reads out.
      "react/jsx-no-literals": ["error", { noStrings: true, ignoreProps: true, allowedStrings: ["·", "—", "…", "(", ")", ":", "/", "*"] }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXAttribute[name.name=/^(aria-label|title|placeholder|alt)$/] > Literal[value=/[A-Za-z]/]",
          message: "Read user-visible attribute text from the message catalogs.",
        },
      ],
    },
  },
  globalIgnores([
    ".next/**", "node_modules/**", "data/**", ".data/**", ".e2e-data/**", "test-results/**",
    "playwright-report/**", "next-env.d.ts", "drizzle/**",
  ]),
]);
export default config;
