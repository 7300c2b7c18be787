import type { ComponentProps } from "react";
import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "./cn";

export type SpinnerProps = ComponentProps<"svg"> & {
  /** Spoken text ("Loading" in the viewer's language by default); pass `label={null}` when a surrounding element already says what is loading. */
  label?: string | null;
};

export function Spinner({ className, label, ...props }: SpinnerProps) {
  const t = useTranslations("Shell.common");
  const spoken = label === undefined ? t("loadingStatus") : label;
  return (
    <>
      <LoaderCircle
        data-slot="spinner"
        aria-hidden
        className={cn("size-4 animate-spin", className)}
        {...props}
      />
      {spoken ? (
        <span role="status" className="sr-only">
          {spoken}
        </span>
      ) : null}
    </>
  );
}
