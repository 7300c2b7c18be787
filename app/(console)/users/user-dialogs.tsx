"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { CopyButton } from "@/components/copy-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { describeFailureText } from "@/lib/actions/form-errors";
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
  const close = () => onChange(null);

  if (dialog.kind === "reset") {
    const { user } = dialog;
    return (
      <ConfirmDialog
        open
        onOpenChange={(open) => !open && close()}
        title={`Reset the password of ${user.email}?`}
        description="A new password is generated and shown to you once. Every session of this user ends now."
        confirmLabel="Reset password"
        onConfirm={async () => {
          const result = await resetUserPasswordAction({ id: user.id });
          if (!result.ok) return { error: describeFailureText(result) };
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
        title={user.disabled ? `Enable ${user.email}?` : `Disable ${user.email}?`}
        description={
          user.disabled
            ? "They can sign in again with their existing password or single sign-on."
            : "They are signed out at their next request and cannot sign in until enabled again."
        }
        confirmLabel={user.disabled ? "Enable" : "Disable"}
        variant={user.disabled ? "default" : "destructive"}
        onConfirm={async () => {
          const result = await setUserDisabledAction({ id: user.id, disabled: !user.disabled });
          if (!result.ok) return { error: describeFailureText(result) };
          toast.success(user.disabled ? `${user.email} can sign in again` : `${user.email} is disabled`);
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
            <DialogTitle>Password for {dialog.email}</DialogTitle>
            <DialogDescription>Shown only now. Give it to the user over a safe channel; it is not stored anywhere in clear.</DialogDescription>
          </DialogHeader>
          <Alert variant="warning" title="Copy it now">
            <div className="mt-2 flex items-center gap-2">
              <code data-testid="temporary-password" className="rounded bg-muted px-2 py-1 font-mono text-sm select-all">
                {dialog.password}
              </code>
              <CopyButton value={dialog.password} label="Copy password" />
            </div>
          </Alert>
          <div className="flex justify-end">
            <Button onClick={close}>Done</Button>
          </div>
        </DialogContent>
      </Dialog>
    );
  }

  return (
    <Dialog open onOpenChange={(open) => !open && close()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{dialog.kind === "edit" ? `Edit ${dialog.user.email}` : "New user"}</DialogTitle>
          <DialogDescription>Roles take effect on the user&apos;s next request.</DialogDescription>
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
                  toast.success(`${result.data.user.email} can now sign in with single sign-on`);
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
                toast.success("Changes saved");
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
