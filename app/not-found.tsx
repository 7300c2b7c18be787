import Link from "next/link";
import { useTranslations } from "next-intl";

export default function RootNotFound() {
  const t = useTranslations("Shell.notFound");
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-muted-foreground">{t("root")}</p>
      <Link href="/" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
        {t("toConsole")}
      </Link>
    </main>
  );
}
