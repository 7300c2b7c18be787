"use client";

import { useEffect, useRef, type ComponentProps } from "react";
import { cn } from "./cn";

export type CheckboxProps = Omit<ComponentProps<"input">, "type"> & {
  /** Shows the mixed state (e.g. "some rows selected"); screen readers announce it as "mixed". */
  indeterminate?: boolean;
};

/**
 * A native checkbox: it costs no JS beyond this component, which matters when a virtualised
 * table renders hundreds of them while scrolling.
 */
export function Checkbox({ className, indeterminate = false, ref, ...props }: CheckboxProps) {
  const innerRef = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    if (innerRef.current) innerRef.current.indeterminate = indeterminate;
  }, [indeterminate]);

  return (
    <input
      data-slot="checkbox"
      type="checkbox"
      ref={(node) => {
        innerRef.current = node;
        if (typeof ref === "function") ref(node);
        else if (ref) ref.current = node;
      }}
      className={cn(
        "size-4 shrink-0 cursor-pointer rounded-sm border-input accent-primary disabled:cursor-not-allowed disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}
