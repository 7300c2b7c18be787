import { useId, type ReactNode } from "react";
import { Label } from "./label";
import { cn } from "./cn";

/**
 * Form field wrapper for react-hook-form: one label, one control, an optional description and the
 * error message, wired together with ids so screen readers read all of them.
 *
 * Usage (the render prop receives the attributes to spread on the control):
 *
 *   const { register, formState: { errors } } = useForm<Input>({ resolver: zodResolver(schema) });
 *   <Field label="User name" description="1–32 letters, digits, _ or -" error={errors.userName}>
 *     {(control) => <Input {...control} {...register("userName")} autoComplete="off" />}
 *   </Field>
 *
 * For a Controller-driven control, spread `control` onto the element that receives focus.
 * `error` accepts RHF's FieldError, a plain string, or undefined. While there is a message the control
 * gets aria-invalid and its aria-describedby points at it, so it is read when the field is focused.
 */
export type FieldControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
};

export type FieldProps = {
  label: ReactNode;
  children: (control: FieldControlProps) => ReactNode;
  description?: ReactNode;
  error?: { message?: string } | string | null;
  /** Adds a visual marker and aria-required on the control. */
  required?: boolean;
  /** Pin the control's id (for tests or an external <label>); generated otherwise. */
  id?: string;
  className?: string;
  /** Visually hide the label while keeping it as the accessible name. */
  hideLabel?: boolean;
};

export function fieldErrorMessage(error: FieldProps["error"]): string | undefined {
  if (!error) return undefined;
  if (typeof error === "string") return error || undefined;
  return error.message || undefined;
}

export function Field({ label, children, description, error, required, id, className, hideLabel }: FieldProps) {
  const generated = useId();
  const controlId = id ?? `field-${generated}`;
  const descriptionId = `${controlId}-description`;
  const errorId = `${controlId}-error`;
  const message = fieldErrorMessage(error);

  const describedBy = [description ? descriptionId : null, message ? errorId : null].filter(Boolean).join(" ");

  const control: FieldControlProps = {
    id: controlId,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(message ? { "aria-invalid": true as const } : {}),
    ...(required ? { "aria-required": true as const } : {}),
  };

  return (
    <div data-slot="field" data-invalid={message ? "true" : undefined} className={cn("grid content-start gap-1.5", className)}>
      <Label htmlFor={controlId} className={cn(hideLabel && "sr-only", message && "text-destructive")}>
        {label}
        {required ? (
          <span aria-hidden className="ml-0.5 text-destructive">
            *
          </span>
        ) : null}
      </Label>
      {children(control)}
      {description ? (
        <div id={descriptionId} className="text-xs text-muted-foreground">
          {description}
        </div>
      ) : null}
      {message ? (
        <p id={errorId} className="text-xs font-medium text-destructive">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** A form-level error (RHF `errors.root?.serverError`) shown above the submit button. */
export function FormError({ error, className }: { error?: FieldProps["error"]; className?: string }) {
  const message = fieldErrorMessage(error);
  if (!message) return null;
  return (
    <p role="alert" className={cn("text-sm font-medium text-destructive", className)}>
      {message}
    </p>
  );
}
