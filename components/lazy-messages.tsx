"use client";

import { use, useMemo, type ComponentType, type ReactNode } from "react";
import { useLocale, useMessages, useTimeZone } from "next-intl";
import { IntlProvider } from "@/components/intl-provider";
import { isLocale, type Locale } from "@/lib/i18n/locale";

/*
 * Catalogs that come with code loaded on demand. A page hands the browser only the messages its
 * first view needs; a panel or dialog loaded later brings its namespaces along (dynamic imports of
 * the JSON per language), keeping them out of the page's first load.
 */

type Loaders = Record<Locale, () => Promise<Record<string, unknown>>>;

export function createLazyMessages(loaders: Loaders) {
  const loaded = new Map<Locale, Promise<Record<string, unknown>>>();
  const load = (locale: Locale) => {
    let promise = loaded.get(locale);
    if (!promise) {
      promise = loaders[locale]();
      // A failed load (offline for a moment) is tried again on the next render, not cached.
      promise.catch(() => loaded.delete(locale));
      loaded.set(locale, promise);
    }
    return promise;
  };

  function Messages({ children }: { children: ReactNode }) {
    const current = useLocale();
    const locale: Locale = isLocale(current) ? current : "en";
    const outer = useMessages();
    const timeZone = useTimeZone();
    const more = use(load(locale));
    const messages = useMemo(() => ({ ...outer, ...more }) as typeof outer, [outer, more]);
    return (
      <IntlProvider locale={locale} messages={messages} timeZone={timeZone}>
        {children}
      </IntlProvider>
    );
  }

  return {
    /** Starts loading the catalogs of the page's language (call it with the component's own import). */
    preload(): Promise<unknown> {
      const lang = document.documentElement.lang;
      return load(isLocale(lang) ? lang : "en").catch(() => undefined);
    },
    /** The component with the catalogs around it (it suspends once per language while they load). */
    withMessages<P extends object>(Component: ComponentType<P>): ComponentType<P> {
      function WithMessages(props: P) {
        return (
          <Messages>
            <Component {...props} />
          </Messages>
        );
      }
      WithMessages.displayName = `withMessages(${Component.displayName ?? Component.name})`;
      return WithMessages;
    },
  };
}
