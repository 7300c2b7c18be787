"use client";

import { CheckCircle2, Pencil, PlugZap, Plus, Trash2, XCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { describeFailureText } from "@/lib/actions/form-errors";
import type { CloudAccountDto } from "@/lib/dal/cloud-accounts";
import { VENDOR_LABELS } from "@/lib/validation/cloud-accounts";
import { deleteCloudAccountAction, saveCloudAccountAction, testCloudAccountAction } from "./actions";
import { CloudAccountForm } from "./cloud-account-form";

const SETTING_LABELS: Record<string, string> = {
  endpoint: "Endpoint",
  tenantId: "Tenant id",
  signature: "Signature",
  projectId: "Project id",
  authKind: "Authentication",
  taurusEndpoint: "TaurusDB endpoint",
  ddsEndpoint: "DDS endpoint",
  iamEndpoint: "IAM endpoint",
};

export function CloudAccountsList({ accounts }: { accounts: CloudAccountDto[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState<CloudAccountDto | "new" | null>(null);
  const [testing, setTesting] = useState<string | null>(null);

  async function test(account: CloudAccountDto) {
    setTesting(account.id);
    const result = await testCloudAccountAction({ id: account.id });
    setTesting(null);
    if (result.ok) toast.success(`${account.name}: ${result.data.summary}`);
    else toast.error(`${account.name}: ${describeFailureText(result)}`, { duration: 12_000 });
    router.refresh();
  }

  return (
    <>
      <div className="flex justify-end">
        <Button onClick={() => setEditing("new")}>
          <Plus aria-hidden /> Add cloud account
        </Button>
      </div>
      {accounts.length === 0 ? (
        <EmptyState title="No cloud accounts yet" description="Add the credentials of an Alibaba, Tencent or Huawei account to start managing access." />
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2" aria-label="Cloud accounts">
          {accounts.map((account) => (
            <li key={account.id}>
              <Card data-testid={`cloud-account-${account.name}`}>
                <CardHeader className="flex flex-row items-start justify-between gap-3">
                  <div className="grid gap-1">
                    <CardTitle>{account.name}</CardTitle>
                    <div className="flex flex-wrap gap-1">
                      <Badge variant="secondary">{VENDOR_LABELS[account.vendor]}</Badge>
                      <Badge variant="outline">{account.region}</Badge>
                    </div>
                  </div>
                  <div className="flex gap-1">
                    <Button variant="outline" size="sm" onClick={() => test(account)} disabled={testing === account.id}>
                      <PlugZap aria-hidden /> {testing === account.id ? "Testing…" : "Test connection"}
                    </Button>
                    <Button variant="ghost" size="icon-sm" aria-label={`Edit ${account.name}`} onClick={() => setEditing(account)}>
                      <Pencil aria-hidden />
                    </Button>
                    <ConfirmDialog
                      title={`Remove ${account.name}?`}
                      description="The console forgets these credentials. Nothing changes in the cloud; the audit log keeps its history."
                      confirmLabel="Remove"
                      confirmText={account.name}
                      trigger={
                        <Button variant="ghost" size="icon-sm" aria-label={`Remove ${account.name}`}>
                          <Trash2 aria-hidden />
                        </Button>
                      }
                      onConfirm={async () => {
                        const result = await deleteCloudAccountAction({ id: account.id });
                        if (!result.ok) return { error: describeFailureText(result) };
                        toast.success(`${account.name} removed`);
                        router.refresh();
                      }}
                    />
                  </div>
                </CardHeader>
                <CardContent className="grid gap-3 text-sm">
                  <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
                    <dt className="text-muted-foreground">Credentials</dt>
                    <dd className="font-mono text-xs" data-testid="credential-hint">
                      {account.credentialHint} · secret stored encrypted
                    </dd>
                    {Object.entries(account.settings).map(([key, value]) => (
                      <div key={key} className="contents">
                        <dt className="text-muted-foreground">{SETTING_LABELS[key] ?? key}</dt>
                        <dd className="truncate font-mono text-xs">{value}</dd>
                      </div>
                    ))}
                  </dl>
                  {account.lastTest ? (
                    <p className="flex items-start gap-2" data-testid="last-test" role="status">
                      {account.lastTest.ok ? (
                        <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-success" aria-label="Succeeded" />
                      ) : (
                        <XCircle className="mt-0.5 size-4 shrink-0 text-destructive" aria-label="Failed" />
                      )}
                      <span>
                        {account.lastTest.message} <RelativeTime value={account.lastTest.at} mode="relative" className="text-muted-foreground" />
                      </span>
                    </p>
                  ) : (
                    <p className="text-muted-foreground">Not tested yet.</p>
                  )}
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}

      <Dialog open={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        <DialogContent className="max-w-2xl">
          <DialogHeader>
            <DialogTitle>{editing === "new" ? "Add a cloud account" : `Edit ${editing?.name ?? ""}`}</DialogTitle>
            <DialogDescription>Secrets are encrypted with the console&apos;s key and never shown again.</DialogDescription>
          </DialogHeader>
          {editing !== null ? (
            <CloudAccountForm
              account={editing === "new" ? undefined : editing}
              onSubmit={(values) => saveCloudAccountAction(values as Parameters<typeof saveCloudAccountAction>[0])}
              onDone={() => {
                toast.success(editing === "new" ? "Cloud account added: test its connection next" : "Changes saved");
                setEditing(null);
                router.refresh();
              }}
            />
          ) : null}
        </DialogContent>
      </Dialog>
    </>
  );
}
