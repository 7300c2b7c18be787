import { z } from "zod";
import { issue, msg, type ValidationKey } from "./error-map";
import { mysqlHostSchema } from "./mysql-host";
import { passwordSchemaFor } from "./password";
import { plainText } from "./text";

/**
 * Inputs of the database-accounts page (Tencent MariaDB accounts, Huawei DDS users), shared by the
 * forms (react-hook-form resolver) and the server actions, which re-check them. Where the vendor's
 * pages disagree (docs/providers.md §3.3, §4.2–4.3) the strictest rule wins for what the console
 * creates; the identity of an existing account follows the loosest documented charset, since it
 * may have been made elsewhere. Path ids follow the documented shapes, so none reaches a URL malformed.
 */

const TENCENT_REGION = /^[a-z]{2}(?:-[a-z]{2,20}){1,2}$/;
const HUAWEI_REGION = /^[a-z]{2}-[a-z]{2,20}-\d{1,3}$/;
const MARIADB_INSTANCE = /^tdsql-[a-z0-9]{8}$/;
const DDS_INSTANCE = /^[A-Za-z0-9]{8,64}$/;
const PROJECT = /^[A-Za-z0-9]{32}$/;

/** Missing or empty says `enter` alone; anything else is checked against the pattern. */
const required = (enter: ValidationKey) => z.string(msg(enter)).min(1, { ...msg(enter), abort: true });
/* A key on z.string() words every issue without its own key, bounds included, so the bound needs its own. */
const tooLong = msg("tooLong");
const idString = (pattern: RegExp, enter: ValidationKey, format: ValidationKey) => required(enter).regex(pattern, msg(format));

const accountId = z.uuid(msg("chooseAccount"));
const projectId = idString(PROJECT, "chooseProject", "projectIdFormat");

const mariadbRefShape = {
  accountId,
  region: idString(TENCENT_REGION, "chooseRegion", "tencentRegionFormat"),
  instanceId: idString(MARIADB_INSTANCE, "chooseInstance", "mariadbInstanceIdFormat"),
};
export const mariadbInstanceRef = z.object(mariadbRefShape);
export type MariadbInstanceRef = z.output<typeof mariadbInstanceRef>;

const ddsRefShape = {
  accountId,
  projectId,
  region: idString(HUAWEI_REGION, "chooseRegion", "huaweiRegionFormat"),
  instanceId: idString(DDS_INSTANCE, "chooseInstance", "ddsInstanceIdFormat"),
};
export const ddsInstanceRef = z.object(ddsRefShape);
export type DdsInstanceRef = z.output<typeof ddsInstanceRef>;

/** One per form instance, generated in the browser: a resubmitted form is one change, not two. */
const idempotencyKey = z.uuid(msg("reloadForm"));
const confirm = z.literal(true, msg("confirmDelete"));

/** A refinement for lists: each item whose `keyOf` repeats an earlier one is an error at its index. */
function noDuplicates<T>(keyOf: (item: T) => string, key: ValidationKey) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = keyOf(item);
      if (seen.has(k)) ctx.addIssue(issue(key, undefined, [i]));
      seen.add(k);
    });
  };
}

/** A <select> of numbers: the number itself (JSON) or its decimal string (the DOM's value). */
function selectNumber<const T extends readonly [number, ...number[]]>(values: T, key: ValidationKey) {
  const strings = values.map(String) as [string, ...string[]];
  return z.union([z.literal(values), z.enum(strings).transform((s) => Number(s) as T[number])], msg(key));
}

/** The same, optional: an empty choice ("") or no value at all is absent. */
function optionalSelectNumber<const T extends readonly [number, ...number[]]>(values: T, key: ValidationKey) {
  const strings = values.map(String) as [string, ...string[]];
  const empty = z.literal("").transform(() => undefined);
  return z.union([z.literal(values), z.enum(strings).transform((s) => Number(s) as T[number]), empty], msg(key)).optional();
}

/** A whole-number field: the number (JSON) or the digits a text input holds; "" or no value is absent. */
function formInteger(min: number, max: number, key: ValidationKey) {
  const words = msg(key, { min, max });
  const digits = z
    .string()
    .trim()
    .regex(/^\d{0,9}$/)
    .transform((s) => (s === "" ? undefined : Number(s)));
  return z
    .union([z.number(), digits], words)
    .optional()
    .pipe(z.number().int({ ...words, abort: true }).min(min, words).max(max, words).optional());
}

/* ---------------------------------------------------------------- Tencent MariaDB accounts */

export const MARIADB_USER_NAME_MAX = 32;
export const MARIADB_DESCRIPTION_MAX = 256;
/** 0 read-write; 1 read-only, replicas first, primary when they lag; 2 the same but failing instead; 3 replicas only. */
export const READ_ONLY_MODES = [0, 1, 2, 3] as const;
export type ReadOnlyMode = (typeof READ_ONLY_MODES)[number];
/** The modes that compare replica lag with DelayThresh. */
export const LAG_THRESHOLD_MODES: readonly ReadOnlyMode[] = [1, 2];
export const DELAY_THRESH_MIN = 1;
export const DELAY_THRESH_MAX = 10_000;
export const MAX_USER_CONNECTIONS_MAX = 10_240;
export const DELETE_MAX = 50;

/** Any account's name as Tencent documents it: the identity of an account that exists. */
const mariadbUserName = required("enterDbUserName").max(MARIADB_USER_NAME_MAX, tooLong).regex(/^[A-Za-z0-9_-]*$/, msg("mariadbUserNameChars"));

/** A new account's name: the Chinese page adds that it starts with a letter. */
const newMariadbUserName = z
  .string(msg("enterDbUserName"))
  .trim()
  .min(1, { ...msg("enterDbUserName"), abort: true })
  .max(MARIADB_USER_NAME_MAX, tooLong)
  .regex(/^[A-Za-z0-9_-]*$/, msg("mariadbUserNameChars"))
  .regex(/^(?![0-9_-])/, msg("mariadbUserNameStart"));

/** An existing account's host may use any MySQL pattern, so it is only bounded, not parsed. */
const existingHost = z.string(msg("hostIdentity")).regex(/^[!-~]{1,60}$/, msg("hostIdentity"));

const mariadbPassword = passwordSchemaFor("tencent-mariadb");

const mariadbAccountFields = {
  userName: newMariadbUserName,
  host: mysqlHostSchema.default("%"),
  password: mariadbPassword,
  readOnly: selectNumber(READ_ONLY_MODES, "chooseReadOnlyMode").default(0),
  /** Seconds of replica lag after which a replica counts as unavailable (modes 1 and 2). */
  delayThresh: formInteger(DELAY_THRESH_MIN, DELAY_THRESH_MAX, "delayThreshRange"),
  /** 1 pins the replica: the connection drops instead of moving when it fails the conditions. */
  slaveConst: optionalSelectNumber([0, 1] as const, "chooseSlaveConst"),
  /** 0 is unlimited. The action refuses other values on kernel 10.1 (see maxConnectionsSupported). */
  maxUserConnections: formInteger(0, MAX_USER_CONNECTIONS_MAX, "maxConnectionsRange").transform((v) => v ?? 0),
  description: z.string().trim().max(MARIADB_DESCRIPTION_MAX).check(plainText("line")).default(""),
};

function modeRules(v: { readOnly: ReadOnlyMode; delayThresh?: number; slaveConst?: number }, ctx: z.RefinementCtx) {
  if (v.delayThresh !== undefined && !LAG_THRESHOLD_MODES.includes(v.readOnly)) ctx.addIssue(issue("delayThreshMode", undefined, ["delayThresh"]));
  if (v.slaveConst !== undefined && v.readOnly === 0) ctx.addIssue(issue("slaveConstMode", undefined, ["slaveConst"]));
}

/** What the create-account dialog submits. */
export const createMariadbAccountForm = z.object(mariadbAccountFields).superRefine(modeRules);
export type CreateMariadbAccountFormValues = z.input<typeof createMariadbAccountForm>;
export type CreateMariadbAccountForm = z.output<typeof createMariadbAccountForm>;

export const createMariadbAccountInput = z.object({ ...mariadbRefShape, ...mariadbAccountFields, idempotencyKey }).superRefine(modeRules);
export type CreateMariadbAccountInput = z.output<typeof createMariadbAccountInput>;

/** Tencent documents no connection cap on kernel 10.1; 10.0 and 10.10+ are other kernels. */
export function maxConnectionsSupported(dbVersion: string): boolean {
  return !/^10\.1(?:\.|$)/.test(dbVersion.trim());
}

const mariadbAccountIdentity = { userName: mariadbUserName, host: existingHost };

export const resetMariadbPasswordInput = z.object({ ...mariadbRefShape, ...mariadbAccountIdentity, password: mariadbPassword, idempotencyKey });
export type ResetMariadbPasswordInput = z.output<typeof resetMariadbPasswordInput>;

export const deleteMariadbAccountsInput = z.object({
  ...mariadbRefShape,
  accounts: z
    .array(z.object(mariadbAccountIdentity), msg("chooseAccounts"))
    .min(1, msg("chooseAccounts"))
    .max(DELETE_MAX, msg("tooManyAccounts", { maximum: DELETE_MAX }))
    // MySQL compares host names without case; user names keep theirs.
    .superRefine(noDuplicates((a) => JSON.stringify([a.userName, a.host.toLowerCase()]), "duplicateAccount")),
  idempotencyKey,
  confirm,
});
export type DeleteMariadbAccountsInput = z.output<typeof deleteMariadbAccountsInput>;

/* ---------------------------------------------------------------- Huawei DDS users */

export const DDS_NAME_MAX = 64;
export const DDS_ROLES_MAX = 50;
/** Internal users of the data replication service: never created, changed or deleted. */
export const DDS_RESERVED_USERS = ["drsFull", "drsIncremental"] as const;
/** Built-in users; rwuser is the instance's administrator, whose password alone may be reset. */
export const DDS_BUILTIN_USERS = ["root", "monitor", "backup", "rwuser"] as const;

const DDS_NAME_CHARS = /^[A-Za-z0-9.-]*$/;
const DDS_EXISTING_NAME_CHARS = /^[A-Za-z0-9._-]*$/;
const DB_NAME_CHARS = /^[A-Za-z0-9_]*$/;

/** A check refusing `names`, with the refused name in the message. */
function notOneOf(names: readonly string[], key: ValidationKey, caseless = false) {
  const listed = new Set(caseless ? names.map((n) => n.toLowerCase()) : names);
  return z.superRefine<string>((value, ctx) => {
    if (listed.has(caseless ? value.toLowerCase() : value)) ctx.addIssue(issue(key, { name: value }));
  });
}

const ddsName = (enter: ValidationKey, chars: RegExp, charsKey: ValidationKey) =>
  z
    .string(msg(enter))
    .trim()
    .min(1, { ...msg(enter), abort: true })
    .max(DDS_NAME_MAX, tooLong)
    .regex(chars, msg(charsKey));

/* Case is ignored for new names: "Root" beside "root" would read as the built-in user in a list. */
const newDdsUserName = ddsName("enterDbUserName", DDS_NAME_CHARS, "ddsNameChars").check(
  notOneOf([...DDS_RESERVED_USERS, ...DDS_BUILTIN_USERS], "ddsUserNameReserved", true),
);

/** An existing user's name, untrimmed: MongoDB names are exact, and `_` is in the Chinese page's set. */
const existingDdsUserName = (refused: readonly string[], key: ValidationKey) =>
  required("enterDbUserName").max(DDS_NAME_MAX, tooLong).regex(DDS_EXISTING_NAME_CHARS, msg("ddsExistingNameChars")).check(notOneOf(refused, key));

const existingDbName = required("enterDbName").max(DDS_NAME_MAX, tooLong).regex(DB_NAME_CHARS, msg("dbNameChars"));

const ddsPassword = passwordSchemaFor("huawei-dds");

export const ddsRoleSchema = z.object({
  roleDbName: ddsName("enterRoleDbName", DB_NAME_CHARS, "dbNameChars"),
  roleName: ddsName("enterRoleName", DDS_NAME_CHARS, "ddsNameChars"),
});
export type DdsRoleInput = z.output<typeof ddsRoleSchema>;

const ddsUserFields = {
  userName: newDdsUserName,
  password: ddsPassword,
  dbName: ddsName("enterDbName", DB_NAME_CHARS, "dbNameChars").default("admin"),
  roles: z
    .array(ddsRoleSchema)
    .max(DDS_ROLES_MAX, msg("ddsTooManyRoles", { maximum: DDS_ROLES_MAX }))
    .superRefine(noDuplicates((r) => JSON.stringify([r.roleDbName, r.roleName]), "ddsDuplicateRole"))
    .default([]),
  /** The explicit choice of a user without any role, so an empty list is never an oversight. */
  noPrivileges: z.boolean().default(false),
};

function privilegeRules(v: { roles: unknown[]; noPrivileges: boolean }, ctx: z.RefinementCtx) {
  if (v.roles.length === 0 && !v.noPrivileges) ctx.addIssue(issue("ddsRolesOrNoPrivileges", undefined, ["roles"]));
  if (v.roles.length > 0 && v.noPrivileges) ctx.addIssue(issue("ddsNoPrivilegesWithRoles", undefined, ["noPrivileges"]));
}

/** What the create-user dialog submits. */
export const createDdsUserForm = z.object(ddsUserFields).superRefine(privilegeRules);
export type CreateDdsUserFormValues = z.input<typeof createDdsUserForm>;
export type CreateDdsUserForm = z.output<typeof createDdsUserForm>;

export const createDdsUserInput = z.object({ ...ddsRefShape, ...ddsUserFields, idempotencyKey }).superRefine(privilegeRules);
export type CreateDdsUserInput = z.output<typeof createDdsUserInput>;

const RESETTABLE_REFUSED = [...DDS_RESERVED_USERS, ...DDS_BUILTIN_USERS.filter((n) => n !== "rwuser")];

export const resetDdsPasswordInput = z.object({
  ...ddsRefShape,
  userName: existingDdsUserName(RESETTABLE_REFUSED, "ddsUserNotResettable"),
  dbName: existingDbName,
  password: ddsPassword,
  idempotencyKey,
});
export type ResetDdsPasswordInput = z.output<typeof resetDdsPasswordInput>;

const ddsUserIdentity = z.object({
  userName: existingDdsUserName([...DDS_RESERVED_USERS, ...DDS_BUILTIN_USERS], "ddsUserNotDeletable"),
  dbName: existingDbName,
});

export const deleteDdsUsersInput = z.object({
  ...ddsRefShape,
  users: z
    .array(ddsUserIdentity, msg("chooseUsers"))
    .min(1, msg("chooseUsers"))
    .max(DELETE_MAX, msg("tooManyUsers", { maximum: DELETE_MAX }))
    .superRefine(noDuplicates((u) => JSON.stringify([u.userName, u.dbName]), "duplicateDdsUser")),
  idempotencyKey,
  confirm,
});
export type DeleteDdsUsersInput = z.output<typeof deleteDdsUsersInput>;

/* ---------------------------------------------------------------- GET routes */

/**
 * Query strings of the accounts page's GET routes, for either vendor: a project or a DDS-shaped
 * instance makes it a Huawei query, a tdsql- instance a Tencent one, and the other ids must agree.
 */
export const accountsQuery = z
  .object({
    account: accountId,
    region: z.string().refine((v) => TENCENT_REGION.test(v) || HUAWEI_REGION.test(v), msg("regionFormat")).optional(),
    project: projectId.optional(),
    instance: z.string().refine((v) => MARIADB_INSTANCE.test(v) || DDS_INSTANCE.test(v), msg("queryInstanceFormat")).optional(),
  })
  .superRefine((q, ctx) => {
    // Malformed ids already have their own error; only well-formed ones are held to agree.
    const instance = q.instance !== undefined && (MARIADB_INSTANCE.test(q.instance) || DDS_INSTANCE.test(q.instance)) ? q.instance : undefined;
    const region = q.region !== undefined && (TENCENT_REGION.test(q.region) || HUAWEI_REGION.test(q.region)) ? q.region : undefined;
    const tencent = instance !== undefined && MARIADB_INSTANCE.test(instance);
    const huawei = q.project !== undefined || (instance !== undefined && !tencent);
    if (instance !== undefined && q.region === undefined) ctx.addIssue(issue("chooseRegion", undefined, ["region"]));
    if (tencent && q.project !== undefined) ctx.addIssue(issue("ddsInstanceIdFormat", undefined, ["instance"]));
    else if (huawei && instance !== undefined && q.project === undefined) ctx.addIssue(issue("chooseProject", undefined, ["project"]));
    if (region === undefined) return;
    if (tencent && !TENCENT_REGION.test(region)) ctx.addIssue(issue("tencentRegionFormat", undefined, ["region"]));
    else if (!tencent && huawei && !HUAWEI_REGION.test(region)) ctx.addIssue(issue("huaweiRegionFormat", undefined, ["region"]));
  });
export type AccountsQuery = z.output<typeof accountsQuery>;
