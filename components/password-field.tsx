"use client";

import { useMemo, useState, type ReactNode } from "react";
import { useController, type Control, type FieldPath, type FieldValues } from "react-hook-form";
import { Check, Eye, EyeOff, WandSparkles, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { PASSWORD_POLICIES, checkPasswordRulesFor, generatePassword, passwordStrength, type PasswordPolicyName } from "@/lib/validation/password";
import { CopyButton } from "./copy-button";
import { Button } from "./ui/button";
import { cn } from "./ui/cn";
import { Field } from "./ui/field";
import { Input } from "./ui/input";

export type PasswordFieldProps<TFieldValues extends FieldValues> = {
  control: Control<TFieldValues>;
  /** A string field validated with strictPasswordSchema in the form's zod schema. */
  name: FieldPath<TFieldValues>;
  label?: ReactNode;
  /** Length of generated passwords (8–32). */
  generateLength?: number;
  autoComplete?: string;
  disabled?: boolean;
  required?: boolean;
  className?: string;
  /** Whose rules the checklist, the meter and the generator follow (the form's schema must use the same). */
  policy?: PasswordPolicyName;
};

const METER_COLOURS = ["bg-destructive", "bg-destructive", "bg-warning", "bg-success", "bg-success"];

function StrengthMeter({ value, policy }: { value: string; policy: PasswordPolicyName }) {
  const t = useTranslations("Shell.password");
  const v = useTranslations("Validation");
  const strength = useMemo(() => passwordStrength(value, policy), [value, policy]);
  const { rules, values } = PASSWORD_POLICIES[policy];
  // The checklist already states rule failures; here only the advice that goes beyond the rules.
  const advice = strength.hints.filter((h) => !rules.some((r) => r.message === h)).slice(0, 2);
  if (!value) return null;
  return (
    <div className="grid gap-1">
      <div className="flex gap-1" aria-hidden>
        {[1, 2, 3, 4].map((i) => (
          <span
            key={i}
            className={cn("h-1 flex-1 rounded-full bg-muted", strength.score >= i && METER_COLOURS[strength.score])}
          />
        ))}
      </div>
      <p className="text-xs text-muted-foreground">
        <span aria-live="polite">
          {t.rich("strength", { label: v(strength.label), strong: (chunks) => <span className="font-medium text-foreground">{chunks}</span> })}
        </span>
        {advice.length > 0 ? <span> · {advice.map((h) => v(h, values)).join(" ")}</span> : null}
      </p>
    </div>
  );
}

function RuleSummary({ value, policy }: { value: string; policy: PasswordPolicyName }) {
  const t = useTranslations("Shell.password");
  const v = useTranslations("Validation");
  const checks = checkPasswordRulesFor(policy, value);
  const { values } = PASSWORD_POLICIES[policy];
  return (
    <ul className="mt-0.5 grid gap-x-4 gap-y-0.5 sm:grid-cols-2" aria-label={t("rules")}>
      {checks.map((c) => {
        const met = value.length > 0 && c.ok;
        return (
          <li key={c.id} className={cn("flex items-center gap-1.5", met ? "text-success" : "text-muted-foreground")}>
            {met ? <Check className="size-3.5 shrink-0" aria-hidden /> : <X className="size-3.5 shrink-0 opacity-60" aria-hidden />}
            <span>
              {v(c.summary, values)}
              <span className="sr-only">{met ? t("met") : t("notMet")}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Password input for react-hook-form with show/hide, a "Generate" button (crypto-random, always valid
 * for the field's policy), a strength meter and the console's rule checklist. The value is never logged or
 * stored here; it lives in the form state only.
 */
export function PasswordField<TFieldValues extends FieldValues>({
  control,
  name,
  label,
  generateLength = 20,
  autoComplete = "new-password",
  disabled,
  required,
  className,
  policy = "console",
}: PasswordFieldProps<TFieldValues>) {
  const t = useTranslations("Shell.password");
  const { field, fieldState } = useController({ control, name });
  const [visible, setVisible] = useState(false);
  const value = typeof field.value === "string" ? field.value : "";

  function generate() {
    field.onChange(generatePassword(generateLength, policy));
    // A generated password is useless unless the user can read or copy it.
    setVisible(true);
  }

  return (
    <Field
      label={label ?? t("label")}
      error={fieldState.error}
      required={required}
      className={className}
      description={
        <div className="grid gap-2">
          <StrengthMeter value={value} policy={policy} />
          <RuleSummary value={value} policy={policy} />
        </div>
      }
    >
      {(controlProps) => (
        <div className="flex gap-2">
          <div className="relative min-w-0 flex-1">
            <Input
              {...controlProps}
              ref={field.ref}
              name={field.name}
              value={value}
              onChange={(e) => field.onChange(e.target.value)}
              onBlur={field.onBlur}
              type={visible ? "text" : "password"}
              autoComplete={autoComplete}
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              disabled={disabled}
              className={cn("pr-16 font-mono", !visible && "tracking-wider")}
            />
            <div className="absolute inset-y-0 right-1 flex items-center gap-0.5">
              {value ? <CopyButton value={value} label={t("copy")} disabled={disabled} /> : null}
              <Button
                variant="ghost"
                size="icon-xs"
                // A toggle keeps one name; aria-pressed tells whether the password is shown.
                aria-label={t("show")}
                aria-pressed={visible}
                aria-controls={controlProps.id}
                onClick={() => setVisible((v) => !v)}
                disabled={disabled}
              >
                {visible ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
              </Button>
            </div>
          </div>
          <Button variant="outline" onClick={generate} disabled={disabled}>
            <WandSparkles aria-hidden />
            {t("generate")}
          </Button>
        </div>
      )}
    </Field>
  );
}
