import type { z } from "zod";
import type { FieldErrors } from "@/lib/actions/result";
import type { accessControlRulesForm } from "@/lib/validation/access-control";

export type RulesFormInput = z.input<typeof accessControlRulesForm>;
export type RulesFormOutput = z.output<typeof accessControlRulesForm>;

/**
 * Where a server field error goes on the rules form: each entry's own inputs first, then the list
 * as a whole ("ipList", which react-hook-form keeps at ipList.root for a field array).
 */
export function rulesFormFields(count: number): string[] {
  const rows = Array.from({ length: count }, (_, i) => [`ipList.${i}.ip`, `ipList.${i}.description`]).flat();
  return ["type", "confirmEmptyWhitelist", ...rows, "ipList.root"];
}

/** The server names the whole list "ipList"; the form shows that error at ipList.root. */
export function toFormFieldErrors(fieldErrors: FieldErrors | undefined): FieldErrors | undefined {
  if (!fieldErrors || !("ipList" in fieldErrors)) return fieldErrors;
  const { ipList, ...rest } = fieldErrors;
  return { ...rest, "ipList.root": ipList ?? [] };
}

/** True when a server error belongs on the edit step (a field there), not the review step. */
export function errorsBelongToEdit(fieldErrors: FieldErrors | undefined): boolean {
  return Object.keys(fieldErrors ?? {}).some((k) => k === "type" || k === "ipList" || k.startsWith("ipList."));
}
