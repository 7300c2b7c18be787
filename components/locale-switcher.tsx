"use client";

import { Languages } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { toast } from "./toast";
import { isLocale, LOCALE_COOKIE, LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locale";
import { Select } from "./ui/select";
import { cn } from "./ui/cn";

/**
 * The console language. Signed in, the choice is saved on the user (through `save`, a server
 * action); signed out (the sign-in page) it lives in a cookie. Either way the page re-renders in
 * the new language at once, keeping what is on screen.
 */
export function LocaleSwitcher({ save, className }: { save?: (input: { locale: Locale }) => Promise<{ ok: boolean; formError?: string }>; className?: string }) {
  const t = useTranslations("Shell.header");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const choose = (next: string) => {
    if (!isLocale(next) || next === locale) return;
    startTransition(async () => {
      if (save) {
        const result = await save({ locale: next });
        if (!result.ok) {
          toast.error(result.formError ?? t("languageFailed"));
          return;
        }
      } else {
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${365 * 86_400}; samesite=lax`;
      }
      router.refresh();
    });
  };

  return (
    <span className={cn("flex items-center gap-1", className)}>
      <Languages className="size-4 text-muted-foreground" aria-hidden />
      <Select aria-label={t("language")} value={locale} disabled={pending} onChange={(e) => choose(e.currentTarget.value)} className="h-8 w-auto py-0 text-xs">
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </Select>
    </span>
  );
}
