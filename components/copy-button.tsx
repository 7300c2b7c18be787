"use client";

import { useEffect, useRef, useState } from "react";
import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button, type ButtonProps } from "./ui/button";
import { cn } from "./ui/cn";

export type CopyButtonProps = Omit<ButtonProps, "onClick" | "children" | "value"> & {
  value: string;
  /** What is copied, for the accessible name: "Copy request id". */
  label?: string;
  /** Show the label as text next to the icon instead of an icon-only button. */
  showLabel?: boolean;
};

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API needs a secure context; plain-http intranet deployments still deserve a copy button.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } finally {
      area.remove();
    }
    return ok;
  }
}

export function CopyButton({
  value,
  label,
  showLabel = false,
  variant = "ghost",
  size,
  className,
  ...props
}: CopyButtonProps) {
  const t = useTranslations("Shell.common");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  async function onClick() {
    const ok = await writeClipboard(value);
    setState(ok ? "copied" : "failed");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2000);
  }

  const Icon = state === "copied" ? Check : Copy;
  return (
    <>
      <Button
        variant={variant}
        size={size ?? (showLabel ? "xs" : "icon-xs")}
        className={cn(state === "copied" && "text-success", className)}
        aria-label={showLabel ? undefined : (label ?? t("copy"))}
        onClick={onClick}
        {...props}
      >
        <Icon aria-hidden />
        {showLabel ? (label ?? t("copy")) : null}
      </Button>
      <span aria-live="polite" className="sr-only">
        {state === "copied" ? t("copied") : state === "failed" ? t("copyFailed") : ""}
      </span>
    </>
  );
}
