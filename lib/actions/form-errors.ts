import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { ActionFailure } from "./result";

/** A failed action in one line: its words (already in the reader's language) and the code and request id as sent. */
export type DescribeFailure = (failure: ActionFailure, extra?: string[]) => string;

/**
 * Puts a failed action's field errors back on the form fields (the server re-validated with the
 * same schema) and the rest in root.serverError, with the vendor code and request id appended.
 */
export function applyActionErrors<T extends FieldValues>(setError: UseFormSetError<T>, failure: ActionFailure, fields: readonly string[], describe: DescribeFailure) {
  const unplaced: string[] = [];
  for (const [name, messages] of Object.entries(failure.fieldErrors ?? {})) {
    const field = fields.find((f) => name === f || name.startsWith(`${f}.`));
    if (field) setError(field as Path<T>, { type: "server", message: messages.join(" ") });
    else unplaced.push(...messages);
  }
  setError("root.serverError", { type: "server", message: describe(failure, unplaced) });
}

/** Codes that say nothing a support ticket needs (the words already said it). */
const SILENT_CODES = new Set(["INVALID_INPUT", "INTERNAL"]);

/** describeFailure in the reader's language (the suffix's words come from the Shell catalog). */
export function useDescribeFailure(): DescribeFailure {
  const t = useTranslations("Shell.failureDetails");
  return useCallback(
    (failure, extra = []) => {
      const code = failure.code && !SILENT_CODES.has(failure.code) ? failure.code : undefined;
      const requestId = failure.requestId ?? undefined;
      const details = code && requestId ? t("both", { code, requestId }) : code ? t("code", { code }) : requestId ? t("requestId", { requestId }) : "";
      return [failure.formError, ...extra].join(" ") + details;
    },
    [t],
  );
}
