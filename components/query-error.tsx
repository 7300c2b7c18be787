"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { ApiError } from "./api-json";
import { ErrorState } from "./error-state";

/** The words for a failed GET: what the route said, else its HTTP status, else "unreachable". */
export function useApiErrorText(): (error: unknown) => string {
  const t = useTranslations("Shell.common");
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError)) return t("unreachable");
      return error.message || t("answeredStatus", { status: error.status });
    },
    [t],
  );
}

/** A failed query as an error panel with the route's code and the vendor's request id, and a retry. */
export function QueryError({ error, title, onRetry }: { error: unknown; title: string; onRetry: () => void }) {
  const text = useApiErrorText();
  const e = error instanceof ApiError ? error : null;
  return <ErrorState title={title} message={text(error)} code={e?.code} requestId={e?.requestId} onRetry={onRetry} />;
}
