"use client";

import { RotateCcw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";
import { describeFailureText } from "@/lib/actions/form-errors";
import { retryJobAction } from "./actions";

export function RetryJobButton({ queue, id }: { queue: string; id: string }) {
  const router = useRouter();
  const t = useTranslations("Jobs.retry");
  return (
    <ConfirmDialog
      title={t("title")}
      description={t("description", { queue })}
      confirmLabel={t("confirm")}
      variant="default"
      trigger={
        <Button variant="outline" size="sm" aria-label={t("label", { id, queue })}>
          <RotateCcw aria-hidden /> {t("button")}
        </Button>
      }
      onConfirm={async () => {
        const result = await retryJobAction({ queue, id });
        if (!result.ok) return { error: describeFailureText(result) };
        toast.success(t("done"));
        router.refresh();
      }}
    />
  );
}
