"use client";

import { KeyRound, Pencil, Plus, UserCheck, UserX } from "lucide-react";
import { lazy, Suspense, useState } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { UserDto } from "@/lib/dal/users";
import type { UserDialog } from "./user-dialogs";

const UserDialogs = lazy(() => import("./user-dialogs"));

export function UsersTable({ users, currentUserId }: { users: UserDto[]; currentUserId: string }) {
  const [dialog, setDialog] = useState<UserDialog | null>(null);

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
                      <Button variant="ghost" size="icon-sm" aria-label={`Reset password of ${user.email}`} onClick={() => setDialog({ kind: "reset", user })}>
                        <KeyRound aria-hidden />
                      </Button>
                    ) : null}
                    {user.id !== currentUserId ? (
                      <Button
                        variant="ghost"
                        size="icon-sm"
                        aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
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
