"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDeferredValue, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import type { DmsUserDto } from "@/lib/dal/proxy-accesses";
import { normalise } from "./access-filters";
import { dmsUsersQuery } from "./queries";
import { QueryError } from "@/components/query-error";

const SHOWN = 60;

export function useDmsUsers(account: string, tenant: string) {
  return useQuery(dmsUsersQuery(account, tenant));
}

function UserLine({ user, hasAccess }: { user: DmsUserDto; hasAccess: boolean }) {
  const t = useTranslations("ProxyAccesses.users");
  return (
    <span className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-0.5">
      <span className="font-medium" translate={user.name ? "no" : undefined}>
        {user.name || t("fallbackName", { userId: user.userId })}
      </span>
      <span className="font-mono text-xs text-muted-foreground">{t("ids", { uid: user.uid || "—", userId: user.userId })}</span>
      {user.state === "DISABLE" ? <Badge variant="destructive">{t("disabled")}</Badge> : null}
      {hasAccess ? <Badge variant="secondary">{t("hasAccess")}</Badge> : null}
    </span>
  );
}

/**
 * A searchable list over every DMS user of the tenant (all ListUsers pages, loaded once and
 * filtered here). Single mode renders radios, multiple mode checkboxes; disabled users are marked.
 */
export function UserPicker(props: {
  account: string;
  tenant: string;
  /** Users who already hold access through the proxy. */
  withAccess: ReadonlySet<string>;
  mode: "single" | "multiple";
  value: readonly string[];
  onChange: (userIds: string[]) => void;
  name: string;
  describedBy?: string;
  invalid?: boolean;
}) {
  const users = useDmsUsers(props.account, props.tenant);
  const t = useTranslations("ProxyAccesses");
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search);
  const matches = useMemo(() => {
    const terms = normalise(deferred).split(/\s+/).filter(Boolean);
    const all = users.data ?? [];
    return terms.length ? all.filter((u) => terms.every((t) => normalise(`${u.name} ${u.uid} ${u.userId} ${u.email}`).includes(t))) : all;
  }, [users.data, deferred]);
  const chosen = new Set(props.value);

  if (users.isError) return <QueryError error={users.error} title={t("loadError.users")} onRetry={() => void users.refetch()} />;

  const toggle = (userId: string, on: boolean) => {
    if (props.mode === "single") props.onChange(on ? [userId] : []);
    else props.onChange(on ? [...new Set([...props.value, userId])] : props.value.filter((id) => id !== userId));
  };
  const shown = matches.slice(0, SHOWN);
  return (
    <div className="grid gap-2">
      <Label htmlFor={`${props.name}-search`}>{t("users.find")}</Label>
      <Input
        id={`${props.name}-search`}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        placeholder={t("users.placeholder")}
        autoComplete="off"
        spellCheck={false}
      />
      <fieldset
        className="max-h-64 overflow-y-auto rounded-md border"
        aria-busy={users.isPending || undefined}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid || undefined}
      >
        <legend className="sr-only">{props.mode === "single" ? t("users.legendOne") : t("users.legendMany")}</legend>
        {users.isPending ? (
          <p className="flex items-center gap-2 p-3 text-sm text-muted-foreground">
            <Spinner label={null} /> {t("users.loading")}
          </p>
        ) : shown.length === 0 ? (
          <p className="p-3 text-sm text-muted-foreground">{t("users.none")}</p>
        ) : (
          <ul className="divide-y">
            {shown.map((u) => (
              <li key={u.userId}>
                <label className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-muted/50 has-checked:bg-primary/6">
                  <input
                    type={props.mode === "single" ? "radio" : "checkbox"}
                    name={props.name}
                    value={u.userId}
                    checked={chosen.has(u.userId)}
                    onChange={(e) => toggle(u.userId, e.currentTarget.checked)}
                    className="size-4 accent-primary"
                  />
                  <UserLine user={u} hasAccess={props.withAccess.has(u.userId)} />
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      {matches.length > SHOWN ? (
        <p className="text-xs text-muted-foreground">{t("users.more", { shown: SHOWN, total: matches.length })}</p>
      ) : null}
    </div>
  );
}
