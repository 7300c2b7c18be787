import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { ActionFailure } from "./result";

/**
 * Puts a failed action's field errors back on the form fields (the server re-validated with the
 * same schema) and the rest in root.serverError, with the vendor code and request id appended.
 */
export function applyActionErrors<T extends FieldValues>(setError: UseFormSetError<T>, failure: ActionFailure, fields: readonly string[]) {
  const unplaced: string[] = [];
  for (const [name, messages] of Object.entries(failure.fieldErrors ?? {})) {
    const field = fields.find((f) => name === f || name.startsWith(`${f}.`));
    if (field) setError(field as Path<T>, { type: "server", message: messages.join(" ") });
    else unplaced.push(...messages);
  }
  setError("root.serverError", { type: "server", message: describeFailureText(failure, unplaced) });
}

export function describeFailureText(failure: ActionFailure, extra: string[] = []): string {
  const details = [
    failure.code && !["INVALID_INPUT", "INTERNAL"].includes(failure.code) ? `code ${failure.code}` : null,
    failure.requestId ? `request id ${failure.requestId}` : null,
  ].filter(Boolean);
  return [failure.formError, ...extra].join(" ") + (details.length ? ` (${details.join(", ")})` : "");
}
