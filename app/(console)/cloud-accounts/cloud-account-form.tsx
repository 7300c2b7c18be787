"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { applyActionErrors, useDescribeFailure } from "@/lib/actions/form-errors";
import type { ActionResult } from "@/lib/actions/result";
import type { CloudAccountDto } from "@/lib/dal/cloud-accounts";
import { cloudAccountInput, VENDORS, type VendorName } from "@/lib/validation/cloud-accounts";
import { useErrorMap } from "@/lib/i18n/use-error-map";

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

/** Vendor names of the signature schemes: the same in every language. */
const SIGNATURE_NAMES = { acs3: "ACS3-HMAC-SHA256", v1: "RPC v1 (HMAC-SHA1)" } as const;

const REGION_EXAMPLE: Record<VendorName, string> = { alibaba: "cn-hangzhou", tencent: "ap-guangzhou", huawei: "cn-north-4" };

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
  const t = useTranslations("CloudAccounts");
  const describeFailure = useDescribeFailure();
  const f = useTranslations("CloudAccounts.form");
  const errorMap = useErrorMap();
  const form = useForm<Values>({
    resolver: zodResolver(cloudAccountInput, { error: errorMap }) as unknown as Resolver<Values>,
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
    else applyActionErrors(form.setError, result, FIELDS, describeFailure);
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
            <span className="font-medium">{f("cloud")}</span>
            <span>{t(`vendors.${vendor}`)}</span>
            <input type="hidden" {...register("vendor")} />
          </div>
        ) : (
          <Field label={f("cloud")} required error={e.vendor}>
            {(c) => (
              <Select {...c} {...register("vendor")}>
                {VENDORS.map((v) => (
                  <option key={v} value={v}>
                    {t(`vendors.${v}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        )}
        {text("name", f("name"), { required: true, placeholder: f("namePlaceholder") })}
        {text("region", f("region"), { required: true, placeholder: f("regionHint", { example: REGION_EXAMPLE[vendor] }) })}
      </div>

      {editing ? (
        <label className="flex items-center gap-2 rounded-md border p-3 text-sm">
          <input type="checkbox" {...register("replaceCredentials")} className="size-4" />
          <span>
            {f.rich("replace", { hint: account?.credentialHint ?? "", muted: (chunks) => <span className="text-muted-foreground">{chunks}</span> })}
          </span>
        </label>
      ) : null}

      {vendor === "alibaba" && replacing ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {text("accessKeyId", f("accessKeyId"), { required: true })}
          {text("accessKeySecret", f("accessKeySecret"), { required: true, secret: true })}
        </div>
      ) : null}
      {vendor === "alibaba" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {text("tenantId", f("tenantId"), { description: f("tenantIdHelp") })}
          <Field label={f("signature")} error={e.signature} description={f("signatureHelp")}>
            {(c) => (
              <Select {...c} {...register("signature")}>
                <option value="acs3">{SIGNATURE_NAMES.acs3}</option>
                <option value="v1">{SIGNATURE_NAMES.v1}</option>
              </Select>
            )}
          </Field>
          {text("endpoint", f("endpoint"), { description: f("endpointDefault", { url: "https://dms-enterprise.aliyuncs.com" }) })}
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
          {text("endpoint", f("endpoint"), { description: f("endpointDefault", { url: "https://mariadb.tencentcloudapi.com" }) })}
        </div>
      ) : null}

      {vendor === "huawei" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {text("projectId", f("projectId"), { required: true, description: f("projectIdHelp") })}
          {replacing ? (
            <Field label={f("authKind")} required error={e.authKind}>
              {(c) => (
                <Select {...c} {...register("authKind")}>
                  <option value="aksk">{f("aksk")}</option>
                  <option value="iam">{f("iam")}</option>
                </Select>
              )}
            </Field>
          ) : (
            <input type="hidden" {...register("authKind")} />
          )}
          {!replacing ? null : authKind === "iam" ? (
            <>
              {text("domainName", f("domainName"), { required: true })}
              {text("userName", f("userName"), { required: true })}
              {text("password", f("password"), { required: true, secret: true })}
            </>
          ) : (
            <>
              {text("ak", f("ak"), { required: true })}
              {text("sk", f("sk"), { required: true, secret: true })}
            </>
          )}
          {authKind === "iam" ? text("iamEndpoint", f("iamEndpoint"), { description: f("endpointDefault", { url: "https://iam.<region>.myhuaweicloud.com" }) }) : null}
          {text("taurusEndpoint", f("taurusEndpoint"), { description: f("taurusHelp") })}
          {text("ddsEndpoint", f("ddsEndpoint"), { description: f("optional") })}
        </div>
      ) : null}

      <FormError error={e.root?.serverError} />
      <div className="flex justify-end">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? f("saving") : editing ? f("save") : f("addSubmit")}
        </Button>
      </div>
    </form>
  );
}
