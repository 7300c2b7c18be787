"use client";

import { use, useMemo, type ComponentType, type ReactNode } from "react";
import { useLocale, useMessages, useTimeZone } from "next-intl";
import { IntlProvider } from "@/components/intl-provider";
import { isLocale, type Locale } from "@/lib/i18n/locale";

/*
 * The page hands the browser only the messages its pickers need (FIRST_LOAD_GROUPS of
 * lazy-groups.ts, and no field-error words). The list panel with its dialogs and the proxies table
 * load on demand, and so do their words: this loads the whole ProxyAccesses and Validation catalogs
 * of the reader's language with them, keeping both out of the page's first load.
 */

const LOADERS: Record<Locale, () => Promise<[{ default: unknown }, { default: unknown }]>> = {
  en: () => Promise.all([import("./messages/en.json"), import("@/lib/validation/messages/en.json")]),
  "zh-CN": () => Promise.all([import("./messages/zh-CN.json"), import("@/lib/validation/messages/zh-CN.json")]),
};

const loaded = new Map<Locale, Promise<{ ProxyAccesses: unknown; Validation: unknown }>>();

function load(locale: Locale) {
  let promise = loaded.get(locale);
  if (!promise) {
    promise = LOADERS[locale]().then(([proxyAccesses, validation]) => ({ ProxyAccesses: proxyAccesses.default, Validation: validation.default }));
    // A failed load (offline for a moment) is tried again on the next render, not cached.
    promise.catch(() => loaded.delete(locale));
    loaded.set(locale, promise);
  }
  return promise;
}

/** Starts loading the catalogs of the page's language (called with the panel's own import). */
export function preloadFullMessages(): Promise<unknown> {
  const lang = document.documentElement.lang;
  return load(isLocale(lang) ? lang : "en").catch(() => undefined);
}

function FullMessages({ children }: { children: ReactNode }) {
  const current = useLocale();
  const locale: Locale = isLocale(current) ? current : "en";
  const outer = useMessages();
  const timeZone = useTimeZone();
  const full = use(load(locale));
  const messages = useMemo(() => ({ ...outer, ...full }) as typeof outer, [outer, full]);
  return (
    <IntlProvider locale={locale} messages={messages} timeZone={timeZone}>
      {children}
    </IntlProvider>
  );
}

/** The component with the whole feature catalog around it (it suspends once per language while that loads). */
export function withFullMessages<P extends object>(Component: ComponentType<P>): ComponentType<P> {
  function WithFullMessages(props: P) {
    return (
      <FullMessages>
        <Component {...props} />
      </FullMessages>
    );
  }
  WithFullMessages.displayName = `withFullMessages(${Component.displayName ?? Component.name})`;
  return WithFullMessages;
}
