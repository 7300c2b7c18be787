"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { useFieldArray, useForm, useWatch, type Control, type FieldValues, type UseFormSetError } from "react-hook-form";
import type { z } from "zod";
import { CopyButton } from "@/components/copy-button";
import { newIdempotencyKey } from "@/components/idempotency-key";
import { PasswordField } from "@/components/password-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import type { BulkItemResult, ChangeAnswer } from "@/lib/accounts/change";
import type { DbInstanceDto } from "@/lib/accounts/instances";
import type { ActionResult } from "@/lib/actions/result";
import { applyActionErrors, useDescribeFailure } from "@/lib/actions/form-errors";
import { useErrorMap } from "@/lib/i18n/use-error-map";
import {
  createDdsUserInput,
  createMariadbAccountInput,
  deleteDdsUsersInput,
  deleteMariadbAccountsInput,
  resetDdsPasswordInput,
  resetMariadbPasswordInput,
} from "@/lib/validation/accounts";
import { MYSQL_HOST_EXAMPLES } from "@/lib/validation/mysql-host";
import { generatePassword, type PasswordPolicyName } from "@/lib/validation/password";
import {
  createDdsUserAction,
  createMariadbAccountAction,
  deleteDdsUsersAction,
  deleteMariadbAccountsAction,
  resetDdsPasswordAction,
  resetMariadbPasswordAction,
} from "./actions";
import { withFormMessages } from "./form-messages";
import { rolesQuery } from "./queries";
import type { AccountRow } from "./rows";

/*
 * The account dialogs, loaded on demand with their words. Each form is checked with the same zod
 * schema as its server action; the password is generated in the browser, sent once, shown once
 * after the vendor accepted it, and dropped when the dialog closes.
 */

// The first submission's result is kept under its key; these answers mean it may still land.
const KEEP_KEY_CODES = new Set(["OUTCOME_UNKNOWN", "IN_PROGRESS"]);
const BUILT_IN_ROLES = ["read", "readWrite", "dbAdmin", "dbOwner", "userAdmin"];
const ADMIN_ROLES = ["readAnyDatabase", "readWriteAnyDatabase", "userAdminAnyDatabase", "dbAdminAnyDatabase", "clusterMonitor", "backup", "restore"];

const policyOf = (instance: DbInstanceDto): PasswordPolicyName => (instance.vendor === "tencent" ? "tencent-mariadb" : "huawei-dds");
const ref = (i: DbInstanceDto) =>
  i.vendor === "tencent" ? { accountId: i.accountId, region: i.region, instanceId: i.instanceId } : { accountId: i.accountId, projectId: i.projectId ?? "", region: i.region, instanceId: i.instanceId };
const code = (chunks: ReactNode) => <code className="font-mono">{chunks}</code>;
const tag = (chunks: ReactNode) => (
  <span className="font-medium" translate="no">
    {chunks}
  </span>
);

/** After the vendor accepted a password: shown here once, with a copy button, and never again. */
function PasswordOnce(props: { heading: string; identity: string; password: string; answer: ChangeAnswer; onClose: () => void }) {
  const t = useTranslations("AccountsForms.once");
  return (
    <div className="grid gap-4" data-testid="password-once">
      <Alert variant="success">{props.heading}</Alert>
      <div className="grid gap-1.5">
        <span className="text-sm font-medium">{t("label", { identity: props.identity })}</span>
        <div className="flex items-center gap-2 rounded-md border bg-muted/40 p-2">
          <code className="min-w-0 flex-1 font-mono text-sm break-all select-all" data-testid="once-password" translate="no">
            {props.password}
          </code>
          <CopyButton value={props.password} label={t("copy")} showLabel />
        </div>
        <p className="text-xs text-muted-foreground">{t("body")}</p>
      </div>
      <dl className="grid gap-1 text-xs text-muted-foreground">
        {props.answer.requestId ? (
          <div className="flex gap-1">
            <dt>{t("requestId")}</dt>
            <dd className="font-mono" translate="no">
              {props.answer.requestId}
            </dd>
          </div>
        ) : null}
        {props.answer.passwordSent === "encrypted" ? <dd>{t("sentEncrypted")}</dd> : props.answer.passwordSent === "plain" ? <dd>{t("sentPlain")}</dd> : null}
        {props.answer.foundAfterRetry ? <dd>{t("foundAfterRetry")}</dd> : null}
      </dl>
      <div className="flex justify-end">
        <Button onClick={props.onClose}>{t("done")}</Button>
      </div>
    </div>
  );
}

/** The server's refusal, then Cancel and the submit button with its pending state. */
function FormActions(props: { error: { message?: string } | undefined; pending: boolean; onCancel: () => void; submitLabel: string }) {
  const c = useTranslations("AccountsForms.common");
  return (
    <>
      <FormError error={props.error} />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={props.onCancel} disabled={props.pending}>
          {c("cancel")}
        </Button>
        <Button type="submit" disabled={props.pending}>
          {props.pending ? <Spinner className="size-4" /> : null} {props.pending ? c("submitting") : props.submitLabel}
        </Button>
      </div>
    </>
  );
}

interface DoneProps {
  instance: DbInstanceDto;
  onClose: () => void;
  onDone: (announce: string) => void;
}

/** A refusal lands on its fields (or the form); a definite one frees the form for a corrected attempt under a new key. */
function useSubmit<V extends FieldValues>(setError: UseFormSetError<V>, fields: readonly string[], setKey: () => void) {
  const describeFailure = useDescribeFailure();
  return (result: ActionResult<unknown>) => {
    if (result.ok) return true;
    if (!KEEP_KEY_CODES.has(result.code ?? "")) setKey();
    applyActionErrors(setError, result, fields, describeFailure);
    return false;
  };
}

const TENCENT_FIELDS = ["userName", "host", "password", "readOnly", "delayThresh", "slaveConst", "maxUserConnections", "description"] as const;

function CreateTencent({ instance, existing, onClose, onDone }: DoneProps & { existing: readonly AccountRow[] }) {
  const t = useTranslations("AccountsForms.createTencent");
  const errorMap = useErrorMap();
  const [done, setDone] = useState<{ identity: string; password: string; answer: ChangeAnswer } | null>(null);
  type In = z.input<typeof createMariadbAccountInput>;
  type Out = z.output<typeof createMariadbAccountInput>;
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(createMariadbAccountInput, { error: errorMap }),
    defaultValues: {
      ...ref(instance),
      userName: "",
      host: "%",
      password: generatePassword(20, "tencent-mariadb"),
      readOnly: 0,
      delayThresh: "",
      slaveConst: "",
      maxUserConnections: 0,
      description: "",
      idempotencyKey: newIdempotencyKey(),
    } as In,
  });
  const { register, handleSubmit, control, formState, setValue, setError } = form;
  const readOnly = Number(useWatch({ control, name: "readOnly" }) ?? 0);
  // Fields a mode does not use are sent empty (the schema refuses them there); a read-only mode starts unpinned.
  useEffect(() => {
    if (readOnly !== 1 && readOnly !== 2) setValue("delayThresh", "" as never);
    if (readOnly === 0) setValue("slaveConst", "" as never);
    else if (form.getValues("slaveConst") === "") setValue("slaveConst", 0 as never);
  }, [readOnly, setValue, form]);
  const userName = String(useWatch({ control, name: "userName" }) ?? "");
  const host = String(useWatch({ control, name: "host" }) ?? "");
  const duplicate = existing.some((r) => r.userName === userName && (r.host ?? "").toLowerCase() === host.toLowerCase());
  const check = useSubmit(setError, TENCENT_FIELDS, () => setValue("idempotencyKey", newIdempotencyKey()));

  const submit = handleSubmit(async (values) => {
    const result = await createMariadbAccountAction(values);
    if (!check(result) || !result.ok) return;
    setDone({ identity: `${values.userName}@${values.host}`, password: values.password, answer: result.data });
    onDone(t("announce", { identity: `${values.userName}@${values.host}` }));
  });

  const pending = formState.isSubmitting;
  const e = formState.errors as Record<string, { message?: string } | undefined>;
  return (
    <Dialog open onOpenChange={(open) => !open && !pending && onClose()}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t.rich("description", { name: instance.name || instance.instanceId, n: tag })}</DialogDescription>
        </DialogHeader>
        {done ? (
          <PasswordOnce heading={t("created", { identity: done.identity })} identity={done.identity} password={done.password} answer={done.answer} onClose={onClose} />
        ) : (
          <form onSubmit={submit} className="grid gap-4" noValidate data-testid="create-tencent-form">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label={t("userName")} required error={e.userName} description={t("userNameHelp")}>
                {(p) => <Input {...p} {...register("userName")} autoComplete="off" spellCheck={false} maxLength={64} />}
              </Field>
              <Field label={t("host")} required error={e.host} description={t("hostHelp", { examples: MYSQL_HOST_EXAMPLES.join("  ") })}>
                {(p) => <Input {...p} {...register("host")} autoComplete="off" spellCheck={false} maxLength={80} className="font-mono" />}
              </Field>
            </div>
            {duplicate ? <Alert variant="warning">{t("duplicate", { identity: `${userName}@${host}` })}</Alert> : null}
            <PasswordField control={control as unknown as Control<FieldValues>} name="password" label={t("password")} required policy="tencent-mariadb" />
            <Field label={t("readOnly")} required error={e.readOnly}>
              {(p) => (
                <Select {...p} {...register("readOnly")}>
                  {[0, 1, 2, 3].map((m) => (
                    <option key={m} value={m}>
                      {t(`mode${m}` as "mode0")}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            {readOnly === 1 || readOnly === 2 ? (
              <Field label={t("delayThresh")} error={e.delayThresh} description={t("delayThreshHelp")}>
                {(p) => <Input {...p} {...register("delayThresh")} type="number" inputMode="numeric" min={1} max={10000} />}
              </Field>
            ) : null}
            {readOnly > 0 ? (
              <Field label={t("slaveConst")} error={e.slaveConst}>
                {(p) => (
                  <Select {...p} {...register("slaveConst")}>
                    <option value={0}>{t("slaveConst0")}</option>
                    <option value={1}>{t("slaveConst1")}</option>
                  </Select>
                )}
              </Field>
            ) : null}
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                label={t("maxConnections")}
                error={e.maxUserConnections}
                description={instance.maxConnectionsSupported ? t("maxConnectionsHelp") : t("maxConnectionsKernel", { version: instance.version })}
              >
                {(p) => <Input {...p} {...register("maxUserConnections")} type="number" inputMode="numeric" min={0} max={10240} disabled={!instance.maxConnectionsSupported} />}
              </Field>
              <Field label={t("descriptionField")} error={e.description} description={t("descriptionHelp")}>
                {(p) => <Input {...p} {...register("description")} autoComplete="off" maxLength={300} />}
              </Field>
            </div>
            <FormActions error={formState.errors.root?.serverError} pending={pending} onCancel={onClose} submitLabel={t("submit")} />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

const DDS_FIELDS = ["userName", "password", "dbName", "roles", "noPrivileges"] as const;

function CreateDds({ instance, existing, onClose, onDone }: DoneProps & { existing: readonly AccountRow[] }) {
  const t = useTranslations("AccountsForms.createDds");
  const errorMap = useErrorMap();
  const [done, setDone] = useState<{ identity: string; password: string; answer: ChangeAnswer } | null>(null);
  type In = z.input<typeof createDdsUserInput>;
  type Out = z.output<typeof createDdsUserInput>;
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(createDdsUserInput, { error: errorMap }),
    defaultValues: {
      ...ref(instance),
      userName: "",
      password: generatePassword(20, "huawei-dds"),
      dbName: "admin",
      roles: [{ roleDbName: "admin", roleName: "read" }],
      noPrivileges: false,
      idempotencyKey: newIdempotencyKey(),
    } as In,
  });
  const { register, handleSubmit, control, formState, setValue, setError } = form;
  const roles = useFieldArray({ control, name: "roles" as never });
  const noPrivileges = Boolean(useWatch({ control, name: "noPrivileges" }));
  const userName = String(useWatch({ control, name: "userName" }) ?? "");
  const dbName = String(useWatch({ control, name: "dbName" }) ?? "");
  const duplicate = existing.some((r) => r.userName === userName && r.dbName === dbName);
  const instanceRef = { account: instance.accountId, vendor: instance.vendor, scope: instance.scopeId, instance: instance.instanceId };
  const adminRoles = useQuery(rolesQuery(instanceRef, "admin"));
  const custom = useMemo(() => (adminRoles.data ?? []).filter((r) => !r.builtIn).map((r) => r.role), [adminRoles.data]);
  const check = useSubmit(setError, DDS_FIELDS, () => setValue("idempotencyKey", newIdempotencyKey()));

  const submit = handleSubmit(async (values) => {
    const result = await createDdsUserAction(values);
    if (!check(result) || !result.ok) return;
    setDone({ identity: `${values.dbName}.${values.userName}`, password: values.password, answer: result.data });
    onDone(t("announce", { identity: `${values.dbName}.${values.userName}` }));
  });

  const pending = formState.isSubmitting;
  const e = formState.errors as Record<string, { message?: string; root?: { message?: string } } | undefined> & { roles?: { message?: string; root?: { message?: string } } & Record<number, { roleDbName?: { message?: string }; roleName?: { message?: string } }> };
  const rolesError = e.roles?.message ?? e.roles?.root?.message;
  return (
    <Dialog open onOpenChange={(open) => !open && !pending && onClose()}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t.rich("description", { name: instance.name || instance.instanceId, n: tag })}</DialogDescription>
        </DialogHeader>
        {done ? (
          <PasswordOnce heading={t("created", { identity: done.identity })} identity={done.identity} password={done.password} answer={done.answer} onClose={onClose} />
        ) : (
          <form onSubmit={submit} className="grid gap-4" noValidate data-testid="create-dds-form">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label={t("userName")} required error={e.userName} description={t.rich("userNameHelp", { c: code })}>
                {(p) => <Input {...p} {...register("userName")} autoComplete="off" spellCheck={false} maxLength={80} />}
              </Field>
              <Field label={t("dbName")} required error={e.dbName} description={t.rich("dbNameHelp", { c: code })}>
                {(p) => <Input {...p} {...register("dbName")} autoComplete="off" spellCheck={false} maxLength={80} className="font-mono" />}
              </Field>
            </div>
            {duplicate ? <Alert variant="warning">{t("duplicate", { identity: `${dbName}.${userName}` })}</Alert> : null}
            <PasswordField control={control as unknown as Control<FieldValues>} name="password" label={t("password")} required policy="huawei-dds" />
            <fieldset className="grid gap-2 rounded-md border p-3" aria-describedby="dds-roles-help">
              <legend className="px-1 text-sm font-medium">{t("roles")}</legend>
              <p id="dds-roles-help" className="text-xs text-muted-foreground">
                {t.rich("rolesHelp", { c: code })}
              </p>
              <datalist id="dds-role-names">
                {[...BUILT_IN_ROLES, ...ADMIN_ROLES, ...custom].map((r) => (
                  <option key={r} value={r} />
                ))}
              </datalist>
              {!noPrivileges
                ? roles.fields.map((f, n) => (
                    <div key={f.id} className="grid grid-cols-[1fr_1fr_auto] items-start gap-2" data-testid="dds-role-row">
                      <Field label={t("roleDb")} error={e.roles?.[n]?.roleDbName} hideLabel={n > 0}>
                        {(p) => <Input {...p} {...register(`roles.${n}.roleDbName` as never)} className="font-mono" autoComplete="off" spellCheck={false} maxLength={80} />}
                      </Field>
                      <Field label={t("roleName")} error={e.roles?.[n]?.roleName} hideLabel={n > 0}>
                        {(p) => <Input {...p} {...register(`roles.${n}.roleName` as never)} list="dds-role-names" className="font-mono" autoComplete="off" spellCheck={false} maxLength={80} />}
                      </Field>
                      <Button variant="ghost" size="icon" className={n === 0 ? "mt-6" : undefined} aria-label={t("removeRole", { n: n + 1 })} onClick={() => roles.remove(n)}>
                        <Trash2 aria-hidden />
                      </Button>
                    </div>
                  ))
                : null}
              {!noPrivileges ? (
                <Button variant="outline" size="sm" className="w-fit" onClick={() => roles.append({ roleDbName: dbName || "admin", roleName: "read" } as never)} disabled={roles.fields.length >= 50}>
                  <Plus aria-hidden /> {t("addRole")}
                </Button>
              ) : null}
              {custom.length ? <p className="text-xs text-muted-foreground">{t.rich("instanceRoles", { roles: custom.join(", "), c: code })}</p> : null}
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-primary"
                  {...register("noPrivileges", {
                    onChange: (ev: { target: { checked: boolean } }) => {
                      if (ev.target.checked) setValue("roles", []);
                      else setValue("roles", [{ roleDbName: dbName || "admin", roleName: "read" }] as never);
                    },
                  })}
                />
                {t("noPrivileges")}
              </label>
              {rolesError ? <p className="text-xs font-medium text-destructive" role="alert">{rolesError}</p> : null}
              {e.noPrivileges?.message ? <p className="text-xs font-medium text-destructive">{e.noPrivileges.message}</p> : null}
            </fieldset>
            <FormActions error={formState.errors.root?.serverError} pending={pending} onCancel={onClose} submitLabel={t("submit")} />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

function CreateDialogInner(props: DoneProps & { existing: readonly AccountRow[] }) {
  return props.instance.vendor === "tencent" ? <CreateTencent {...props} /> : <CreateDds {...props} />;
}

function ResetDialogInner({ instance, row, onClose, onDone }: DoneProps & { row: AccountRow }) {
  const t = useTranslations("AccountsForms.reset");
  const errorMap = useErrorMap();
  const tencent = instance.vendor === "tencent";
  const schema = tencent ? resetMariadbPasswordInput : resetDdsPasswordInput;
  const policy = policyOf(instance);
  const identity = tencent ? `${row.userName}@${row.host}` : `${row.dbName}.${row.userName}`;
  const [done, setDone] = useState<{ password: string; answer: ChangeAnswer } | null>(null);
  const form = useForm<Record<string, unknown>>({
    resolver: zodResolver(schema as z.ZodType<Record<string, unknown>, Record<string, unknown>>, { error: errorMap }),
    defaultValues: { ...ref(instance), userName: row.userName, ...(tencent ? { host: row.host } : { dbName: row.dbName }), password: generatePassword(20, policy), idempotencyKey: newIdempotencyKey() },
  });
  const { handleSubmit, control, formState, setValue, setError } = form;
  const check = useSubmit(setError, ["password"], () => setValue("idempotencyKey", newIdempotencyKey()));
  const submit = handleSubmit(async (values) => {
    const result = tencent ? await resetMariadbPasswordAction(values as never) : await resetDdsPasswordAction(values as never);
    if (!check(result) || !result.ok) return;
    setDone({ password: String(values.password), answer: result.data });
    onDone(t("announce", { identity }));
  });
  const pending = formState.isSubmitting;
  return (
    <Dialog open onOpenChange={(open) => !open && !pending && onClose()}>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>
            {t.rich(tencent ? "descriptionTencent" : "descriptionDds", { user: row.userName, host: row.host ?? "", db: row.dbName ?? "", name: instance.name || instance.instanceId, id: instance.instanceId, n: tag })}
          </DialogDescription>
        </DialogHeader>
        {done ? (
          <PasswordOnce heading={t("done", { identity })} identity={identity} password={done.password} answer={done.answer} onClose={onClose} />
        ) : (
          <form onSubmit={submit} className="grid gap-4" noValidate data-testid="reset-form">
            <PasswordField control={control as Control<FieldValues>} name="password" label={t("password")} required policy={policy} />
            <Alert variant="warning">{t("warning")}</Alert>
            <FormActions error={formState.errors.root?.serverError as { message?: string } | undefined} pending={pending} onCancel={onClose} submitLabel={t("submit")} />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

function DeleteDialogInner({ instance, rows, onClose, onDone }: Omit<DoneProps, "onDone"> & { rows: AccountRow[]; onDone: (announce: string, deleted: string[]) => void }) {
  const t = useTranslations("AccountsForms.delete");
  const c = useTranslations("AccountsForms.common");
  const describeFailure = useDescribeFailure();
  const [key] = useState(() => newIdempotencyKey());
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<BulkItemResult[] | null>(null);
  const tencent = instance.vendor === "tencent";
  const name = instance.name || instance.instanceId;

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      const result = tencent
        ? await deleteMariadbAccountsAction({ ...ref(instance), accounts: rows.map((r) => ({ userName: r.userName, host: r.host ?? "" })), idempotencyKey: key, confirm: true } as z.input<typeof deleteMariadbAccountsInput>)
        : await deleteDdsUsersAction({ ...ref(instance), users: rows.map((r) => ({ userName: r.userName, dbName: r.dbName ?? "" })), idempotencyKey: key, confirm: true } as z.input<typeof deleteDdsUsersInput>);
      if (!result.ok) {
        setError(describeFailure(result));
        return;
      }
      const ok = result.data.filter((r) => r.ok).map((r) => r.key);
      onDone(t("announce", { deleted: ok.length, total: result.data.length }), ok);
      if (ok.length === result.data.length) onClose();
      else setResults(result.data);
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog open onOpenChange={(open) => !open && !pending && onClose()}>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>{t("title", { count: rows.length })}</DialogTitle>
          <DialogDescription>{t.rich(tencent ? "descriptionTencent" : "descriptionDds", { count: rows.length, name, id: instance.instanceId, n: tag })}</DialogDescription>
        </DialogHeader>
        <ul className="grid max-h-60 gap-1 overflow-y-auto rounded-md border p-2 text-sm" data-testid="delete-items">
          {rows.map((r) => {
            const res = results?.find((x) => x.key === r.key);
            const [head, tail] = tencent ? [r.userName, `@${r.host ?? ""}`] : [`${r.dbName ?? ""}.`, r.userName];
            return (
              <li key={r.key} className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-mono" translate="no">
                  <span className={tencent ? undefined : "text-muted-foreground"}>{head}</span>
                  <span className={tencent ? "text-muted-foreground" : undefined}>{tail}</span>
                </span>
                {res ? (
                  <span className={res.ok ? "text-xs text-success" : "text-xs text-destructive"} data-result={res.ok ? "ok" : "failed"}>
                    {res.ok ? (res.alreadyGone ? t("alreadyGone") : t("deleted")) : `${res.message ?? t("failed")}${res.code ? ` (${res.code}${res.requestId ? ` · ${res.requestId}` : ""})` : ""}`}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
        {results ? null : <Alert variant="warning">{t("warning")}</Alert>}
        {error ? (
          <Alert variant="destructive" role="alert">
            {error}
          </Alert>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose} disabled={pending}>
            {results ? c("close") : c("cancel")}
          </Button>
          {results ? null : (
            <Button variant="destructive" onClick={() => void confirm()} disabled={pending || !rows.length}>
              {pending ? <Spinner className="size-4" /> : <Trash2 aria-hidden />} {pending ? c("submitting") : t("confirm", { count: rows.length })}
            </Button>
          )}
        </div>
      </DialogContent>
    </Dialog>
  );
}

export const CreateDialog = withFormMessages(CreateDialogInner);
export const ResetDialog = withFormMessages(ResetDialogInner);
export const DeleteDialog = withFormMessages(DeleteDialogInner);
