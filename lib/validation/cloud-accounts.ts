import { z } from "zod";
import { issue, msg, type ValidationKey } from "./error-map";
import { plainText } from "./text";

/**
 * Cloud account input, shared by the settings form and its actions. Credentials never travel back
 * to the browser: on edit they stay as stored unless the admin replaces them as a whole.
 */

export { VENDOR_LABELS, VENDORS, type VendorName } from "./vendors";

const text = (enter: ValidationKey, max: number) => z.string(msg(enter)).trim().min(1, msg(enter)).max(max).check(plainText());

const optionalUrl = z
  .string()
  .trim()
  .max(300)
  .optional()
  .transform((v) => (v ? v.replace(/\/+$/, "") : undefined))
  .refine((v) => v === undefined || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v), { params: { key: "fullUrl" } });

const region = z
  .string(msg("enterRegion"))
  .trim()
  .regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, msg("regionFormat"));

/** Identifiers and user names: one line of plain text, empty meaning "not given". */
const optionalLine = (max: number) =>
  z.string().trim().max(max).check(plainText()).optional().transform((v) => v || undefined);

/** Credential fields are checked below: required only when credentials are being set. */
const secret = () => z.string().max(500).check(plainText()).optional().transform((v) => v || undefined);

const common = {
  id: z.uuid().optional(),
  /** On edit: false keeps the stored credentials untouched. Always true on create. */
  replaceCredentials: z.coerce.boolean<boolean>().default(true),
  name: text("enterAccountName", 60),
  region,
};

const alibaba = z.object({
  ...common,
  vendor: z.literal("alibaba"),
  endpoint: optionalUrl,
  tenantId: z
    .string()
    .trim()
    .regex(/^\d{0,19}$/, msg("tenantIdFormat"))
    .optional()
    .transform((v) => v || undefined),
  signature: z.enum(["acs3", "v1"]).default("acs3"),
  accessKeyId: optionalLine(128),
  accessKeySecret: secret(),
});

const tencent = z.object({
  ...common,
  vendor: z.literal("tencent"),
  endpoint: optionalUrl,
  secretId: optionalLine(128),
  secretKey: secret(),
});

const huawei = z.object({
  ...common,
  vendor: z.literal("huawei"),
  projectId: z.string().trim().regex(/^[A-Za-z0-9]{32}$/, msg("projectIdFormat")),
  taurusEndpoint: optionalUrl,
  ddsEndpoint: optionalUrl,
  iamEndpoint: optionalUrl,
  authKind: z.enum(["aksk", "iam"], msg("chooseAuth")),
  ak: optionalLine(128),
  sk: secret(),
  domainName: optionalLine(128),
  userName: optionalLine(128),
  password: secret(),
});

export const cloudAccountInput = z
  .discriminatedUnion("vendor", [alibaba, tencent, huawei], msg("chooseVendor"))
  .superRefine((value, ctx) => {
    if (value.id && !value.replaceCredentials) return;
    const need = (field: string, present: unknown, key: ValidationKey) => {
      if (!present) ctx.addIssue(issue(key, undefined, [field]));
    };
    if (value.vendor === "alibaba") {
      need("accessKeyId", value.accessKeyId, "enterAccessKeyId");
      need("accessKeySecret", value.accessKeySecret, "enterAccessKeySecret");
    }
    if (value.vendor === "tencent") {
      need("secretId", value.secretId, "enterSecretId");
      need("secretKey", value.secretKey, "enterSecretKey");
    }
    if (value.vendor === "huawei") {
      if (value.authKind === "aksk") {
        need("ak", value.ak, "enterAk");
        need("sk", value.sk, "enterSk");
      } else {
        need("domainName", value.domainName, "enterDomainName");
        need("userName", value.userName, "enterIamUserName");
        need("password", value.password, "enterIamPassword");
      }
    }
  });

export type CloudAccountInput = z.input<typeof cloudAccountInput>;
export type CloudAccountValues = z.output<typeof cloudAccountInput>;

export const cloudAccountIdInput = z.object({ id: z.uuid(msg("unknownCloudAccount")) });
