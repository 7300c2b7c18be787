import { TencentError } from "./errors";

export type ParamType = "string" | "int" | "string[]" | "int[]" | "bool" | "object[]";
export interface ParamSpec {
  type: ParamType;
  required?: boolean;
}

/** Strict parameter reader: unknown names and wrong types are refused as the gateway does. */
export class Params {
  constructor(
    private readonly body: Record<string, unknown>,
    spec: Record<string, ParamSpec>,
  ) {
    for (const k of Object.keys(body)) {
      if (!spec[k]) throw new TencentError("UnknownParameter", `The parameter \`${k}\` is not recognized.`);
    }
    for (const [k, s] of Object.entries(spec)) {
      const v = body[k];
      if (v === undefined || v === null) {
        if (s.required) throw new TencentError("MissingParameter", `The request is missing a required parameter \`${k}\`.`);
        continue;
      }
      if (!matches(v, s.type)) throw new TencentError("InvalidParameter", `The type of parameter \`${k}\` is invalid, expected ${s.type}.`);
    }
  }

  str(k: string): string | undefined {
    const v = this.body[k];
    return v === undefined || v === null ? undefined : String(v);
  }

  int(k: string): number | undefined {
    const v = this.body[k];
    return v === undefined || v === null ? undefined : Number(v);
  }

  list(k: string): unknown[] | undefined {
    const v = this.body[k];
    return Array.isArray(v) ? v : undefined;
  }
}

function isInt(v: unknown): boolean {
  // Integers may arrive as JSON numbers or numeric strings (the vendor's own example sends "0").
  if (typeof v === "number") return Number.isInteger(v);
  return typeof v === "string" && /^-?\d{1,15}$/.test(v);
}

function matches(v: unknown, t: ParamType): boolean {
  switch (t) {
    case "string":
      return typeof v === "string";
    case "int":
      return isInt(v);
    case "bool":
      // "true"/"false" are what a form-encoded GET query carries for a boolean.
      return typeof v === "boolean" || v === 0 || v === 1 || v === "true" || v === "false";
    case "string[]":
      return Array.isArray(v) && v.every((x) => typeof x === "string");
    case "int[]":
      return Array.isArray(v) && v.every(isInt);
    case "object[]":
      return Array.isArray(v) && v.every((x) => typeof x === "object" && x !== null);
  }
}
