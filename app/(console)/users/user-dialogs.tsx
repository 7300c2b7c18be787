"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { toast } from "@/components/toast";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { CopyButton } from "@/components/copy-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { useDescribeFailure } from "@/lib/actions/form-errors";
import type { UserDto } from "@/lib/dal/users";
import { createUserAction, resetUserPasswordAction, setUserDisabledAction, updateUserAction } from "./actions";
import { UserForm } from "./user-form";

export type UserDialog =
  | { kind: "create" }
  | { kind: "edit"; user: UserDto }
  | { kind: "reset"; user: UserDto }
  | { kind: "toggle"; user: UserDto }
  | { kind: "password"; email: string; password: string };

/**
 * Every dialog of the users page, loaded on first use so the page itself ships without
 * react-hook-form, zod, Radix dialogs or the toaster.
 */
export default function UserDialogs({ dialog, onChange }: { dialog: UserDialog; onChange: (next: UserDialog | null) => void }) {
  const router = useRouter();
  const t = useTranslations("Users");
  const describeFailure = useDescribeFailure();
  const close = () => onChange(null);

  if (dialog.kind === "reset") {
    const { user } = dialog;
    return (
      <ConfirmDialog
        open
        onOpenChange={(open) => !open && close()}
        title={t("reset.title", { email: user.email })}
        description={t("reset.description")}
        confirmLabel={t("reset.confirm")}
        onConfirm={async () => {
          const result = await resetUserPasswordAction({ id: user.id });
          if (!result.ok) return { error: describeFailure(result) };
          router.refresh();
          // Swapping to the password dialog closes this one.
          onChange({ kind: "password", email: user.email, password: result.data.temporaryPassword });
          return false;
        }}
      />
    );
  }

  if (dialog.kind === "toggle") {
    const { user } = dialog;
    return (
      <ConfirmDialog
        open
        onOpenChange={(open) => !open && close()}
        title={t(user.disabled ? "toggle.enableTitle" : "toggle.disableTitle", { email: user.email })}
        description={t(user.disabled ? "toggle.enableDescription" : "toggle.disableDescription")}
        confirmLabel={t(user.disabled ? "toggle.enable" : "toggle.disable")}
        variant={user.disabled ? "default" : "destructive"}
        onConfirm={async () => {
          const result = await setUserDisabledAction({ id: user.id, disabled: !user.disabled });
          if (!result.ok) return { error: describeFailure(result) };
          toast.success(t(user.disabled ? "toggle.enabled" : "toggle.disabledToast", { email: user.email }));
          router.refresh();
        }}
      />
    );
  }

  if (dialog.kind === "password") {
    return (
      <Dialog open onOpenChange={(open) => !open && close()}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>{t("password.title", { email: dialog.email })}</DialogTitle>
            <DialogDescription>{t("password.description")}</DialogDescription>
          </DialogHeader>
          <Alert variant="warning" title={t("password.copyNow")}>
            <div className="mt-2 flex items-center gap-2">
              <code data-testid="temporary-password" className="rounded bg-muted px-2 py-1 font-mono text-sm select-all">
                {dialog.password}
              </code>
              <CopyButton value={dialog.password} label={t("password.copy")} />
            </div>
          </Alert>
          <div className="flex justify-end">
            <Button onClick={close}>{t("password.done")}</Button>
          </div>
        </DialogContent>
      </Dialog>
    );
  }

  return (
    <Dialog open onOpenChange={(open) => !open && close()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{dialog.kind === "edit" ? t("editUser", { email: dialog.user.email }) : t("newUser")}</DialogTitle>
          <DialogDescription>{t("form.rolesNote")}</DialogDescription>
        </DialogHeader>
        {dialog.kind === "create" ? (
          <UserForm
            mode="create"
            onSubmit={async (values) => {
              const result = await createUserAction(values);
              if (result.ok) {
                router.refresh();
                if (result.data.temporaryPassword) {
                  onChange({ kind: "password", email: result.data.user.email, password: result.data.temporaryPassword });
                } else {
                  toast.success(t("form.created", { email: result.data.user.email }));
                  close();
                }
              }
              return result;
            }}
            onDone={() => undefined}
          />
        ) : (
          <UserForm
            mode="edit"
            initial={dialog.user}
            onSubmit={async (values) => {
              const result = await updateUserAction(values);
              if (result.ok) {
                toast.success(t("form.saved"));
                router.refresh();
              }
              return result;
            }}
            onDone={close}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}
