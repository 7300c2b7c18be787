"use client";

import { useTranslations } from "next-intl";
import { useId, type ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import type { RulesState } from "@/lib/access-control/rules";
import { RulesDiff } from "./rules-diff";

export interface RulesReviewProps {
  proxyName: string;
  /** Whether access control is on now. */
  accessOn: boolean;
  before: RulesState;
  after: RulesState;
  /** Set when saving leaves access control on with an empty whitelist. */
  needsConfirm: boolean;
  confirm: UseFormRegisterReturn<"confirmEmptyWhitelist">;
  confirmError?: string;
}

/** The second step: the change itself, and the one outcome that needs an explicit yes. */
export function RulesReview({ proxyName, accessOn, before, after, needsConfirm, confirm, confirmError }: RulesReviewProps) {
  const t = useTranslations("AccessControlRules.editor");
  const confirmId = useId();
  const proxy = (chunks: ReactNode) => (
    <span translate="no" className="font-medium text-foreground">
      {chunks}
    </span>
  );
  return (
    <div className="grid gap-3">
      <RulesDiff before={before} after={after} />
      {!accessOn ? <Alert variant="info">{t("accessOff")}</Alert> : null}
      {needsConfirm ? (
        <Alert variant="destructive" title={t("emptyWhitelistTitle")}>
          <p>{t.rich("emptyWhitelist", { name: proxyName, proxy })}</p>
          <div className="mt-2 grid gap-1">
            <label htmlFor={confirmId} className="flex items-start gap-2 font-medium text-foreground">
              <Checkbox
                id={confirmId}
                {...confirm}
                className="mt-0.5"
                aria-invalid={confirmError ? true : undefined}
                aria-describedby={confirmError ? `${confirmId}-error` : undefined}
              />
              {t("confirmEmpty")}
            </label>
            {confirmError ? (
              <p id={`${confirmId}-error`} className="text-xs font-medium text-destructive">
                {confirmError}
              </p>
            ) : null}
          </div>
        </Alert>
      ) : null}
    </div>
  );
}
