import { useTranslations } from "next-intl";

/**
 * First tab stop of the console: jumps past the navigation to <main id="main" tabIndex={-1}>.
 * It must come first in DOM order, so <AppSidebar> (the layout's first child) renders it.
 */
export function SkipLink({ targetId = "main" }: { targetId?: string }) {
  const t = useTranslations("Shell.nav");
  return (
    <a
      href={`#${targetId}`}
      // Parked above the viewport rather than sr-only, so its padding survives when it slides in on focus.
      className="fixed top-2 left-2 z-[60] -translate-y-[200%] rounded-md bg-primary px-3 py-2 text-sm font-medium text-primary-foreground shadow-md focus:translate-y-0"
    >
      {t("skip")}
    </a>
  );
}
