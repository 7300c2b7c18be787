"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { useDescribeFailure } from "@/lib/actions/form-errors";
import type { ProxyDto } from "@/lib/dal/proxy-accesses";
import { REASON_MAX } from "@/lib/validation/proxy-accesses";
import type { AccessRow } from "./access-filters";
import { revokeProxyAccessesAction } from "./actions";
import { newIdempotencyKey } from "@/components/idempotency-key";

const NAMED = 12;

/** Names who loses access to what before anything is revoked; each access is revoked and audited on its own. */
export function RevokeDialog(props: {
  account: string;
  tenant: string;
  proxy: ProxyDto | null;
  proxyId: string;
  rows: AccessRow[];
  onClose: () => void;
  onRevoked: (ids: Set<string>, names: string[]) => void;
}) {
  const { proxy } = props;
  // After a partial failure only the failed accesses remain, under a fresh key, for another try.
  const [rows, setRows] = useState(props.rows);
  const [key, setKey] = useState(() => newIdempotencyKey());
  const [reason, setReason] = useState("");
  const t = useTranslations("ProxyAccesses.revoke");
  const describeFailure = useDescribeFailure();
  const format = useFormatter();
  const nameOf = (r: AccessRow) => r.userName || t("nameFallback", { userId: r.userId });
  const names = rows.map(nameOf);
  // Up to NAMED people by name ("Ann, Bo and Cy"), then how many more.
  const who = names.length <= NAMED ? format.list(names) : t("more", { names: names.slice(0, NAMED).join(", "), count: names.length - NAMED });
  const instance = proxy?.instanceName
    ? t("instanceNamed", { name: proxy.instanceName, instanceId: proxy.instanceId })
    : t("instance", { instanceId: rows[0]?.instanceId ?? proxy?.instanceId ?? "" });
  const title = rows.length === 1 ? t("titleOne", { name: nameOf(rows[0]!) }) : t("titleMany", { count: rows.length });
  const failureText = (f: { userName: string; message?: string | null; code?: string | null; requestId?: string | null }) => {
    const words = { name: f.userName, message: f.message ?? t("failed"), code: f.code ?? "", requestId: f.requestId ?? "" };
    return !f.code ? t("failedItem", words) : f.requestId ? t("failedItemRequest", words) : t("failedItemCode", words);
  };

  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && props.onClose()}
      title={title}
      description={
        <p data-testid="revoke-description">
          {t(rows.length === 1 ? "descriptionOne" : "descriptionMany", { who, instance, proxyId: props.proxyId })}
        </p>
      }
      confirmLabel={rows.length === 1 ? t("confirmOne") : t("confirmMany", { count: rows.length })}
      onConfirm={async () => {
        const result = await revokeProxyAccessesAction({
          accountId: props.account,
          tenantId: props.tenant,
          proxyId: props.proxyId,
          proxyAccessIds: rows.map((r) => r.id),
          reason: reason || undefined,
          idempotencyKey: key,
        });
        if (!result.ok) return { error: describeFailure(result) };
        const done = result.data.filter((r) => r.ok);
        props.onRevoked(new Set(done.map((r) => r.proxyAccessId)), done.map((r) => r.userName));
        const failed = result.data.filter((r) => !r.ok);
        if (failed.length === 0) return;
        const failedIds = new Set(failed.map((f) => f.proxyAccessId));
        setRows((current) => current.filter((r) => failedIds.has(r.id)));
        setKey(newIdempotencyKey());
        return { error: failed.map(failureText).join(" · ") };
      }}
    >
      <div className="grid gap-1.5">
        <Label htmlFor="revoke-reason">{t("reason")}</Label>
        <Textarea id="revoke-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} rows={2} maxLength={REASON_MAX} />
      </div>
    </ConfirmDialog>
  );
}
