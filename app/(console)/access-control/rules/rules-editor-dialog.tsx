"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { diffRules, isNoChange, MAX_RULES, RULE_TYPES, type RuleEntry, type RulesState, type RuleType } from "@/lib/access-control/rules";
import { applyActionErrors, useDescribeFailure } from "@/lib/actions/form-errors";
import type { ActionResult } from "@/lib/actions/result";
import { useErrorMap } from "@/lib/i18n/use-error-map";
import { accessControlRulesForm } from "@/lib/validation/access-control";
import { PasteLines } from "./paste-lines";
import { RuleRows } from "./rule-rows";
import { errorsBelongToEdit, rulesFormFields, toFormFieldErrors, type RulesFormInput, type RulesFormOutput } from "./rules-form";
import { RulesReview } from "./rules-review";

export interface EditRulesDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  proxyName: string;
  /** The proxy's rules as last read: whether access control is on, and its one list. */
  current: { open: boolean; type: RuleType; ipList: RuleEntry[] };
  /** Applies the rules (the caller adds the proxy and its idempotency key); field errors come back as ipList.<n>.ip. */
  submit(values: { type: RuleType; ipList: RuleEntry[]; confirmEmptyWhitelist: boolean }): Promise<ActionResult<unknown>>;
  onApplied(): void;
}

/** Edits a TaurusDB proxy's access-control list in two steps: the list, then the change it makes. */
export function EditRulesDialog(props: EditRulesDialogProps) {
  // Mounted only while open, so every opening starts from the rules as they are now.
  return props.open ? <RulesEditor {...props} /> : null;
}

type Step = "edit" | "review";

function RulesEditor({ onOpenChange, proxyName, current, submit, onApplied }: EditRulesDialogProps) {
  const t = useTranslations("AccessControlRules.editor");
  const types = useTranslations("AccessControlRules.types");
  const inline = useTranslations("AccessControlRules.typesInline");
  const errorMap = useErrorMap();
  const describeFailure = useDescribeFailure();
  const typeId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [step, setStep] = useState<Step>("edit");
  const [reviewed, setReviewed] = useState<RulesState | null>(null);
  const before = useMemo<RulesState>(() => ({ type: current.type, ipList: current.ipList }), [current.type, current.ipList]);

  const form = useForm<RulesFormInput, unknown, RulesFormOutput>({
    resolver: zodResolver(accessControlRulesForm, { error: errorMap }),
    defaultValues: { type: current.type, ipList: current.ipList.map(({ ip, description }) => ({ ip, description })), confirmEmptyWhitelist: false },
  });
  const { control, register, handleSubmit, formState, getValues, setValue, setError, clearErrors } = form;
  const { fields, append, remove, replace } = useFieldArray({ control, name: "ipList" });
  const type = useWatch({ control, name: "type" });
  const values = useWatch({ control, name: "ipList" });
  const confirmed = useWatch({ control, name: "confirmEmptyWhitelist" });
  // Each type keeps its own draft, as TaurusDB keeps one list per type: switching back restores it.
  const drafts = useRef<Partial<Record<RuleType, RulesFormInput["ipList"]>>>({ [current.type]: current.ipList });
  const pending = formState.isSubmitting;

  // Moving between steps replaces most of the dialog: focus goes to the new step's heading, not to the body.
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    headingRef.current?.focus();
  }, [step]);

  const switchType = (next: RuleType) => {
    if (next === type) return;
    drafts.current[type] = getValues("ipList");
    replace(drafts.current[next] ?? []);
    setValue("type", next);
    clearErrors("ipList");
  };

  // Stable callbacks (react-hook-form's remove is one) keep the memoised rows still while another row is typed in.
  const onUseRange = useCallback((index: number, range: string) => setValue(`ipList.${index}.ip`, range, { shouldValidate: true, shouldDirty: true }), [setValue]);

  const toReview = handleSubmit((v) => {
    setReviewed({ type: v.type, ipList: v.ipList });
    setValue("confirmEmptyWhitelist", false);
    setStep("review");
  });

  const save = handleSubmit(
    async (v) => {
      const needsConfirm = current.open && v.type === "white" && v.ipList.length === 0;
      const result = await submit({ type: v.type, ipList: v.ipList, confirmEmptyWhitelist: needsConfirm && v.confirmEmptyWhitelist });
      if (result.ok) {
        onApplied();
        onOpenChange(false);
        return;
      }
      if (errorsBelongToEdit(result.fieldErrors)) setStep("edit");
      applyActionErrors(setError, { ...result, fieldErrors: toFormFieldErrors(result.fieldErrors) }, rulesFormFields(v.ipList.length), describeFailure);
    },
    () => setStep("edit"),
  );

  const after = reviewed ?? before;
  const noChange = useMemo(() => isNoChange(diffRules(before, after)), [before, after]);
  const needsConfirm = current.open && after.type === "white" && after.ipList.length === 0;
  const blocked = pending || noChange || (needsConfirm && !confirmed);
  const proxy = (chunks: ReactNode) => (
    <span translate="no" className="font-medium text-foreground">
      {chunks}
    </span>
  );

  return (
    <Dialog open onOpenChange={(open) => !open && !pending && onOpenChange(false)}>
      <DialogContent className="max-w-2xl" onEscapeKeyDown={(e) => pending && e.preventDefault()}>
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t.rich("description", { name: proxyName, proxy })}</DialogDescription>
        </DialogHeader>
        <form onSubmit={step === "edit" ? toReview : save} className="grid min-w-0 gap-4" noValidate>
          <div className="grid gap-0.5">
            <p className="text-xs text-muted-foreground">{t("step", { step: step === "edit" ? 1 : 2 })}</p>
            <h3 ref={headingRef} tabIndex={-1} className="text-sm font-semibold outline-none">
              {step === "edit" ? t("editHeading") : t("reviewHeading")}
            </h3>
          </div>
          {step === "edit" ? (
            <>
              <fieldset className="grid gap-2" disabled={pending}>
                <legend className="mb-2 text-sm font-medium">{t("typeLegend")}</legend>
                <div className="grid gap-2 sm:grid-cols-2">
                  {RULE_TYPES.map((option) => (
                    <div key={option} className="grid gap-1 rounded-md border p-3 has-[:checked]:border-primary has-[:checked]:bg-primary/5">
                      <label className="flex cursor-pointer items-center gap-2 text-sm font-medium">
                        <input
                          type="radio"
                          name={`${typeId}-type`}
                          value={option}
                          checked={type === option}
                          onChange={() => switchType(option)}
                          aria-describedby={`${typeId}-${option}`}
                          className="size-4 accent-primary"
                        />
                        {types(option)}
                      </label>
                      <p id={`${typeId}-${option}`} className="pl-6 text-xs text-muted-foreground">
                        {t(`typeHelp.${option}`)}
                      </p>
                    </div>
                  ))}
                </div>
                {type !== current.type && current.ipList.length > 0 ? (
                  <Alert variant="warning">{t("discards", { to: inline(type), from: inline(current.type), count: current.ipList.length })}</Alert>
                ) : null}
              </fieldset>
              <RuleRows
                ids={fields.map((f) => f.id)}
                values={values}
                type={type}
                register={register}
                errors={formState.errors.ipList}
                onAdd={() => append({ ip: "", description: "" })}
                onRemove={remove}
                onUseRange={onUseRange}
                disabled={pending}
              />
              <PasteLines room={MAX_RULES - fields.length} onAdd={(entries) => append(entries, { shouldFocus: false })} disabled={pending} />
            </>
          ) : (
            <RulesReview
              proxyName={proxyName}
              accessOn={current.open}
              before={before}
              after={after}
              needsConfirm={needsConfirm}
              confirm={register("confirmEmptyWhitelist")}
              confirmError={formState.errors.confirmEmptyWhitelist?.message}
            />
          )}
          <FormError error={formState.errors.root?.serverError} />
          <DialogFooter>
            {step === "edit" ? (
              <>
                <Button variant="ghost" onClick={() => onOpenChange(false)} disabled={pending}>
                  {t("cancel")}
                </Button>
                <Button type="submit" disabled={pending}>
                  {t("review")}
                </Button>
              </>
            ) : (
              <>
                <Button variant="ghost" onClick={() => setStep("edit")} disabled={pending}>
                  {t("back")}
                </Button>
                <Button type="submit" disabled={blocked}>
                  {pending ? t("submitting") : t("submit")}
                </Button>
              </>
            )}
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
