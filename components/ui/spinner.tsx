import type { ComponentProps } from "react";
import { LoaderCircle } from "lucide-react";
import { cn } from "./cn";

export type SpinnerProps = ComponentProps<"svg"> & {
  /** Spoken text; pass `label={null}` when a surrounding element already says what is loading. */
  label?: string | null;
};

export function Spinner({ className, label = "Loading", ...props }: SpinnerProps) {
  return (
    <>
      <LoaderCircle
        data-slot="spinner"
        aria-hidden
        className={cn("size-4 animate-spin", className)}
        {...props}
      />
      {label ? (
        <span role="status" className="sr-only">
          {label}
        </span>
      ) : null}
    </>
  );
}
