import type { z } from "zod";
import type { ValidationKey, ValidationTranslator } from "./error-keys";

/*
 * Field errors in the reader's language. Schemas carry no text: a check that needs its own wording
 * names a catalog key with `msg("userNameChars")`, a refinement raises `issue("passwordLower")`, and
 * every other issue is worded from its code and bounds ("At most {maximum} characters"). The words
 * come from the `Validation` catalog through one zod error map per locale, passed to each parse: the
 * server's action wrapper and the forms' resolvers parse with the same schemas and the same map.
 */

export type { ValidationKey, ValidationTranslator } from "./error-keys";

export type MessageValues = Record<string, string | number>;

const KEY = Symbol.for("console.validation.key");

type KeyedErrorFn = z.core.$ZodErrorMap & { [KEY]?: { key: ValidationKey; values?: MessageValues } };

/**
 * A schema-level error that names a catalog key. It returns nothing itself, so zod asks the
 * parse's error map, which finds the key on the schema or check that raised the issue.
 */
export function msg(key: ValidationKey, values?: MessageValues): { error: z.core.$ZodErrorMap } {
  const error: KeyedErrorFn = () => undefined;
  error[KEY] = { key, values };
  return { error };
}

/** What a refinement passes to ctx.addIssue: a custom issue whose words the error map chooses. */
export function issue(key: ValidationKey, values?: MessageValues, path?: PropertyKey[]) {
  return { code: "custom" as const, params: { key, values }, ...(path ? { path } : {}) };
}

function keyed(raw: z.core.$ZodRawIssue): { key: ValidationKey; values?: MessageValues } | undefined {
  const params = (raw as { params?: { key?: unknown; values?: MessageValues } }).params;
  if (raw.code === "custom" && typeof params?.key === "string") return { key: params.key as ValidationKey, values: params.values };
  const own = (raw.inst?._zod.def as { error?: KeyedErrorFn } | undefined)?.error?.[KEY];
  if (own) return own;
  const schema = (raw as { schema?: { _zod?: { def?: { error?: KeyedErrorFn } } } }).schema;
  return schema?._zod?.def?.error?.[KEY];
}

function bound(value: unknown): number {
  return typeof value === "bigint" ? Number(value) : Number(value ?? 0);
}

/** The words for an issue nobody named a key for, chosen by its code and bounds. */
function generic(raw: z.core.$ZodRawIssue): { key: ValidationKey; values?: MessageValues } {
  switch (raw.code) {
    case "invalid_type":
      return { key: raw.input === undefined || raw.input === null ? "required" : "invalidValue" };
    case "too_small": {
      const minimum = bound(raw.minimum);
      if (raw.origin === "string") return minimum <= 1 ? { key: "required" } : { key: "tooShort", values: { minimum } };
      if (raw.origin === "array" || raw.origin === "set") return { key: "tooFew", values: { minimum } };
      return { key: "tooSmall", values: { minimum } };
    }
    case "too_big": {
      const maximum = bound(raw.maximum);
      if (raw.origin === "string") return { key: "tooLong", values: { maximum } };
      if (raw.origin === "array" || raw.origin === "set") return { key: "tooMany", values: { maximum } };
      return { key: "tooBig", values: { maximum } };
    }
    case "invalid_format":
      if (raw.format === "email") return { key: "invalidEmail" };
      if (raw.format === "uuid" || raw.format === "guid") return { key: "invalidId" };
      return { key: "invalidFormat" };
    case "invalid_value":
    case "invalid_union":
      return { key: "invalidOption" };
    case "unrecognized_keys":
      return { key: "unknownFields", values: { fields: raw.keys.join(", ") } };
    default:
      return { key: "invalidValue" };
  }
}

/** The error map for one language: pass it as `{ error }` to safeParse or to zodResolver. */
export function validationErrorMap(t: ValidationTranslator): z.core.$ZodErrorMap {
  return (raw) => {
    const found = keyed(raw) ?? generic(raw);
    const values: MessageValues = { ...found.values };
    if (raw.code === "too_big") values.maximum ??= bound(raw.maximum);
    if (raw.code === "too_small") values.minimum ??= bound(raw.minimum);
    if (values.input === undefined && (raw.code === "invalid_value" || raw.code === "invalid_type") && typeof raw.input === "string") {
      values.input = raw.input.slice(0, 40);
    }
    return t(found.key, values);
  };
}

/** The words for a key outside a parse (the action wrapper's text backstop uses it). */
export function wordsFor(map: z.core.$ZodErrorMap, key: ValidationKey, values?: MessageValues): string {
  const words = map({ code: "custom", params: { key, values }, input: undefined, path: [] } as unknown as z.core.$ZodRawIssue);
  return typeof words === "string" ? words : (words?.message ?? key);
}
