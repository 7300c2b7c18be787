import type { ReactNode } from "react";
import { getLocale, getMessages, getTimeZone } from "next-intl/server";
import { CLIENT_SHARED, type Namespace } from "@/i18n/catalogs";
import { IntlProvider } from "./intl-provider";

/**
 * Hands the client components below it the shell's messages and the namespaces named here, and no
 * others: catalogs of other pages stay out of this page's HTML and JS.
 */
export async function ClientMessages({ namespaces = [], children }: { namespaces?: Namespace[]; children: ReactNode }) {
  const [locale, messages, timeZone] = await Promise.all([getLocale(), getMessages(), getTimeZone()]);
  const picked = Object.fromEntries([...CLIENT_SHARED, ...namespaces].map((ns) => [ns, messages[ns]]));
  return (
    <IntlProvider locale={locale} messages={picked} timeZone={timeZone}>
      {children}
    </IntlProvider>
  );
}
