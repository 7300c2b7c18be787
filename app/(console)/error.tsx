"use client";

import { useTranslations } from "next-intl";
import { ErrorState } from "@/components/error-state";

/** A page failed to render. The server logged the details; the digest lets support find them. */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("Shell.pageError");
  return (
    <ErrorState
      title={t("title")}
      message={t("message")}
      requestId={error.digest ?? null}
      onRetry={reset}
    />
  );
}
