import type { ReactNode } from "react";
import { OctagonX, RotateCw } from "lucide-react";
import { useTranslations } from "next-intl";
import { CopyButton } from "./copy-button";
import { Button } from "./ui/button";
import { cn } from "./ui/cn";

export type ErrorStateProps = {
  /** What happened, in plain words. Only messages known to be safe for users belong here. */
  message: ReactNode;
  title?: ReactNode;
  /** Vendor or console error code, e.g. "InvalidParameter.CharacterError". */
  code?: string | null;
  /** Vendor request id or the console's reference id, for support. */
  requestId?: string | null;
  /** Shows a Retry button (only from Client Components, e.g. error.tsx's reset or a query's refetch). */
  onRetry?: () => void;
  retryLabel?: string;
  className?: string;
  children?: ReactNode;
};

function Detail({ label, copyLabel, value }: { label: string; copyLabel: string; value: string }) {
  return (
    <div className="flex min-w-0 items-center gap-1.5">
      <dt className="shrink-0 text-muted-foreground">{label}</dt>
      <dd className="flex min-w-0 items-center gap-0.5">
        <code className="truncate rounded bg-muted px-1.5 py-0.5 font-mono text-xs select-all">{value}</code>
        <CopyButton value={value} label={copyLabel} />
      </dd>
    </div>
  );
}

/** A failed load or action with everything support needs: what, the code, the request id, and a retry. */
export function ErrorState({
  message,
  title,
  code,
  requestId,
  onRetry,
  retryLabel,
  className,
  children,
}: ErrorStateProps) {
  const t = useTranslations("Shell.common");
  return (
    <div
      role="alert"
      className={cn("flex gap-3 rounded-lg border border-destructive/35 bg-destructive/6 p-4 text-sm", className)}
    >
      <OctagonX className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
      <div className="grid min-w-0 flex-1 gap-2">
        <p className="font-medium">{title ?? t("somethingWrong")}</p>
        <div className="text-muted-foreground">{message}</div>
        {code || requestId ? (
          <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
            {code ? <Detail label={t("code")} copyLabel={t("copyCode")} value={code} /> : null}
            {requestId ? <Detail label={t("requestId")} copyLabel={t("copyRequestId")} value={requestId} /> : null}
          </dl>
        ) : null}
        {children}
        {onRetry ? (
          <div>
            <Button variant="outline" size="sm" onClick={onRetry}>
              <RotateCw aria-hidden />
              {retryLabel ?? t("tryAgain")}
            </Button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
