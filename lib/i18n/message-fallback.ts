import type { IntlError } from "next-intl";

/*
 * What a missing or broken message turns into, on the server and in the browser alike. The
 * parity test keeps the catalogs in step, so this only happens when code asks for a key that no
 * catalog has: the key is shown between ⟦ ⟧ instead of silently reading like text, and the error
 * is logged under one prefix, so the zh-CN walk in e2e and anyone reading the logs can find it.
 */

export const MISSING_MESSAGE_MARK = "⟦";

export function messageFallback({ namespace, key }: { namespace?: string; key: string }): string {
  return `⟦${namespace ? `${namespace}.${key}` : key}⟧`;
}

export function reportIntlError(error: IntlError): void {
  console.error(`[i18n] ${error.code}: ${error.originalMessage ?? error.message}`);
}
