"use client";

import { CheckCircle2, Pencil, PlugZap, Plus, Trash2, XCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { lazy, Suspense, useState } from "react";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { CloudAccountDto } from "@/lib/dal/cloud-accounts";
import { testCloudAccountAction } from "./actions";
import type { CloudAccountDialog } from "./cloud-account-dialogs";

const CloudAccountDialogs = lazy(() => import("./cloud-account-dialogs"));

const SETTINGS = ["endpoint", "tenantId", "signature", "projectId", "authKind", "taurusEndpoint", "ddsEndpoint", "iamEndpoint"] as const;
const isSetting = (key: string): key is (typeof SETTINGS)[number] => (SETTINGS as readonly string[]).includes(key);

export function CloudAccountsList({ accounts }: { accounts: CloudAccountDto[] }) {
  const t = useTranslations("CloudAccounts");
  const router = useRouter();
  const [dialog, setDialog] = useState<CloudAccountDialog | null>(null);
  const [testing, setTesting] = useState<string | null>(null);

  // The outcome (the vendor's answer, or its code and request id) is stored on the account and
  // shown on its card, where it stays readable, rather than in a toast that disappears.
  async function test(account: CloudAccountDto) {
    setTesting(account.id);
    await testCloudAccountAction({ id: account.id });
    setTesting(null);
    router.refresh();
  }

  return (
    <>
      <div className="flex justify-end">
        <Button onClick={() => setDialog({ kind: "create" })}>
          <Plus aria-hidden /> {t("add")}
        </Button>
      </div>
      {accounts.length === 0 ? (
        <EmptyState title={t("emptyTitle")} description={t("emptyDescription")} />
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2" aria-label={t("listLabel")}>
          {accounts.map((account) => (
            <li key={account.id}>
              <Card data-testid={`cloud-account-${account.name}`}>
                <CardHeader className="flex flex-row items-start justify-between gap-3">
                  <div className="grid gap-1">
                    <CardTitle translate="no">{account.name}</CardTitle>
                    <div className="flex flex-wrap gap-1">
                      <Badge variant="secondary">{t(`vendors.${account.vendor}`)}</Badge>
                      <Badge variant="outline" translate="no">
                        {account.region}
                      </Badge>
                    </div>
                  </div>
                  <div className="flex gap-1">
                    <Button variant="outline" size="sm" onClick={() => test(account)} disabled={testing === account.id}>
                      <PlugZap aria-hidden /> {testing === account.id ? t("testing") : t("test")}
                    </Button>
                    <Button variant="ghost" size="icon-sm" aria-label={t("edit", { name: account.name })} onClick={() => setDialog({ kind: "edit", account })}>
                      <Pencil aria-hidden />
                    </Button>
                    <Button variant="ghost" size="icon-sm" aria-label={t("remove", { name: account.name })} onClick={() => setDialog({ kind: "remove", account })}>
                      <Trash2 aria-hidden />
                    </Button>
                  </div>
                </CardHeader>
                <CardContent className="grid gap-3 text-sm">
                  <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
                    <dt className="text-muted-foreground">{t("credentials")}</dt>
                    <dd className="font-mono text-xs" data-testid="credential-hint">
                      {t.rich("secretStored", { hint: account.credentialHint, data: (chunks) => <span translate="no">{chunks}</span> })}
                    </dd>
                    {Object.entries(account.settings).map(([key, value]) => (
                      <div key={key} className="contents">
                        <dt className="text-muted-foreground">{isSetting(key) ? t(`settings.${key}`) : key}</dt>
                        {key === "authKind" && (value === "aksk" || value === "iam") ? (
                          <dd className="truncate text-xs">{t(`form.${value}`)}</dd>
                        ) : (
                          <dd className="truncate font-mono text-xs" translate="no">
                            {value}
                          </dd>
                        )}
                      </div>
                    ))}
                  </dl>
                  {account.lastTest ? (
                    <p className="flex items-start gap-2" data-testid="last-test" role="status">
                      {account.lastTest.ok ? (
                        <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-success" aria-label={t("succeeded")} />
                      ) : (
                        <XCircle className="mt-0.5 size-4 shrink-0 text-destructive" aria-label={t("failed")} />
                      )}
                      <span>
                        {account.lastTest.message} <RelativeTime value={account.lastTest.at} mode="relative" className="text-muted-foreground" />
                      </span>
                    </p>
                  ) : (
                    <p className="text-muted-foreground">{t("notTested")}</p>
                  )}
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}

      {dialog ? (
        <Suspense fallback={null}>
          <CloudAccountDialogs dialog={dialog} onClose={() => setDialog(null)} />
        </Suspense>
      ) : null}
    </>
  );
}
