"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { newIdempotencyKey } from "@/components/idempotency-key";
import { Alert } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { useDescribeFailure } from "@/lib/actions/form-errors";
import type { ProxyRowDto } from "@/lib/access-control/read";
import { switchAccessControlAction } from "./actions";
import { patchRow } from "./access-control-view";
import type { AcRow } from "./rows";

const SHOWN_RULES = 20;

/**
 * Says in plain words what the switch changes for this proxy: off lets every source in; on makes
 * only the current rules apply, and an empty whitelist (nobody may connect) is asked about twice.
 * The row shows the new state at once; a refusal puts the real state back.
 */
export function SwitchDialog({ row, onClose, onChanged, onFailed }: { row: AcRow; onClose: () => void; onChanged: (answer: ProxyRowDto | null, words: string) => void; onFailed: () => void }) {
  const t = useTranslations("AccessControl.switch");
  const tc = useTranslations("AccessControl.columns");
  const client = useQueryClient();
  const describeFailure = useDescribeFailure();
  const [key] = useState(() => newIdempotencyKey());
  const [confirmed, setConfirmed] = useState(false);
  const state = row.state!;
  const turnOn = !state.open;
  const proxy = row.proxyName || row.proxyId;
  // Also set when the server read the proxy fresh and found its whitelist empty (changed since the list was read).
  const [serverSaysEmpty, setServerSaysEmpty] = useState(false);
  const shutsOut = serverSaysEmpty || (turnOn && state.type === "white" && state.ipList.length === 0);

  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      variant={turnOn ? "default" : "destructive"}
      title={turnOn ? t("titleOn", { proxy }) : t("titleOff", { proxy })}
      description={<p data-testid="switch-description">{turnOn ? (state.ipList.length || state.type === "white" ? t("onRules", { type: state.type }) : t("onNoRules")) : row.loadBalanced ? t("offLoadBalanced", { proxy }) : t("offDirect", { proxy })}</p>}
      confirmLabel={turnOn ? t("confirmOn") : t("confirmOff")}
      onConfirm={async () => {
        if (shutsOut && !confirmed) return { error: t("emptyWhitelist", { proxy }) };
        // Shown at once; the answer (or the source read again after a refusal) replaces it.
        patchRow(client, { ...row, state: { ...state, open: turnOn }, exposure: turnOn ? (state.type === "black" && !state.ipList.length ? "emptyBlacklist" : null) : "off", pending: true });
        const result = await switchAccessControlAction({
          accountId: row.accountId,
          projectId: row.projectId,
          instanceId: row.instanceId,
          proxyId: row.proxyId,
          open: turnOn,
          idempotencyKey: key,
          confirmEmptyWhitelist: confirmed,
        });
        if (!result.ok) {
          patchRow(client, row);
          if (result.code === "CONFIRMATION_REQUIRED") {
            setServerSaysEmpty(true);
            return { error: t("emptyWhitelist", { proxy }) };
          }
          onFailed();
          return { error: `${describeFailure(result)} ${t("failed")}` };
        }
        onChanged(result.data.row, result.data.unchanged ? t("unchanged", { proxy, open: String(turnOn) }) : t("done", { proxy, open: String(turnOn) }));
      }}
    >
      {turnOn && state.ipList.length ? (
        <ul className="max-h-48 overflow-auto rounded-md border p-2 font-mono text-xs" translate="no" data-testid="switch-rules">
          {state.ipList.slice(0, SHOWN_RULES).map((e) => (
            <li key={e.ip}>
              {e.ip}
              {e.description ? <span className="text-muted-foreground"> · {e.description}</span> : null}
            </li>
          ))}
          {state.ipList.length > SHOWN_RULES ? <li className="text-muted-foreground">… {tc("ruleCount", { count: state.ipList.length })}</li> : null}
        </ul>
      ) : null}
      {shutsOut ? (
        <Alert variant="destructive" className="grid gap-2">
          <p>{t("emptyWhitelist", { proxy })}</p>
          <Label className="flex items-center gap-2 font-normal">
            <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} data-testid="confirm-empty-whitelist" />
            {t("confirmEmpty")}
          </Label>
        </Alert>
      ) : null}
    </ConfirmDialog>
  );
}
