"use client";

import { useQuery } from "@tanstack/react-query";
import { Undo2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { newIdempotencyKey } from "@/components/idempotency-key";
import { QueryError } from "@/components/query-error";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { useDescribeFailure } from "@/lib/actions/form-errors";
import type { HistoryItemDto } from "@/lib/access-control/history";
import type { ProxyRowDto } from "@/lib/access-control/read";
import { restoreAccessControlAction } from "./actions";
import { historyQuery } from "./queries";
import { RulesDiff } from "./rules/rules-diff";
import { withRulesMessages } from "./rules-messages";
import type { AcRow } from "./rows";

const STATUS_BADGE = { succeeded: "success", failed: "destructive", unknown: "warning", pending: "outline", retrying: "outline", detected: "warning" } as const;

function HistoryDialogInner({ row, onClose, onChanged }: { row: AcRow; onClose: () => void; onChanged: (answer: ProxyRowDto | null, words: string) => void }) {
  const t = useTranslations("AccessControl.history");
  const proxy = row.proxyName || row.proxyId;
  const history = useQuery(historyQuery(row));
  const [putBack, setPutBack] = useState<HistoryItemDto | null>(null);

  const what = (item: HistoryItemDto) =>
    item.kind === "drift" ? t("drift") : item.kind === "switch" ? (item.open ? t("switchOn") : t("switchOff")) : t("rules", { type: item.type ?? "white", count: item.count ?? 0 });

  return (
    <>
      <Dialog open={!putBack} onOpenChange={(open) => !open && onClose()}>
        <DialogContent className="max-w-2xl">
          <DialogHeader>
            <DialogTitle>{t("title", { proxy })}</DialogTitle>
            <DialogDescription>{t("description")}</DialogDescription>
          </DialogHeader>
          {history.isPending ? (
            <Skeleton className="h-32" />
          ) : history.isError ? (
            <QueryError error={history.error} title={t("title", { proxy })} onRetry={() => void history.refetch()} />
          ) : history.data.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("empty")}</p>
          ) : (
            <ol className="grid max-h-[60vh] gap-2 overflow-auto text-sm" data-testid="ac-history">
              {history.data.map((item) => (
                <li key={item.id} className="grid gap-1 rounded-md border p-2" data-kind={item.kind} data-status={item.status}>
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{what(item)}</span>
                    {item.restoreOf ? <Badge variant="outline">{t("putBackOf")}</Badge> : null}
                    <Badge variant={STATUS_BADGE[item.status as keyof typeof STATUS_BADGE] ?? "outline"}>{item.status in STATUS_BADGE ? t(`status.${item.status as keyof typeof STATUS_BADGE}`) : item.status}</Badge>
                    <RelativeTime value={item.at} className="text-xs text-muted-foreground" />
                  </div>
                  <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
                    <span>
                      {item.actorEmail ? (
                        <span translate="no">{t("by", { actor: item.actorEmail })}</span>
                      ) : (
                        t("byNobody")
                      )}
                      {item.requestId ? <span className="ml-2 font-mono">{t("requestId", { id: item.requestId })}</span> : null}
                      {item.error ? <span className="ml-2 text-destructive">{item.error}</span> : null}
                    </span>
                    {item.canPutBack && row.canEditRules ? (
                      <Button size="sm" variant="outline" onClick={() => setPutBack(item)} aria-label={t("putBackLabel", { at: new Date(item.at).toLocaleString() })}>
                        <Undo2 aria-hidden /> {t("putBack")}
                      </Button>
                    ) : null}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </DialogContent>
      </Dialog>
      {putBack ? <PutBackDialog row={row} item={putBack} onClose={() => setPutBack(null)} onDone={(answer, words) => (onChanged(answer, words), onClose())} /> : null}
    </>
  );
}

/** The same confirmation and diff as an edit: what the proxy has now → what it had before the change. */
function PutBackDialog({ row, item, onClose, onDone }: { row: AcRow; item: HistoryItemDto; onClose: () => void; onDone: (answer: ProxyRowDto | null, words: string) => void }) {
  const t = useTranslations("AccessControl.putBack");
  const tSwitch = useTranslations("AccessControl.switch");
  const describeFailure = useDescribeFailure();
  const [key, setKey] = useState(() => newIdempotencyKey());
  const [confirmed, setConfirmed] = useState(false);
  const proxy = row.proxyName || row.proxyId;
  const now = row.state!;
  const goal = item.before!;
  const shutsOut = goal.open && goal.type === "white" && goal.ipList.length === 0;
  const sameRules = now.type === goal.type && JSON.stringify(now.ipList) === JSON.stringify(goal.ipList);
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      variant="default"
      title={t("title", { proxy })}
      description={<p data-testid="put-back-switch">{now.open !== goal.open ? t("switchLine", { from: String(now.open), to: String(goal.open) }) : t("switchSame", { to: String(goal.open) })}</p>}
      confirmLabel={t("confirm")}
      onConfirm={async () => {
        if (shutsOut && !confirmed) return { error: tSwitch("emptyWhitelist", { proxy }) };
        const result = await restoreAccessControlAction({
          accountId: row.accountId,
          projectId: row.projectId,
          instanceId: row.instanceId,
          proxyId: row.proxyId,
          operationId: item.id,
          idempotencyKey: key,
          confirmEmptyWhitelist: confirmed,
        });
        if (!result.ok) {
          if (result.code !== "OUTCOME_UNKNOWN" && result.code !== "IN_PROGRESS") setKey(newIdempotencyKey());
          return { error: describeFailure(result) };
        }
        onDone(result.data.row, t("done", { proxy }));
      }}
    >
      {sameRules ? <p className="text-sm text-muted-foreground">{t("rulesSame")}</p> : <RulesDiff before={{ type: now.type, ipList: now.ipList }} after={{ type: goal.type, ipList: goal.ipList }} />}
      {shutsOut ? (
        <div className="grid gap-2 rounded-md border border-destructive/50 p-2 text-sm text-destructive">
          <p>{tSwitch("emptyWhitelist", { proxy })}</p>
          <Label className="flex items-center gap-2 font-normal">
            <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} data-testid="confirm-empty-whitelist" />
            {tSwitch("confirmEmpty")}
          </Label>
        </div>
      ) : null}
    </ConfirmDialog>
  );
}

export const HistoryDialog = withRulesMessages(HistoryDialogInner);
