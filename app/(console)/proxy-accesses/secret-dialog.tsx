"use client";

import { Eye } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { ErrorState } from "@/components/error-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import type { ActionFailure } from "@/lib/actions/result";
import type { AccessRow } from "./access-filters";
import { revealProxyAccessSecretAction } from "./actions";

export const SECRET_VISIBLE_SECONDS = 30;

/**
 * Shows an access's proxy password once, after a deliberate click. It lives only in this
 * component's state (never in the query cache or storage), and is dropped after 30 seconds or
 * when the dialog closes. The server audits the reveal, never the secret.
 */
export function SecretDialog(props: { account: string; tenant: string; proxyId: string; row: AccessRow; onClose: () => void }) {
  const { row } = props;
  const t = useTranslations("ProxyAccesses.secret");
  const [shown, setShown] = useState<{ secret: string; until: number } | null>(null);
  const [now, setNow] = useState(0);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [hidden, setHidden] = useState(false);

  useEffect(() => {
    if (!shown) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const hide = setTimeout(() => {
      setShown(null);
      setHidden(true);
    }, shown.until - Date.now());
    return () => {
      clearInterval(tick);
      clearTimeout(hide);
    };
  }, [shown]);

  async function reveal() {
    setPending(true);
    setFailure(null);
    setHidden(false);
    const result = await revealProxyAccessSecretAction({ accountId: props.account, tenantId: props.tenant, proxyId: props.proxyId, proxyAccessId: row.id });
    setPending(false);
    if (!result.ok) return setFailure(result);
    const at = Date.now();
    setNow(at);
    setShown({ secret: result.data.accessSecret, until: at + SECRET_VISIBLE_SECONDS * 1000 });
  }

  const name = row.userName || t("nameFallback", { userId: row.userId });
  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (open) return;
        setShown(null);
        props.onClose();
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t("title", { name })}</DialogTitle>
          <DialogDescription>{t.rich("description", { accessId: row.accessId, code: (chunks) => <span className="font-mono">{chunks}</span> })}</DialogDescription>
        </DialogHeader>
        {shown ? (
          <Alert variant="warning" title={t("hiddenIn", { seconds: Math.max(0, Math.ceil((shown.until - now) / 1000)) })}>
            <div className="mt-2 flex items-center gap-2">
              <code data-testid="access-secret" className="rounded bg-muted px-2 py-1 font-mono text-sm break-all select-all">
                {shown.secret}
              </code>
              <CopyButton value={shown.secret} label={t("copy")} />
            </div>
          </Alert>
        ) : hidden ? (
          <p className="text-sm text-muted-foreground" data-testid="secret-hidden">
            {t("hidden")}
          </p>
        ) : null}
        {failure ? <ErrorState title={t("failed")} message={failure.formError} code={failure.code} requestId={failure.requestId} /> : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={props.onClose}>
            {t("close")}
          </Button>
          {shown ? null : (
            <Button onClick={() => void reveal()} disabled={pending}>
              {pending ? <Spinner label={null} /> : <Eye aria-hidden />}
              {pending ? t("revealing") : t("reveal")}
            </Button>
          )}
        </div>
      </DialogContent>
    </Dialog>
  );
}
