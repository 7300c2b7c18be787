import { z } from "zod";
import { plainText } from "./text";

/**
 * Cloud account input, shared by the settings form and its actions. Credentials never travel back
 * to the browser: on edit they stay as stored unless the admin replaces them as a whole.
 */

export { VENDOR_LABELS, VENDORS, type VendorName } from "./vendors";

const text = (label: string, max: number) =>
  z.string({ error: `Enter the ${label}` }).trim().min(1, `Enter the ${label}`).max(max, `At most ${max} characters`).check(plainText());

const optionalUrl = z
  .string()
  .trim()
  .max(300)
  .optional()
  .transform((v) => (v ? v.replace(/\/+$/, "") : undefined))
  .refine((v) => v === undefined || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v), "Enter a full http(s) URL, e.g. https://dms-enterprise.aliyuncs.com");

const region = z
  .string({ error: "Enter the region" })
  .trim()
  .regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, "Use the vendor's region id, e.g. cn-hangzhou, ap-guangzhou or cn-north-4");

/** Identifiers and user names: one line of plain text, empty meaning "not given". */
const optionalLine = (max: number) =>
  z.string().trim().max(max, `At most ${max} characters`).check(plainText()).optional().transform((v) => v || undefined);

/** Credential fields are checked below: required only when credentials are being set. */
const secret = () => z.string().max(500, "At most 500 characters").check(plainText()).optional().transform((v) => v || undefined);

const common = {
  id: z.uuid().optional(),
  /** On edit: false keeps the stored credentials untouched. Always true on create. */
  replaceCredentials: z.coerce.boolean<boolean>().default(true),
  name: text("account name", 60),
  region,
};

const alibaba = z.object({
  ...common,
  vendor: z.literal("alibaba"),
  endpoint: optionalUrl,
  tenantId: z
    .string()
    .trim()
    .regex(/^\d{0,19}$/, "The tenant id (Tid) is a number")
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
  projectId: z.string().trim().regex(/^[A-Za-z0-9]{32}$/, "The project id is 32 letters and digits"),
  taurusEndpoint: optionalUrl,
  ddsEndpoint: optionalUrl,
  iamEndpoint: optionalUrl,
  authKind: z.enum(["aksk", "iam"], { error: "Choose how to authenticate" }),
  ak: optionalLine(128),
  sk: secret(),
  domainName: optionalLine(128),
  userName: optionalLine(128),
  password: secret(),
});

export const cloudAccountInput = z
  .discriminatedUnion("vendor", [alibaba, tencent, huawei], { error: "Choose a cloud vendor" })
  .superRefine((value, ctx) => {
    if (value.id && !value.replaceCredentials) return;
    const need = (field: string, present: unknown, message: string) => {
      if (!present) ctx.addIssue({ code: "custom", path: [field], message });
    };
    if (value.vendor === "alibaba") {
      need("accessKeyId", value.accessKeyId, "Enter the AccessKey ID");
      need("accessKeySecret", value.accessKeySecret, "Enter the AccessKey secret");
    }
    if (value.vendor === "tencent") {
      need("secretId", value.secretId, "Enter the SecretId");
      need("secretKey", value.secretKey, "Enter the SecretKey");
    }
    if (value.vendor === "huawei") {
      if (value.authKind === "aksk") {
        need("ak", value.ak, "Enter the access key id (AK)");
        need("sk", value.sk, "Enter the secret access key (SK)");
      } else {
        need("domainName", value.domainName, "Enter the account (domain) name");
        need("userName", value.userName, "Enter the IAM user name");
        need("password", value.password, "Enter the IAM user's password");
      }
    }
  });

export type CloudAccountInput = z.input<typeof cloudAccountInput>;
export type CloudAccountValues = z.output<typeof cloudAccountInput>;

export const cloudAccountIdInput = z.object({ id: z.uuid("Unknown cloud account") });
