import type { Locale } from "./locale";

/*
 * The words of app/global-error.tsx, which replaces the root layout when it fails and so has no
 * message provider. A plain module (not a messages/*.json, which the build precompiles for
 * next-intl); registered in i18n/catalogs.ts as GlobalError, so the parity test covers it.
 */
export const GLOBAL_ERROR_WORDS = {
  en: { title: "The console could not load", body: "Try again in a moment.", reference: "Reference:", noRef: "none", retry: "Try again" },
  "zh-CN": { title: "控制台无法加载", body: "请稍后重试。", reference: "参考编号：", noRef: "无", retry: "重试" },
} satisfies Record<Locale, Record<string, string>>;
