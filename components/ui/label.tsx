import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A plain <label>: no client JS needed, so it renders from Server Components too. */
export function Label({ className, ...props }: ComponentProps<"label">) {
  return (
    <label
      data-slot="label"
      className={cn(
        "text-sm leading-none font-medium select-none peer-disabled:cursor-not-allowed peer-disabled:opacity-60",
        className,
      )}
      {...props}
    />
  );
}
