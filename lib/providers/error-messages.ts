import en from "@/lib/providers/messages/en.json";
import type { Vendor } from "@/lib/providers/types";

/**
 * Plain-language explanations for every error code documented in docs/providers.md, plus the
 * console's own codes. The words live in the VendorErrors catalogs (lib/providers/messages, en and
 * zh-CN); this module only decides which message applies, so the text can be chosen in the
 * viewer's language at display time from the stable code. The UI shows the message next to the
 * vendor's code and request id, which are never translated.
 */

type Table = Record<string, string>;
type VendorTables = typeof en;

/** A message of the VendorErrors namespace and the ICU arguments it takes. */
export interface VendorErrorMessageRef {
  /** Dotted path inside VendorErrors, e.g. "alibaba.Throttling_User" or "status.notFound". */
  key: string;
  values: Record<string, string>;
}

/** The fields of a failure that choose its text: all stable, none of them language. */
export interface VendorErrorIdentity {
  vendor: Vendor;
  code: string;
  httpStatus?: number | null;
}

/**
 * Catalog keys cannot contain "." (next-intl reads it as nesting), so codes are stored with "_"
 * in its place: "Throttling.User" is the key "Throttling_User". No documented code contains "_".
 */
export function codeKey(code: string): string {
  return code.replaceAll(".", "_");
}

const has = (table: Table, code: string) => Object.hasOwn(table, codeKey(code));

function exact(group: "common" | Vendor, code: string): VendorErrorMessageRef | undefined {
  return has(en[group], code) ? { key: `${group}.${codeKey(code)}`, values: {} } : undefined;
}

function byPrefix(vendor: Vendor, code: string): VendorErrorMessageRef | undefined {
  if (vendor === "alibaba") {
    if (code.startsWith("Throttling")) return exact("alibaba", "Throttling");
    if (/^Missing[A-Z]/.test(code)) return { key: "family.alibabaMissing", values: { name: code.slice(7) } };
    if (code.startsWith("InvalidParameter")) return exact("alibaba", "InvalidParameter");
    if (code.startsWith("Forbidden")) return exact("alibaba", "Forbidden.RAM");
  }
  if (vendor === "tencent") return exact("tencent", code.split(".")[0] ?? code);
  if (vendor === "huawei") {
    if (code.startsWith("APIG.")) return exact("huawei", `APIGW.${code.slice(5)}`);
    if (code.startsWith("IAM.")) return { key: "family.huaweiIam", values: {} };
  }
  return undefined;
}

function byStatus(httpStatus: number | null | undefined): VendorErrorMessageRef | undefined {
  const key = (name: keyof VendorTables["status"]) => ({ key: `status.${name}`, values: {} });
  if (httpStatus === undefined || httpStatus === null) return undefined;
  if (httpStatus === 401) return key("unauthorized");
  if (httpStatus === 403) return key("forbidden");
  if (httpStatus === 404) return key("notFound");
  if (httpStatus === 409) return key("conflict");
  if (httpStatus === 429) return key("throttled");
  if (httpStatus >= 500) return key("serverError");
  return undefined;
}

/**
 * Which plain-language message explains a vendor error: the exact code (console codes first, then
 * the vendor's), else its code family, else the HTTP status, else a generic one naming the code.
 */
export function vendorErrorMessageRef({ vendor, code, httpStatus }: VendorErrorIdentity): VendorErrorMessageRef {
  return (
    exact("common", code) ??
    exact(vendor, code) ??
    byPrefix(vendor, code) ??
    byStatus(httpStatus) ??
    { key: "generic", values: { code } }
  );
}

/** Reads a dotted key of a VendorErrors catalog; undefined when the catalog lacks it. */
export function vendorErrorTemplate(catalog: VendorTables, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object" || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

/**
 * The English message, for logs, tests and ProviderError.userMessage. The catalog's messages use
 * only plain {name} arguments (a test holds them to it), so no ICU formatter is needed here;
 * people get the text in their own language through lib/i18n/vendor-errors.ts.
 */
export function userMessageFor(vendor: Vendor, code: string, httpStatus?: number): string {
  const ref = vendorErrorMessageRef({ vendor, code, httpStatus });
  const template = vendorErrorTemplate(en, ref.key) ?? en.generic;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => ref.values[name] ?? whole);
}

function decoded(table: Table): Table {
  return Object.fromEntries(Object.entries(table).map(([key, message]) => [key.replaceAll("_", "."), message]));
}

/** Every documented code (as the vendor spells it) with its English message, for tests and documentation. */
export const DOCUMENTED_CODES: Readonly<Record<Vendor | "common", Readonly<Table>>> = {
  common: decoded(en.common),
  alibaba: decoded(en.alibaba),
  tencent: decoded(en.tencent),
  huawei: decoded(en.huawei),
};
