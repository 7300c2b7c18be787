"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { describeFailureText } from "@/lib/actions/form-errors";
import type { CloudAccountDto } from "@/lib/dal/cloud-accounts";
import { deleteCloudAccountAction, saveCloudAccountAction } from "./actions";
import { CloudAccountForm } from "./cloud-account-form";

export type CloudAccountDialog = { kind: "create" } | { kind: "edit"; account: CloudAccountDto } | { kind: "remove"; account: CloudAccountDto };

/** The page's dialogs, loaded on first use so the page ships without the form stack. */
export default function CloudAccountDialogs({ dialog, onClose }: { dialog: CloudAccountDialog; onClose: () => void }) {
  const router = useRouter();

  if (dialog.kind === "remove") {
    const { account } = dialog;
    return (
      <ConfirmDialog
        open
        onOpenChange={(open) => !open && onClose()}
        title={`Remove ${account.name}?`}
        description="The console forgets these credentials. Nothing changes in the cloud; the audit log keeps its history."
        confirmLabel="Remove"
        confirmText={account.name}
        onConfirm={async () => {
          const result = await deleteCloudAccountAction({ id: account.id });
          if (!result.ok) return { error: describeFailureText(result) };
          toast.success(`${account.name} removed`);
          router.refresh();
        }}
      />
    );
  }

  const editing = dialog.kind === "edit" ? dialog.account : undefined;
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{editing ? `Edit ${editing.name}` : "Add a cloud account"}</DialogTitle>
          <DialogDescription>Secrets are encrypted with the console&apos;s key and never shown again.</DialogDescription>
        </DialogHeader>
        <CloudAccountForm
          account={editing}
          onSubmit={(values) => saveCloudAccountAction(values as Parameters<typeof saveCloudAccountAction>[0])}
          onDone={() => {
            toast.success(editing ? "Changes saved" : "Cloud account added: test its connection next");
            onClose();
            router.refresh();
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
