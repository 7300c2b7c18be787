import type { ComponentProps } from "react";
import { cn } from "./cn";

/**
 * A styled native <select>: keyboard, screen reader and mobile pickers work for free, and it adds no JS.
 * Pass <option> children as usual. The chevron is the [data-slot="select"] rule in app/globals.css.
 */
export function Select({ className, ...props }: ComponentProps<"select">) {
  return (
    <select
      data-slot="select"
      className={cn(
        "h-9 w-full min-w-0 appearance-none rounded-md border border-input bg-background py-1 pr-8 pl-3 text-sm shadow-xs disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-destructive",
        className,
      )}
      {...props}
    />
  );
}
