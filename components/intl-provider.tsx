"use client";
import type { ComponentProps } from "react";
import { NextIntlClientProvider } from "next-intl";
import { messageFallback, reportIntlError } from "@/lib/i18n/message-fallback";

/** The client provider with the console's handling of missing messages (functions cannot cross from a Server Component). */
export function IntlProvider(props: Omit<ComponentProps<typeof NextIntlClientProvider>, "onError" | "getMessageFallback">) {
  return <NextIntlClientProvider {...props} onError={reportIntlError} getMessageFallback={messageFallback} />;
}
