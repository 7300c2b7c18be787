"use client";

import { useSyncExternalStore } from "react";
import { useTheme } from "next-themes";
import { Monitor, Moon, Sun } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "./ui/cn";

const OPTIONS = [
  { value: "light", Icon: Sun },
  { value: "dark", Icon: Moon },
  { value: "system", Icon: Monitor },
] as const;

const noopSubscribe = () => () => {};

/**
 * Light / dark / system as three toggle buttons (aria-pressed) in a labelled group. Deliberately not a
 * dropdown: this sits on every page, and a menu primitive would add ~30 KB gzip of first-load JS.
 * The stored choice is only known in the browser, so nothing is pressed until after hydration.
 */
export function ThemeToggle({ className }: { className?: string }) {
  const { theme, setTheme } = useTheme();
  const t = useTranslations("Shell.theme");
  const mounted = useSyncExternalStore(noopSubscribe, () => true, () => false);
  const current = mounted ? (theme ?? "system") : null;

  return (
    <div role="group" aria-label={t("group")} className={cn("flex items-center rounded-md border p-0.5", className)}>
      {OPTIONS.map(({ value, Icon }) => {
        const pressed = current === value;
        const label = t(value);
        return (
          <button
            key={value}
            type="button"
            aria-label={label}
            title={label}
            aria-pressed={pressed}
            onClick={() => setTheme(value)}
            className={cn(
              "flex size-6 items-center justify-center rounded-sm text-muted-foreground transition-colors hover:text-foreground",
              pressed && "bg-accent text-foreground shadow-xs",
            )}
          >
            <Icon className="size-3.5" aria-hidden />
          </button>
        );
      })}
    </div>
  );
}
