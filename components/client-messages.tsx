import type { ReactNode } from "react";
import { getLocale, getMessages, getTimeZone } from "next-intl/server";
import { CLIENT_SHARED, type Namespace } from "@/i18n/catalogs";
import { IntlProvider } from "./intl-provider";

/**
 * Hands the client components below it the shell's messages and the namespaces named here, and no
 * others: catalogs of other pages stay out of this page's HTML and JS. `only` keeps just the named
 * groups of a namespace, when the rest is used only by parts loaded on demand (which bring their
 * words with them).
 */
export async function ClientMessages({
  namespaces = [],
  only = {},
  children,
}: {
  namespaces?: Namespace[];
  only?: Partial<Record<Namespace, readonly string[]>>;
  children: ReactNode;
}) {
  const [locale, messages, timeZone] = await Promise.all([getLocale(), getMessages(), getTimeZone()]);
  const pick = (ns: Namespace) => {
    const kept = only[ns];
    const all = messages[ns] as Record<string, unknown>;
    return kept ? Object.fromEntries(Object.entries(all).filter(([group]) => kept.includes(group))) : all;
  };
  const picked = Object.fromEntries([...CLIENT_SHARED, ...namespaces].map((ns) => [ns, pick(ns)]));
  return (
    <IntlProvider locale={locale} messages={picked} timeZone={timeZone}>
      {children}
    </IntlProvider>
  );
}
