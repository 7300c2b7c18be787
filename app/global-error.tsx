"use client";

import { useSyncExternalStore } from "react";
import { GLOBAL_ERROR_WORDS } from "@/lib/i18n/global-error-words";
import { LOCALE_COOKIE, resolveLocale, type Locale } from "@/lib/i18n/locale";

/*
 * Shown when the root layout itself failed, so there is no message provider: this page carries its
 * own few words (lib/i18n/global-error-words.ts) and picks the language in the browser, from the
 * language cookie (set by the switcher, signed in or not), else the browser's languages.
 */

function browserLocale(): Locale {
  const cookie = document.cookie.split("; ").find((c) => c.startsWith(`${LOCALE_COOKIE}=`))?.slice(LOCALE_COOKIE.length + 1);
  return resolveLocale({ cookie, acceptLanguage: navigator.languages.join(",") });
}

const noSubscription = () => () => undefined;

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const locale = useSyncExternalStore(noSubscription, browserLocale, () => "en" as const);
  const t = GLOBAL_ERROR_WORDS[locale];
  return (
    <html lang={locale}>
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "3rem 1rem", textAlign: "center" }}>
        <h1>{t.title}</h1>
        <p>
          {t.body} {t.reference} <code>{error.digest ?? t.noRef}</code>
        </p>
        <button type="button" onClick={reset}>
          {t.retry}
        </button>
      </body>
    </html>
  );
}
