"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { useDescribeFailure } from "@/lib/actions/form-errors";
import type { ProxyDto } from "@/lib/dal/proxy-accesses";
import { bulkGrantInput, REASON_MAX } from "@/lib/validation/proxy-accesses";
import type { AccessRow } from "./access-filters";
import { startBulkGrantAction } from "./actions";
import { UserPicker, useDmsUsers } from "./user-picker";
import { newIdempotencyKey } from "@/components/idempotency-key";
import { useErrorMap } from "@/lib/i18n/use-error-map";

type Errors = Partial<Record<"userIds" | "reason" | "form", string>>;

function NameList({ title, names, testId }: { title: string; names: string[]; testId: string }) {
  const t = useTranslations("ProxyAccesses.bulk");
  return (
    <section className="grid gap-1.5" data-testid={testId}>
      <h3 className="text-sm font-medium">{t("listTitle", { title, count: names.length })}</h3>
      {names.length ? (
        <ul className="max-h-40 overflow-y-auto rounded-md border px-3 py-2 text-sm">
          {names.map((n, i) => (
            <li key={`${n}-${i}`}>{n}</li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">{t("nobody")}</p>
      )}
    </section>
  );
}

/**
 * Many users, one proxy: choose, preview (who already has access, who will be granted), start.
 * The job then runs on the server; the page follows it by its id in the URL.
 */
export function BulkGrantDialog(props: {
  account: string;
  tenant: string;
  proxy: ProxyDto | null;
  proxyId: string;
  accesses: readonly AccessRow[];
  onClose: () => void;
  onStarted: (jobId: string) => void;
}) {
  const [key] = useState(() => newIdempotencyKey());
  const errorMap = useErrorMap();
  const t = useTranslations("ProxyAccesses.bulk");
  const describeFailure = useDescribeFailure();
  const [step, setStep] = useState<"choose" | "preview">("choose");
  const [userIds, setUserIds] = useState<string[]>([]);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const users = useDmsUsers(props.account, props.tenant);
  const withAccess = useMemo(() => new Set(props.accesses.map((a) => a.userId)), [props.accesses]);
  const byId = useMemo(() => new Map((users.data ?? []).map((u) => [u.userId, u])), [users.data]);
  const nameOf = (id: string) => {
    const u = byId.get(id);
    if (!u) return t("userFallback", { userId: id });
    const words = { name: u.name || t("userFallback", { userId: id }), uid: u.uid, userId: id };
    return u.state === "DISABLE" ? t("userDisabled", words) : t("userName", words);
  };

  const input = { accountId: props.account, tenantId: props.tenant, proxyId: props.proxyId, userIds, reason, idempotencyKey: key };
  function preview() {
    const parsed = bulkGrantInput.safeParse(input, { error: errorMap });
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === "userIds" ? "userIds" : issue.path[0] === "reason" ? "reason" : "form";
        next[field] ??= issue.message;
      }
      return setErrors(next);
    }
    setErrors({});
    setStep("preview");
  }

  async function start() {
    setPending(true);
    const result = await startBulkGrantAction(input);
    setPending(false);
    if (result.ok) return props.onStarted(result.data.jobId);
    setErrors({ userIds: result.fieldErrors?.userIds?.join(" "), reason: result.fieldErrors?.reason?.join(" "), form: describeFailure(result) });
    setStep("choose");
  }

  const target = props.proxy?.instanceName
    ? t("targetInstance", { name: props.proxy.instanceName, instanceId: props.proxy.instanceId })
    : t("targetProxy", { proxyId: props.proxyId });
  return (
    <Dialog open onOpenChange={(open) => !open && !pending && props.onClose()}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t("title", { proxyId: props.proxyId })}</DialogTitle>
          <DialogDescription>{t("description", { target })}</DialogDescription>
        </DialogHeader>
        {step === "choose" ? (
          <div className="grid gap-4">
            <div className="grid gap-1.5">
              <UserPicker
                account={props.account}
                tenant={props.tenant}
                withAccess={withAccess}
                mode="multiple"
                name="bulk-users"
                value={userIds}
                onChange={setUserIds}
                invalid={Boolean(errors.userIds)}
                describedBy={errors.userIds ? "bulk-users-error" : undefined}
              />
              <p className="text-sm" aria-live="polite" data-testid="bulk-selected-count">
                {t("selectedCount", { count: userIds.length })}
              </p>
              {errors.userIds ? (
                <p id="bulk-users-error" className="text-xs font-medium text-destructive">
                  {errors.userIds}
                </p>
              ) : null}
            </div>
            <Field label={t("reason")} required error={errors.reason} description={t("reasonHelp")}>
              {(c) => <Textarea {...c} value={reason} onChange={(e) => setReason(e.currentTarget.value)} rows={3} maxLength={REASON_MAX + 50} />}
            </Field>
            <FormError error={errors.form} />
            <div className="flex justify-end gap-2">
              <Button variant="ghost" onClick={props.onClose}>
                {t("cancel")}
              </Button>
              <Button onClick={preview}>{t("preview")}</Button>
            </div>
          </div>
        ) : (
          <div className="grid gap-4">
            <NameList title={t("willGrant")} names={userIds.filter((id) => !withAccess.has(id)).map(nameOf)} testId="bulk-will-grant" />
            <NameList title={t("already")} names={userIds.filter((id) => withAccess.has(id)).map(nameOf)} testId="bulk-already" />
            <div className="flex justify-end gap-2">
              <Button variant="ghost" onClick={() => setStep("choose")} disabled={pending}>
                {t("back")}
              </Button>
              <Button onClick={() => void start()} disabled={pending}>
                {pending ? t("starting") : t("start", { count: userIds.length })}
              </Button>
            </div>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
