import { useTranslations } from "next-intl";
import { Skeleton } from "@/components/ui/skeleton";

/** The skeleton a page shows while its server part renders. */
export function PageLoading() {
  const t = useTranslations("Shell");
  return (
    <div aria-busy="true" aria-live="polite" className="grid gap-4">
      <span className="sr-only">{t("loading")}</span>
      <Skeleton className="h-7 w-56" />
      <Skeleton className="h-4 w-96 max-w-full" />
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
