"use client";

import { KeyRound, Pencil, Plus, UserCheck, UserX } from "lucide-react";
import { useTranslations } from "next-intl";
import { lazy, Suspense, useState } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { UserDto } from "@/lib/dal/users";
import type { UserDialog } from "./user-dialogs";

const UserDialogs = lazy(() => import("./user-dialogs"));

export function UsersTable({ users, currentUserId }: { users: UserDto[]; currentUserId: string }) {
  const [dialog, setDialog] = useState<UserDialog | null>(null);
  const t = useTranslations("Users");
  const shell = useTranslations("Shell");

  return (
    <>
      <div className="flex justify-end">
        <Button onClick={() => setDialog({ kind: "create" })}>
          <Plus aria-hidden /> {t("newUser")}
        </Button>
      </div>
      <div className="overflow-x-auto rounded-lg border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("columns.user")}</TableHead>
              <TableHead>{t("columns.roles")}</TableHead>
              <TableHead>{t("columns.resources")}</TableHead>
              <TableHead>{t("columns.signIn")}</TableHead>
              <TableHead>{t("columns.lastSignIn")}</TableHead>
              <TableHead className="text-right">{t("columns.actions")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.map((user) => (
              <TableRow key={user.id} data-testid={`user-row-${user.email}`} className={user.disabled ? "opacity-60" : undefined}>
                <TableCell>
                  <div className="font-medium" translate="no">
                    {user.name}
                  </div>
                  <div className="text-xs text-muted-foreground" translate="no">
                    {user.email}
                  </div>
                </TableCell>
                <TableCell>
                  <div className="flex flex-wrap gap-1">
                    {user.roles.map((r) => (
                      <Badge key={r} variant="secondary">
                        {shell(`roles.${r}`)}
                      </Badge>
                    ))}
                    {user.disabled ? <Badge variant="destructive">{t("disabled")}</Badge> : null}
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
                <TableCell className="text-sm">{t(`signInKind.${user.source === "oidc" ? "oidc" : user.hasPassword ? "password" : "ssoOnly"}`)}</TableCell>
                <TableCell>
                  <RelativeTime value={user.lastLoginAt} fallback={t("never")} className="text-sm" />
                </TableCell>
                <TableCell>
                  <div className="flex justify-end gap-1">
                    <Button variant="ghost" size="icon-sm" aria-label={t("editUser", { email: user.email })} onClick={() => setDialog({ kind: "edit", user })}>
                      <Pencil aria-hidden />
                    </Button>
                    {user.source === "local" ? (
                      <Button variant="ghost" size="icon-sm" aria-label={t("resetPasswordOf", { email: user.email })} onClick={() => setDialog({ kind: "reset", user })}>
                        <KeyRound aria-hidden />
                      </Button>
                    ) : null}
                    {user.id !== currentUserId ? (
                      <Button
                        variant="ghost"
                        size="icon-sm"
                        aria-label={t(user.disabled ? "enableUser" : "disableUser", { email: user.email })}
                        onClick={() => setDialog({ kind: "toggle", user })}
                      >
                        {user.disabled ? <UserCheck aria-hidden /> : <UserX aria-hidden />}
                      </Button>
                    ) : null}
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>

      {dialog ? (
        <Suspense fallback={null}>
          <UserDialogs dialog={dialog} onChange={setDialog} />
        </Suspense>
      ) : null}
    </>
  );
}
