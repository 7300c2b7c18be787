"use client";

import { RotateCcw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { toast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { useDescribeFailure } from "@/lib/actions/form-errors";
import { retryJobAction } from "./actions";

// The dialog (Radix, focus trap) is fetched on the first press, not with the page: most visits to
// the Jobs page only read it.
const ConfirmDialog = lazy(() => import("@/components/confirm-dialog").then((m) => ({ default: m.ConfirmDialog })));

export function RetryJobButton({ queue, id }: { queue: string; id: string }) {
  const router = useRouter();
  const t = useTranslations("Jobs.retry");
  const describeFailure = useDescribeFailure();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  // Without a Radix trigger the dialog cannot hand focus back on close; the button takes it back.
  useEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]);

  return (
    <>
      <Button
        ref={button}
        variant="outline"
        size="sm"
        aria-label={t("label", { id, queue })}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        <RotateCcw aria-hidden /> {t("button")}
      </Button>
      {opened ? (
        <Suspense fallback={null}>
          <ConfirmDialog
            open={open}
            onOpenChange={setOpen}
            title={t("title")}
            description={t("description", { queue })}
            confirmLabel={t("confirm")}
            variant="default"
            onConfirm={async () => {
              const result = await retryJobAction({ queue, id });
              if (!result.ok) return { error: describeFailure(result) };
              toast.success(t("done"));
              router.refresh();
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}
