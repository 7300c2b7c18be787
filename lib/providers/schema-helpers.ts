import { z } from "zod";

/**
 * Shared zod building blocks for vendor responses. Vendors send null for absent fields as often as
 * they omit them, so optional fields accept both and normalise to undefined.
 */

/** int64 ids arrive as numbers (safe range) or, via parseJsonSafe, as decimal strings. */
export const int64Id = z
  .union([z.string().regex(/^-?\d+$/, "expected a decimal integer id"), z.number().int()])
  .transform((value) => String(value));

/** Identifier that some APIs type as string and others as number (e.g. DMS UserId, Uid). */
export const looseId = z.union([z.string(), z.number()]).transform((value) => String(value));

export function opt<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => (value ?? undefined) as z.output<T> | undefined);
}

/** A list that may be missing or null when empty. */
export function list<T extends z.ZodType>(schema: T) {
  return z
    .array(schema)
    .nullish()
    .transform((value) => (value ?? []) as z.output<T>[]);
}

/** Normalises a caller-supplied 64-bit id to its decimal string, or returns undefined if invalid. */
export function toDecimalId(value: string | number | bigint): string | undefined {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  return /^\d{1,20}$/.test(value) ? value.replace(/^0+(?=\d)/, "") : undefined;
}
