"use client";

import type { ReactNode } from "react";
import { ThemeProvider as NextThemesProvider } from "next-themes";

export type ThemeProviderProps = {
  children: ReactNode;
  /** The per-request CSP nonce, so next-themes' inline no-flash script is allowed to run. */
  nonce?: string;
};

/**
 * Class-based themes (`.dark` on <html>, matching the custom variant in globals.css), following the
 * OS by default. The root layout must put suppressHydrationWarning on <html>, because the inline
 * script sets the class before React hydrates.
 */
export function ThemeProvider({ children, nonce }: ThemeProviderProps) {
  return (
    <NextThemesProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      themes={["light", "dark"]}
      nonce={nonce}
    >
      {children}
    </NextThemesProvider>
  );
}
