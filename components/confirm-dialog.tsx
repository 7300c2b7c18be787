"use client";

import { useId, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "./ui/alert-dialog";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Input } from "./ui/input";
import { Label } from "./ui/label";
import { Spinner } from "./ui/spinner";

export type ConfirmResult = void | boolean | { error: string };

export type ConfirmDialogProps = {
  title: ReactNode;
  /** Names exactly what will happen: "Revokes alice's access to proxy 1042 on DMS. She loses access at once." */
  description: ReactNode;
  /** Extra content between the description and the buttons (a diff of rules, a list of users ...). */
  children?: ReactNode;
  /** Verb for the confirm button, e.g. "Revoke access". */
  confirmLabel: string;
  cancelLabel?: string;
  variant?: "destructive" | "default";
  /**
   * Runs on confirm; the dialog shows a pending state until it settles. Return `false` or
   * `{ error }` (a message safe to show) to keep the dialog open; anything else closes it.
   */
  onConfirm: () => ConfirmResult | Promise<ConfirmResult>;
  /** When set, the user must type this text (e.g. the instance id) before confirming. */
  confirmText?: string;
  /** Uncontrolled usage: the element that opens the dialog (a <Button>). */
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
};

export function ConfirmDialog({
  title,
  description,
  children,
  confirmLabel,
  cancelLabel,
  variant = "destructive",
  onConfirm,
  confirmText,
  trigger,
  open: openProp,
  onOpenChange,
}: ConfirmDialogProps) {
  const t = useTranslations("Shell.common");
  const [openState, setOpenState] = useState(false);
  const open = openProp ?? openState;
  const [pending, setPending] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  function setOpen(next: boolean) {
    // Closing mid-request would hide whether the change happened.
    if (!next && pending) return;
    if (!next) {
      setTyped("");
      setError(null);
    }
    setOpenState(next);
    onOpenChange?.(next);
  }

  const typedOk = !confirmText || typed.trim() === confirmText;

  async function confirm() {
    if (!typedOk || pending) return;
    setPending(true);
    setError(null);
    let result: ConfirmResult;
    try {
      result = await onConfirm();
    } catch {
      result = { error: t("outcomeLost") };
    }
    setPending(false);
    if (result === false) return;
    if (result && typeof result === "object") {
      setError(result.error);
      return;
    }
    setTyped("");
    setOpenState(false);
    onOpenChange?.(false);
  }

  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      {trigger ? <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger> : null}
      <AlertDialogContent
        onEscapeKeyDown={(e) => {
          if (pending) e.preventDefault();
        }}
      >
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <AlertDialogHeader>
            <AlertDialogTitle>{title}</AlertDialogTitle>
            <AlertDialogDescription asChild>
              <div className="grid gap-2 [&_p]:leading-relaxed">{description}</div>
            </AlertDialogDescription>
          </AlertDialogHeader>

          {children}

          {confirmText ? (
            <div className="grid gap-1.5">
              <Label htmlFor={inputId}>
                {t.rich("typeToConfirm", {
                  text: confirmText,
                  code: (chunks) => <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs select-all">{chunks}</code>,
                })}
              </Label>
              <Input
                id={inputId}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                disabled={pending}
              />
            </div>
          ) : null}

          {error ? <Alert variant="destructive">{error}</Alert> : null}

          <AlertDialogFooter>
            <AlertDialogCancel disabled={pending}>{cancelLabel ?? t("cancel")}</AlertDialogCancel>
            <Button
              type="submit"
              variant={variant === "destructive" ? "destructive" : "default"}
              disabled={!typedOk || pending}
            >
              {pending ? <Spinner label={null} /> : null}
              {pending ? `${confirmLabel}…` : confirmLabel}
            </Button>
          </AlertDialogFooter>
          <span aria-live="polite" className="sr-only">
            {pending ? t("working") : ""}
          </span>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
