"use client";

import { RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";
import { describeFailureText } from "@/lib/actions/form-errors";
import { retryJobAction } from "./actions";

export function RetryJobButton({ queue, id }: { queue: string; id: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      title="Retry this job?"
      description={`The job runs once more on ${queue}. If it fails again it goes back to the failed list.`}
      confirmLabel="Retry"
      variant="default"
      trigger={
        <Button variant="outline" size="sm" aria-label={`Retry job ${id} of ${queue}`}>
          <RotateCcw aria-hidden /> Retry
        </Button>
      }
      onConfirm={async () => {
        const result = await retryJobAction({ queue, id });
        if (!result.ok) return { error: describeFailureText(result) };
        toast.success("The job is queued again");
        router.refresh();
      }}
    />
  );
}
