"use client";

import { KeyRound, Pencil, Plus, UserCheck, UserX } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { CopyButton } from "@/components/copy-button";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { describeFailureText } from "@/lib/actions/form-errors";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { UserDto } from "@/lib/dal/users";
import { createUserAction, resetUserPasswordAction, setUserDisabledAction, updateUserAction } from "./actions";
import { UserForm } from "./user-form";

type Dialogs =
  | { kind: "create" }
  | { kind: "edit"; user: UserDto }
  | { kind: "password"; email: string; password: string }
  | null;

export function UsersTable({ users, currentUserId }: { users: UserDto[]; currentUserId: string }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<Dialogs>(null);
  const close = () => setDialog(null);

  return (
    <>
      <div className="flex justify-end">
        <Button onClick={() => setDialog({ kind: "create" })}>
          <Plus aria-hidden /> New user
        </Button>
      </div>
      <div className="overflow-x-auto rounded-lg border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>User</TableHead>
              <TableHead>Roles</TableHead>
              <TableHead>Owned resources</TableHead>
              <TableHead>Sign-in</TableHead>
              <TableHead>Last sign-in</TableHead>
              <TableHead className="text-right">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.map((user) => (
              <TableRow key={user.id} data-testid={`user-row-${user.email}`} className={user.disabled ? "opacity-60" : undefined}>
                <TableCell>
                  <div className="font-medium">{user.name}</div>
                  <div className="text-xs text-muted-foreground">{user.email}</div>
                </TableCell>
                <TableCell>
                  <div className="flex flex-wrap gap-1">
                    {user.roles.map((r) => (
                      <Badge key={r} variant="secondary">
                        {ROLE_LABELS[r]}
                      </Badge>
                    ))}
                    {user.disabled ? <Badge variant="destructive">Disabled</Badge> : null}
                  </div>
                </TableCell>
                <TableCell className="max-w-64">
                  {user.resources.length ? (
                    <ul className="grid gap-0.5">
                      {user.resources.map((r) => (
                        <li key={r}>
                          <code className="font-mono text-xs">{r}</code>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                </TableCell>
                <TableCell className="text-sm">{user.source === "oidc" ? "Single sign-on" : user.hasPassword ? "Password" : "Single sign-on only"}</TableCell>
                <TableCell>
                  <RelativeTime value={user.lastLoginAt} fallback="never" className="text-sm" />
                </TableCell>
                <TableCell>
                  <div className="flex justify-end gap-1">
                    <Button variant="ghost" size="icon-sm" aria-label={`Edit ${user.email}`} onClick={() => setDialog({ kind: "edit", user })}>
                      <Pencil aria-hidden />
                    </Button>
                    {user.source === "local" ? (
                      <ConfirmDialog
                        title={`Reset the password of ${user.email}?`}
                        description="A new password is generated and shown to you once. Every session of this user ends now."
                        confirmLabel="Reset password"
                        trigger={
                          <Button variant="ghost" size="icon-sm" aria-label={`Reset password of ${user.email}`}>
                            <KeyRound aria-hidden />
                          </Button>
                        }
                        onConfirm={async () => {
                          const result = await resetUserPasswordAction({ id: user.id });
                          if (!result.ok) return { error: describeFailureText(result) };
                          setDialog({ kind: "password", email: user.email, password: result.data.temporaryPassword });
                          router.refresh();
                        }}
                      />
                    ) : null}
                    {user.id !== currentUserId ? (
                      <ConfirmDialog
                        title={user.disabled ? `Enable ${user.email}?` : `Disable ${user.email}?`}
                        description={
                          user.disabled
                            ? "They can sign in again with their existing password or single sign-on."
                            : "They are signed out at their next request and cannot sign in until enabled again."
                        }
                        confirmLabel={user.disabled ? "Enable" : "Disable"}
                        variant={user.disabled ? "default" : "destructive"}
                        trigger={
                          <Button variant="ghost" size="icon-sm" aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}>
                            {user.disabled ? <UserCheck aria-hidden /> : <UserX aria-hidden />}
                          </Button>
                        }
                        onConfirm={async () => {
                          const result = await setUserDisabledAction({ id: user.id, disabled: !user.disabled });
                          if (!result.ok) return { error: describeFailureText(result) };
                          toast.success(user.disabled ? `${user.email} can sign in again` : `${user.email} is disabled`);
                          router.refresh();
                        }}
                      />
                    ) : null}
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>

      <Dialog open={dialog?.kind === "create" || dialog?.kind === "edit"} onOpenChange={(open) => !open && close()}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>{dialog?.kind === "edit" ? `Edit ${dialog.user.email}` : "New user"}</DialogTitle>
            <DialogDescription>Roles take effect on the user&apos;s next request.</DialogDescription>
          </DialogHeader>
          {dialog?.kind === "create" ? (
            <UserForm
              mode="create"
              onSubmit={async (values) => {
                const result = await createUserAction(values);
                if (result.ok) {
                  router.refresh();
                  if (result.data.temporaryPassword) {
                    setDialog({ kind: "password", email: result.data.user.email, password: result.data.temporaryPassword });
                  } else toast.success(`${result.data.user.email} can now sign in with single sign-on`);
                }
                return result;
              }}
              onDone={() => undefined}
            />
          ) : dialog?.kind === "edit" ? (
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
          ) : null}
        </DialogContent>
      </Dialog>

      <Dialog open={dialog?.kind === "password"} onOpenChange={(open) => !open && close()}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Password for {dialog?.kind === "password" ? dialog.email : ""}</DialogTitle>
            <DialogDescription>Shown only now. Give it to the user over a safe channel; it is not stored anywhere in clear.</DialogDescription>
          </DialogHeader>
          {dialog?.kind === "password" ? (
            <Alert variant="warning" title="Copy it now">
              <div className="mt-2 flex items-center gap-2">
                <code data-testid="temporary-password" className="rounded bg-muted px-2 py-1 font-mono text-sm select-all">
                  {dialog.password}
                </code>
                <CopyButton value={dialog.password} label="Copy password" />
              </div>
            </Alert>
          ) : null}
          <div className="flex justify-end">
            <Button onClick={close}>Done</Button>
          </div>
        </DialogContent>
      </Dialog>
    </>
  );
}
