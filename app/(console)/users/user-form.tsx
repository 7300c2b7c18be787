"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { applyActionErrors, useDescribeFailure } from "@/lib/actions/form-errors";
import type { ActionResult } from "@/lib/actions/result";
import { RESOURCE_KINDS, ROLES, type Role } from "@/lib/auth/permissions";
import { createUserInput, updateUserInput } from "@/lib/validation/users";
import { useErrorMap } from "@/lib/i18n/use-error-map";

type CreateValues = z.input<typeof createUserInput>;
type UpdateValues = z.input<typeof updateUserInput>;

export type UserFormProps =
  | { mode: "create"; onSubmit: (values: z.output<typeof createUserInput>) => Promise<ActionResult<unknown>>; onDone: () => void }
  | {
      mode: "edit";
      initial: { id: string; email: string; name: string; roles: Role[]; resources: string[] };
      onSubmit: (values: z.output<typeof updateUserInput>) => Promise<ActionResult<unknown>>;
      onDone: () => void;
    };

const FIELDS = ["email", "name", "roles", "resources", "signIn", "id"] as const;

export function UserForm(props: UserFormProps) {
  const errorMap = useErrorMap();
  const t = useTranslations("Users.form");
  const describeFailure = useDescribeFailure();
  const kinds = useTranslations("Users.resourceKinds");
  const shell = useTranslations("Shell");
  const form = useForm<CreateValues & Partial<UpdateValues>>({
    resolver: zodResolver((props.mode === "create" ? createUserInput : updateUserInput) as typeof createUserInput, { error: errorMap }),
    defaultValues:
      props.mode === "create"
        ? { email: "", name: "", roles: [], resources: [], signIn: "password" }
        : { ...props.initial },
  });
  const { register, handleSubmit, control, setValue, formState } = form;
  const roles = useWatch({ control, name: "roles" }) ?? [];
  const resources = useWatch({ control, name: "resources" }) ?? [];
  const [kind, setKind] = useState<(typeof RESOURCE_KINDS)[number]>("dms-instance");
  const [resourceId, setResourceId] = useState("");

  const submit = handleSubmit(async (values) => {
    const result = await (props.onSubmit as (v: unknown) => Promise<ActionResult<unknown>>)(values);
    if (result.ok) props.onDone();
    else applyActionErrors(form.setError, result, FIELDS, describeFailure);
  });

  function toggleRole(role: Role, on: boolean) {
    const next = on ? [...new Set([...roles, role])] : roles.filter((r) => r !== role);
    setValue("roles", next, { shouldDirty: true, shouldValidate: formState.isSubmitted });
  }

  function addResource() {
    const id = resourceId.trim();
    if (!id) return;
    const key = `${kind}:${id}`;
    setValue("resources", [...new Set([...resources, key])], { shouldDirty: true, shouldValidate: true });
    setResourceId("");
  }

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      {props.mode === "create" ? (
        <Field label={t("email")} required error={formState.errors.email}>
          {(control) => <Input {...control} type="email" autoComplete="off" {...register("email")} />}
        </Field>
      ) : (
        <p className="text-sm">
          <span className="text-muted-foreground">{t("email")} </span>
          <span className="font-medium" translate="no">
            {props.initial.email}
          </span>
        </p>
      )}
      <Field label={t("name")} required error={formState.errors.name}>
        {(control) => <Input {...control} autoComplete="off" {...register("name")} />}
      </Field>
      <fieldset className="grid gap-2" aria-describedby={formState.errors.roles ? "roles-error" : undefined}>
        <legend className="mb-1 text-sm font-medium">{t("roles")}</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          {ROLES.map((role) => (
            <label key={role} className="flex items-center gap-2 text-sm">
              <Checkbox checked={roles.includes(role)} onChange={(e) => toggleRole(role, e.currentTarget.checked)} name={`role-${role}`} />
              {shell(`roles.${role}`)}
            </label>
          ))}
        </div>
        {formState.errors.roles ? (
          <p id="roles-error" className="text-xs font-medium text-destructive">
            {formState.errors.roles.message ?? formState.errors.roles.root?.message}
          </p>
        ) : null}
      </fieldset>
      {roles.includes("owner") || resources.length ? (
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">{t("resources")}</legend>
          <p className="text-xs text-muted-foreground">{t("resourcesHelp")}</p>
          <div className="flex flex-wrap gap-2">
            <Select aria-label={t("resourceKind")} value={kind} onChange={(e) => setKind(e.currentTarget.value as typeof kind)} className="w-auto">
              {RESOURCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {kinds(k)}
                </option>
              ))}
            </Select>
            <Input
              aria-label={t("instanceId")}
              placeholder={t("instanceId")}
              value={resourceId}
              onChange={(e) => setResourceId(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  addResource();
                }
              }}
              className="min-w-40 flex-1"
            />
            <Button type="button" variant="outline" onClick={addResource}>
              <Plus aria-hidden /> {t("add")}
            </Button>
          </div>
          <ul className="grid gap-1" aria-label={t("resources")}>
            {resources.map((key) => (
              <li key={key} className="flex items-center justify-between gap-2 rounded-md border px-2 py-1 text-sm">
                <code className="font-mono text-xs">{key}</code>
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  aria-label={t("remove", { key })}
                  onClick={() => setValue("resources", resources.filter((r) => r !== key), { shouldDirty: true, shouldValidate: true })}
                >
                  <X aria-hidden />
                </Button>
              </li>
            ))}
          </ul>
          {formState.errors.resources ? (
            <p className="text-xs font-medium text-destructive">
              {formState.errors.resources.message ?? formState.errors.resources.root?.message ??
                (Array.isArray(formState.errors.resources) ? formState.errors.resources.find(Boolean)?.message : undefined)}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      {props.mode === "create" ? (
        <Field label={t("signIn")} error={formState.errors.signIn} description={t("signInHelp")}>
          {(control) => (
            <Select {...control} {...register("signIn")}>
              <option value="password">{t("signInPassword")}</option>
              <option value="sso">{t("signInSso")}</option>
            </Select>
          )}
        </Field>
      ) : null}
      <FormError error={formState.errors.root?.serverError} />
      <div className="flex justify-end gap-2">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t("saving") : t(props.mode === "create" ? "create" : "save")}
        </Button>
      </div>
    </form>
  );
}
