"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { newIdempotencyKey } from "@/components/idempotency-key";
import type { ProxyRowDto } from "@/lib/access-control/read";
import { setAccessControlRulesAction } from "./actions";
import { EditRulesDialog } from "./rules/rules-editor-dialog";
import { withRulesMessages } from "./rules-messages";
import type { AcRow } from "./rows";

/** The rules editor bound to one proxy: the proxy and a key per submission attempt are added here. */
function RulesDialogInner({ row, onClose, onChanged }: { row: AcRow; onClose: () => void; onChanged: (answer: ProxyRowDto | null, words: string) => void }) {
  const t = useTranslations("AccessControl.rules");
  const [key, setKey] = useState(() => newIdempotencyKey());
  const proxy = row.proxyName || row.proxyId;
  // A ref: onApplied runs right after submit resolves, before a state update would be seen.
  const answer = useRef<{ row: ProxyRowDto | null; unchanged: boolean; count: number } | null>(null);
  return (
    <EditRulesDialog
      open
      onOpenChange={(open) => !open && onClose()}
      proxyName={proxy}
      current={row.state!}
      submit={async (values) => {
        const result = await setAccessControlRulesAction({ accountId: row.accountId, projectId: row.projectId, instanceId: row.instanceId, proxyId: row.proxyId, ...values, idempotencyKey: key });
        // A definite refusal leaves nothing behind: the next try is a new change.
        if (!result.ok && result.code !== "OUTCOME_UNKNOWN" && result.code !== "IN_PROGRESS") setKey(newIdempotencyKey());
        if (result.ok) answer.current = { row: result.data.row, unchanged: result.data.unchanged, count: values.ipList.length };
        return result;
      }}
      onApplied={() => {
        const a = answer.current;
        onChanged(a?.row ?? null, a?.unchanged ? t("unchanged", { proxy }) : t("done", { proxy, count: a?.count ?? 0 }));
        onClose();
      }}
    />
  );
}

export const RulesDialog = withRulesMessages(RulesDialogInner);
