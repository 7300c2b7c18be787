// @ts-check
import createNextIntlPlugin from "next-intl/plugin";

/** Security headers that do not depend on the request; the CSP with its per-request nonce is set in proxy.ts. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // PGlite ships its WASM and data files; keeping it external stops the build from copying them
  // into the publicly served static folder. pg-boss loads pg at run time like the console does.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-boss"],
  experimental: {
    serverActions: { bodySizeLimit: "256kb" },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

// next-intl finds its per-request configuration in ./i18n/request.ts. The catalogs (every
// messages/{en,zh-CN}.json under app/, the shared ones in lib/i18n/messages, and the field-error,
// action-error, vendor-error and audit-message catalogs in lib/validation, lib/actions, lib/providers and
// lib/audit) are compiled at build
// time, so the browser gets the small formatter instead of the ICU MessageFormat parser (about
// 10 KiB gzip on every page). The paths cover any feature folder added later.
const withNextIntl = createNextIntlPlugin({
  experimental: {
    messages: { format: "json", path: ["./app", "./lib/i18n/messages", "./lib/validation/messages", "./lib/actions/messages", "./lib/providers/messages", "./lib/audit/messages"], locales: "infer", sourceLocale: "en", precompile: true },
  },
});

export default withNextIntl(nextConfig);
