"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { describeFailureText } from "@/lib/actions/form-errors";
import type { ProxyDto } from "@/lib/dal/proxy-accesses";
import { REASON_MAX } from "@/lib/validation/proxy-accesses";
import type { AccessRow } from "./access-filters";
import { revokeProxyAccessesAction } from "./actions";
import { newIdempotencyKey } from "./client-key";

const NAMED = 12;

function who(rows: readonly AccessRow[]): string {
  const names = rows.map((r) => r.userName || `user ${r.userId}`);
  if (names.length <= NAMED) return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
  return `${names.slice(0, NAMED).join(", ")} and ${names.length - NAMED} more`;
}

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
  const instance = proxy?.instanceName ? `${proxy.instanceName} (instance ${proxy.instanceId})` : `instance ${rows[0]?.instanceId ?? proxy?.instanceId ?? ""}`;
  const title = rows.length === 1 ? `Revoke ${rows[0]!.userName || `user ${rows[0]!.userId}`}'s access?` : `Revoke ${rows.length} accesses?`;

  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && props.onClose()}
      title={title}
      description={
        <p data-testid="revoke-description">
          {who(rows)} {rows.length === 1 ? "loses" : "lose"} access to {instance} through proxy {props.proxyId} at once. Reconnecting needs a new grant.
        </p>
      }
      confirmLabel={rows.length === 1 ? "Revoke access" : `Revoke ${rows.length} accesses`}
      onConfirm={async () => {
        const result = await revokeProxyAccessesAction({
          accountId: props.account,
          tenantId: props.tenant,
          proxyId: props.proxyId,
          proxyAccessIds: rows.map((r) => r.id),
          reason: reason || undefined,
          idempotencyKey: key,
        });
        if (!result.ok) return { error: describeFailureText(result) };
        const done = result.data.filter((r) => r.ok);
        props.onRevoked(new Set(done.map((r) => r.proxyAccessId)), done.map((r) => r.userName));
        const failed = result.data.filter((r) => !r.ok);
        if (failed.length === 0) return;
        const failedIds = new Set(failed.map((f) => f.proxyAccessId));
        setRows((current) => current.filter((r) => failedIds.has(r.id)));
        setKey(newIdempotencyKey());
        return {
          error: failed
            .map((f) => `${f.userName}: ${f.message ?? "failed"}${f.code ? ` (code ${f.code}${f.requestId ? `, request id ${f.requestId}` : ""})` : ""}`)
            .join(" · "),
        };
      }}
    >
      <div className="grid gap-1.5">
        <Label htmlFor="revoke-reason">Reason (optional, kept in the audit log)</Label>
        <Textarea id="revoke-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} rows={2} maxLength={REASON_MAX} />
      </div>
    </ConfirmDialog>
  );
}
