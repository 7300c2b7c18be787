"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useController, useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { PasswordField } from "@/components/password-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { applyActionErrors, useDescribeFailure } from "@/lib/actions/form-errors";
import type { ProxyAccessDto, ProxyDto } from "@/lib/dal/proxy-accesses";
import { grantProxyAccessInput, REASON_MAX } from "@/lib/validation/proxy-accesses";
import type { AccessRow } from "./access-filters";
import { grantProxyAccessAction } from "./actions";
import { useProxyLabel } from "./scope-pickers";
import { UserPicker, useDmsUsers } from "./user-picker";
import { newIdempotencyKey } from "@/components/idempotency-key";
import { useErrorMap } from "@/lib/i18n/use-error-map";

type Input = z.input<typeof grantProxyAccessInput>;
type Output = z.output<typeof grantProxyAccessInput>;
const FIELDS = ["proxyId", "userId", "indepAccount", "indepPassword", "reason"] as const;
// The first submission's result is kept under its key; these answers mean it may still land.
const KEEP_KEY_CODES = new Set(["OUTCOME_UNKNOWN", "IN_PROGRESS"]);

export interface GrantDialogProps {
  account: string;
  tenant: string;
  proxy: string;
  /** Proxies the viewer may grant on. */
  proxies: ProxyDto[];
  accesses: readonly AccessRow[];
  onClose: () => void;
  onGranted: (access: ProxyAccessDto | null, proxyAccessId: string, userName: string, proxyId: string) => void;
}

/** Grants one DMS user access through a proxy; the server re-checks everything, including duplicates. */
export function GrantDialog({ account, tenant, proxy, proxies, accesses, onClose, onGranted }: GrantDialogProps) {
  const [key] = useState(() => newIdempotencyKey());
  const errorMap = useErrorMap();
  const t = useTranslations("ProxyAccesses.grant");
  const describeFailure = useDescribeFailure();
  const proxyLabel = useProxyLabel();
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(grantProxyAccessInput, { error: errorMap }),
    defaultValues: { accountId: account, tenantId: tenant, proxyId: proxy, userId: "", indepAccount: "", indepPassword: "", reason: "", idempotencyKey: key },
  });
  const { register, handleSubmit, control, formState, setValue, setError } = form;
  const [indep, setIndep] = useState(false);
  const userField = useController({ control, name: "userId" });
  const proxyId = useWatch({ control, name: "proxyId" });
  const users = useDmsUsers(account, tenant);
  const withAccess = useMemo(() => (proxyId === proxy ? new Set(accesses.map((a) => a.userId)) : new Set<string>()), [accesses, proxyId, proxy]);
  const chosen = users.data?.find((u) => u.userId === userField.field.value);

  const submit = handleSubmit(async (values) => {
    const result = await grantProxyAccessAction(values);
    if (result.ok) {
      onGranted(result.data.access, result.data.proxyAccessId, result.data.userName, values.proxyId);
      onClose();
      return;
    }
    // A definite refusal frees the form for a corrected attempt under a new key.
    if (!KEEP_KEY_CODES.has(result.code ?? "")) setValue("idempotencyKey", newIdempotencyKey());
    applyActionErrors(setError, result, FIELDS, describeFailure);
  });

  const pending = formState.isSubmitting;
  return (
    <Dialog open onOpenChange={(open) => !open && !pending && onClose()}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t("description")}</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4" noValidate>
          <Field label={t("proxy")} required error={formState.errors.proxyId}>
            {(c) => (
              <Select {...c} {...register("proxyId")}>
                {proxies.map((p) => (
                  <option key={p.proxyId} value={p.proxyId}>
                    {proxyLabel(p)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <div className="grid gap-1.5">
            <UserPicker
              account={account}
              tenant={tenant}
              withAccess={withAccess}
              mode="single"
              name="grant-user"
              value={userField.field.value ? [userField.field.value] : []}
              onChange={(ids) => userField.field.onChange(ids[0] ?? "")}
              describedBy={formState.errors.userId ? "grant-user-error" : undefined}
              invalid={Boolean(formState.errors.userId)}
            />
            {chosen ? (
              <p className="text-sm" data-testid="chosen-user">
                {t.rich("selected", {
                  name: chosen.name,
                  uid: chosen.uid,
                  userId: chosen.userId,
                  strong: (chunks) => (
                    <span className="font-medium" translate="no">
                      {chunks}
                    </span>
                  ),
                  muted: (chunks) => <span className="font-mono text-xs text-muted-foreground">{chunks}</span>,
                })}
              </p>
            ) : null}
            {chosen?.state === "DISABLE" ? (
              <Alert variant="warning">{t("disabledUser")}</Alert>
            ) : null}
            {formState.errors.userId ? (
              <p id="grant-user-error" className="text-xs font-medium text-destructive">
                {formState.errors.userId.message}
              </p>
            ) : null}
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-primary"
              checked={indep}
              onChange={(e) => {
                setIndep(e.currentTarget.checked);
                if (!e.currentTarget.checked) {
                  setValue("indepAccount", "");
                  setValue("indepPassword", "");
                }
              }}
            />
            {t("indep")}
          </label>
          {indep ? (
            <div className="grid gap-4 rounded-md border p-3">
              <Field label={t("account")} required error={formState.errors.indepAccount} description={t("accountHelp")}>
                {(c) => <Input {...c} {...register("indepAccount")} autoComplete="off" spellCheck={false} />}
              </Field>
              <PasswordField control={control} name="indepPassword" label={t("password")} required />
            </div>
          ) : null}
          <Field label={t("reason")} required error={formState.errors.reason} description={t("reasonHelp", { max: REASON_MAX })}>
            {(c) => <Textarea {...c} {...register("reason")} rows={3} maxLength={REASON_MAX + 50} />}
          </Field>
          <FormError error={formState.errors.root?.serverError} />
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={onClose} disabled={pending}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? t("submitting") : t("submit")}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
