"use client";

import { useMemo, useState, type ReactNode } from "react";
import { useController, type Control, type FieldPath, type FieldValues } from "react-hook-form";
import { Check, Eye, EyeOff, WandSparkles, X } from "lucide-react";
import { useTranslations } from "next-intl";
import {
  CONSOLE_PASSWORD_SYMBOLS,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULES,
  checkPasswordRules,
  generatePassword,
  passwordStrength,
  type PasswordStrength,
} from "@/lib/validation/password";
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
};

const RULE_MESSAGES = new Set(PASSWORD_RULES.map((r) => r.message));

const METER_COLOURS = ["bg-destructive", "bg-destructive", "bg-warning", "bg-success", "bg-success"];
const LEVELS = ["veryWeak", "weak", "fair", "good", "strong"] as const satisfies readonly string[];

/*
 * passwordStrength speaks English (it is shared with the schemas); its advice is matched here to the
 * catalog by the policy's own wording, and anything new shows as it comes until a key is added.
 */
const HINT_KEYS: Record<string, "repeat" | "sequence" | "common" | "length" | "empty"> = {
  "Avoid repeating the same characters.": "repeat",
  "Avoid sequences such as abcd, 1234 or qwerty.": "sequence",
  "Avoid common words such as password or admin.": "common",
  "Use 12 or more characters; 16+ is better.": "length",
  "Enter a password or generate one.": "empty",
};

function StrengthMeter({ value }: { value: string }) {
  const t = useTranslations("Shell.password");
  const strength: PasswordStrength = useMemo(() => passwordStrength(value), [value]);
  // The checklist already states rule failures; here only the advice that goes beyond the rules.
  const advice = strength.hints
    .filter((h) => !RULE_MESSAGES.has(h))
    .slice(0, 2)
    .map((h) => (HINT_KEYS[h] ? t(`hints.${HINT_KEYS[h]}`) : h));
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
          {t.rich("strength", { level: t(`levels.${LEVELS[strength.score]}`), value: (chunks) => <span className="font-medium text-foreground">{chunks}</span> })}
        </span>
        {advice.length > 0 ? <span> · {advice.join(" ")}</span> : null}
      </p>
    </div>
  );
}

function RuleSummary({ value }: { value: string }) {
  const t = useTranslations("Shell.password");
  const checks = checkPasswordRules(value);
  return (
    <ul className="mt-0.5 grid gap-x-4 gap-y-0.5 sm:grid-cols-2" aria-label={t("rulesLabel")}>
      {checks.map((c) => {
        const met = value.length > 0 && c.ok;
        return (
          <li key={c.id} className={cn("flex items-center gap-1.5", met ? "text-success" : "text-muted-foreground")}>
            {met ? <Check className="size-3.5 shrink-0" aria-hidden /> : <X className="size-3.5 shrink-0 opacity-60" aria-hidden />}
            <span>
              {t(`rules.${c.id}`, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH, symbols: CONSOLE_PASSWORD_SYMBOLS })}
              <span className="sr-only"> {met ? t("met") : t("notMet")}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Password input for react-hook-form with show/hide, a "Generate" button (crypto-random, always valid
 * for every vendor), a strength meter and the console's rule checklist. The value is never logged or
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
}: PasswordFieldProps<TFieldValues>) {
  const t = useTranslations("Shell.password");
  const { field, fieldState } = useController({ control, name });
  const [visible, setVisible] = useState(false);
  const value = typeof field.value === "string" ? field.value : "";

  function generate() {
    field.onChange(generatePassword(generateLength));
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
          <StrengthMeter value={value} />
          <RuleSummary value={value} />
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
