"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { applyActionErrors } from "@/lib/actions/form-errors";
import type { ActionResult } from "@/lib/actions/result";
import type { CloudAccountDto } from "@/lib/dal/cloud-accounts";
import { cloudAccountInput, VENDOR_LABELS, VENDORS, type VendorName } from "@/lib/validation/cloud-accounts";

/** Flat form state; the shared schema discriminates it by vendor on both sides. */
interface Values {
  id?: string;
  replaceCredentials: boolean;
  vendor: VendorName;
  name: string;
  region: string;
  endpoint?: string;
  tenantId?: string;
  signature?: "acs3" | "v1";
  accessKeyId?: string;
  accessKeySecret?: string;
  secretId?: string;
  secretKey?: string;
  projectId?: string;
  taurusEndpoint?: string;
  ddsEndpoint?: string;
  iamEndpoint?: string;
  authKind?: "aksk" | "iam";
  ak?: string;
  sk?: string;
  domainName?: string;
  userName?: string;
  password?: string;
}

const FIELDS = Object.keys({
  replaceCredentials: 1, vendor: 1, name: 1, region: 1, endpoint: 1, tenantId: 1, signature: 1, accessKeyId: 1, accessKeySecret: 1, secretId: 1, secretKey: 1,
  projectId: 1, taurusEndpoint: 1, ddsEndpoint: 1, iamEndpoint: 1, authKind: 1, ak: 1, sk: 1, domainName: 1, userName: 1, password: 1,
});

const REGION_HINT: Record<VendorName, string> = {
  alibaba: "e.g. cn-hangzhou",
  tencent: "e.g. ap-guangzhou",
  huawei: "e.g. cn-north-4",
};

/** Settings come back for editing; credentials never do (the form only shows their masked hint). */
function initialValues(account?: CloudAccountDto): Values {
  if (!account) return { replaceCredentials: true, vendor: "alibaba", name: "", region: "", signature: "acs3", authKind: "aksk" };
  return { id: account.id, replaceCredentials: false, vendor: account.vendor, name: account.name, region: account.region, ...account.settings } as Values;
}

export function CloudAccountForm({
  account,
  onSubmit,
  onDone,
}: {
  account?: CloudAccountDto;
  onSubmit: (values: unknown) => Promise<ActionResult<{ id: string }>>;
  onDone: (id: string) => void;
}) {
  const form = useForm<Values>({
    resolver: zodResolver(cloudAccountInput) as unknown as Resolver<Values>,
    defaultValues: initialValues(account),
  });
  const { register, handleSubmit, control, formState } = form;
  const vendor = useWatch({ control, name: "vendor" });
  const authKind = useWatch({ control, name: "authKind" });
  const replacing = useWatch({ control, name: "replaceCredentials" });
  const editing = Boolean(account);
  const e = formState.errors;

  const submit = handleSubmit(async (values) => {
    const result = await onSubmit(values);
    if (result.ok) onDone(result.data.id);
    else applyActionErrors(form.setError, result, FIELDS);
  });

  const text = (name: keyof Values, label: string, opts: { required?: boolean; description?: string; placeholder?: string; secret?: boolean } = {}) => (
    <Field label={label} required={opts.required} description={opts.description} error={e[name]}>
      {(c) => (
        <Input
          {...c}
          {...register(name)}
          type={opts.secret ? "password" : "text"}
          autoComplete={opts.secret ? "new-password" : "off"}
          placeholder={opts.placeholder}
          spellCheck={false}
        />
      )}
    </Field>
  );

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        {editing ? (
          <div className="grid gap-1.5 text-sm">
            <span className="font-medium">Cloud</span>
            <span>{VENDOR_LABELS[vendor]}</span>
            <input type="hidden" {...register("vendor")} />
          </div>
        ) : (
          <Field label="Cloud" required error={e.vendor}>
            {(c) => (
              <Select {...c} {...register("vendor")}>
                {VENDORS.map((v) => (
                  <option key={v} value={v}>
                    {VENDOR_LABELS[v]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        )}
        {text("name", "Name", { required: true, placeholder: "e.g. Production DMS" })}
        {text("region", "Region", { required: true, placeholder: REGION_HINT[vendor] })}
      </div>

      {editing ? (
        <label className="flex items-center gap-2 rounded-md border p-3 text-sm">
          <input type="checkbox" {...register("replaceCredentials")} className="size-4" />
          <span>
            Replace the credentials <span className="text-muted-foreground">(stored: {account?.credentialHint})</span>
          </span>
        </label>
      ) : null}

      {vendor === "alibaba" && replacing ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {text("accessKeyId", "AccessKey ID", { required: true })}
          {text("accessKeySecret", "AccessKey secret", { required: true, secret: true })}
        </div>
      ) : null}
      {vendor === "alibaba" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {text("tenantId", "Tenant id (Tid)", { description: "Optional; DMS uses the key's active tenant when empty." })}
          <Field label="Signature" error={e.signature} description="ACS3-HMAC-SHA256 unless your gateway needs the legacy RPC signature.">
            {(c) => (
              <Select {...c} {...register("signature")}>
                <option value="acs3">ACS3-HMAC-SHA256</option>
                <option value="v1">RPC v1 (HMAC-SHA1)</option>
              </Select>
            )}
          </Field>
          {text("endpoint", "Endpoint override", { description: "Optional. Default: https://dms-enterprise.aliyuncs.com" })}
        </div>
      ) : null}

      {vendor === "tencent" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {replacing ? (
            <>
              {text("secretId", "SecretId", { required: true })}
              {text("secretKey", "SecretKey", { required: true, secret: true })}
            </>
          ) : null}
          {text("endpoint", "Endpoint override", { description: "Optional. Default: https://mariadb.tencentcloudapi.com" })}
        </div>
      ) : null}

      {vendor === "huawei" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {text("projectId", "Project id", { required: true, description: "32 letters and digits, for this region." })}
          {replacing ? (
            <Field label="Authentication" required error={e.authKind}>
              {(c) => (
                <Select {...c} {...register("authKind")}>
                  <option value="aksk">Access key (AK/SK)</option>
                  <option value="iam">IAM user (token)</option>
                </Select>
              )}
            </Field>
          ) : (
            <input type="hidden" {...register("authKind")} />
          )}
          {!replacing ? null : authKind === "iam" ? (
            <>
              {text("domainName", "Account (domain) name", { required: true })}
              {text("userName", "IAM user name", { required: true })}
              {text("password", "IAM password", { required: true, secret: true })}
            </>
          ) : (
            <>
              {text("ak", "Access key id (AK)", { required: true })}
              {text("sk", "Secret access key (SK)", { required: true, secret: true })}
            </>
          )}
          {authKind === "iam" ? text("iamEndpoint", "IAM endpoint override", { description: "Optional. Default: https://iam.<region>.myhuaweicloud.com" }) : null}
          {text("taurusEndpoint", "TaurusDB endpoint override", { description: "Optional; some regions use a different host." })}
          {text("ddsEndpoint", "DDS endpoint override", { description: "Optional." })}
        </div>
      ) : null}

      <FormError error={e.root?.serverError} />
      <div className="flex justify-end">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : editing ? "Save changes" : "Add cloud account"}
        </Button>
      </div>
    </form>
  );
}
