"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "@/components/toast";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { useDescribeFailure } from "@/lib/actions/form-errors";
import type { CloudAccountDto } from "@/lib/dal/cloud-accounts";
import { deleteCloudAccountAction, saveCloudAccountAction } from "./actions";
import { CloudAccountForm } from "./cloud-account-form";

export type CloudAccountDialog = { kind: "create" } | { kind: "edit"; account: CloudAccountDto } | { kind: "remove"; account: CloudAccountDto };

/** The page's dialogs, loaded on first use so the page ships without the form stack. */
export default function CloudAccountDialogs({ dialog, onClose }: { dialog: CloudAccountDialog; onClose: () => void }) {
  const t = useTranslations("CloudAccounts");
  const describeFailure = useDescribeFailure();
  const router = useRouter();

  if (dialog.kind === "remove") {
    const { account } = dialog;
    return (
      <ConfirmDialog
        open
        onOpenChange={(open) => !open && onClose()}
        title={t("removeTitle", { name: account.name })}
        description={t("removeDescription")}
        confirmLabel={t("removeConfirm")}
        confirmText={account.name}
        onConfirm={async () => {
          const result = await deleteCloudAccountAction({ id: account.id });
          if (!result.ok) return { error: describeFailure(result) };
          toast.success(t("removed", { name: account.name }));
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
          <DialogTitle>{editing ? t("editTitle", { name: editing.name }) : t("addTitle")}</DialogTitle>
          <DialogDescription>{t("dialogDescription")}</DialogDescription>
        </DialogHeader>
        <CloudAccountForm
          account={editing}
          onSubmit={(values) => saveCloudAccountAction(values as Parameters<typeof saveCloudAccountAction>[0])}
          onDone={() => {
            toast.success(editing ? t("saved") : t("added"));
            onClose();
            router.refresh();
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
