"use client";

import { lazy, Suspense, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { useTheme } from "next-themes";

// Loaded after hydration: the root layout puts this on every page, and sonner would otherwise count
// against each page's first-load JS budget; components/toast.ts fetches the same module on first use.
const Sonner = lazy(() => import("sonner").then((m) => ({ default: m.Toaster })));

const noopSubscribe = () => () => {};

/**
 * Sonner, following the console theme. Call `toast` from "@/components/toast" in client code.
 * Toasts are for confirmations ("Access granted"); errors that need reading, a code or a request id
 * belong in an inline <ErrorState> or <Alert>, because toasts disappear.
 */
export function Toaster() {
  const { resolvedTheme } = useTheme();
  const t = useTranslations("Shell.toaster");
  const mounted = useSyncExternalStore(noopSubscribe, () => true, () => false);
  if (!mounted) return null;
  return (
    <Suspense fallback={null}>
      <Sonner
        theme={resolvedTheme === "dark" ? "dark" : "light"}
        position="bottom-right"
        closeButton
        richColors
        containerAriaLabel={t("region")}
        toastOptions={{ classNames: { toast: "font-sans" }, closeButtonAriaLabel: t("close") }}
      />
    </Suspense>
  );
}
