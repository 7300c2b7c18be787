import type { ComponentProps } from "react";
import { cn } from "./cn";

/** Decorative placeholder; the region that is loading should carry aria-busy, not each skeleton. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden
      className={cn("animate-pulse rounded-md bg-muted motion-reduce:animate-none", className)}
      {...props}
    />
  );
}
