import "server-only";
import { actionError, type FieldWords } from "@/lib/actions/action-error";
import { and, asc, eq, inArray, notExists, sql } from "drizzle-orm";
import { can, canAny, type Permission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { bulkGrantJobs, cloudAccounts, cloudOperations } from "@/lib/db/schema";
import { countOpenWorkOfAccount } from "./proxy-accesses-records";
import { getEnv } from "@/lib/env";
import { wordsText, type StoredWords } from "@/lib/i18n/stored-words";
import { currentLocale } from "@/lib/i18n/request-locale";
import { isVendor, vendorErrorDetails, vendorErrorText } from "@/lib/i18n/vendor-errors";
import { pacedClientOptions } from "@/lib/pacing/console-pacer";
import { endpointAddressRefusal, endpointUrlRefusal, type EndpointPolicy, type EndpointRefusal } from "@/lib/providers/endpoint-policy";
import { testConnection } from "@/lib/providers/factory";
import type { ProviderConnection } from "@/lib/providers/types";
import { maskIdentifier, openSecret, sealSecret } from "@/lib/secrets/box";
import type { CloudAccountValues, VendorName } from "@/lib/validation/cloud-accounts";

/** What may leave the server about a cloud account: never a secret, only a masked key id. */
export interface CloudAccountDto {
  id: string;
  vendor: VendorName;
  name: string;
  region: string;
  settings: Record<string, string>;
  credentialHint: string;
  lastTest: { at: string; ok: boolean; message: string } | null;
  createdAt: string;
  updatedAt: string;
}

type Row = typeof cloudAccounts.$inferSelect;

/** Secret half of a connection; sealed as JSON under CREDENTIALS_KEY, bound to the account id. */
type Credentials = ProviderConnection["credentials"];

/** A failed test's words: a vendor error in `locale` from its code, the vendor's code and request id verbatim. */
function lastTestMessageOf(row: Row, locale: string): string {
  const error = row.lastTestError;
  if (!error || !isVendor(error.vendor)) return row.lastTestMessage ?? "";
  const text = vendorErrorText({ vendor: error.vendor, code: error.code, httpStatus: error.httpStatus }, locale);
  // Chinese punctuation carries its own spacing; English puts a space before the parenthesis.
  return `${text}${error.reason ? ` ${error.reason}.` : ""}${locale === "zh-CN" ? "" : " "}${vendorErrorDetails(error, locale)}`;
}

/** A passed test's summary in `locale` from its stored words; rows from before the words existed show their English. */
function lastTestSummaryOf(row: Row, locale: string): string {
  return row.lastTestWords ? wordsText(row.lastTestWords, locale) : (row.lastTestMessage ?? "");
}

function toDto(row: Row, locale = "en"): CloudAccountDto {
  return {
    id: row.id,
    vendor: row.vendor,
    name: row.name,
    region: row.region,
    settings: Object.fromEntries(Object.entries(row.settings).map(([k, v]) => [k, String(v)])),
    credentialHint: row.secretHint,
    lastTest: row.lastTestAt ? { at: row.lastTestAt.toISOString(), ok: Boolean(row.lastTestOk), message: row.lastTestOk ? lastTestSummaryOf(row, locale) : lastTestMessageOf(row, locale) } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function seal(id: string, credentials: Credentials): string {
  return sealSecret(JSON.stringify(credentials), getEnv().CREDENTIALS_KEY, `cloud-account:${id}`);
}

function unseal(row: Row): Credentials {
  return JSON.parse(openSecret(row.secretCiphertext, getEnv().CREDENTIALS_KEY, `cloud-account:${row.id}`)) as Credentials;
}

function assertManager(actor: Actor) {
  if (!can(actor, "cloudAccounts:manage")) throw actionError("cloudAccountsAdminOnly", { code: "FORBIDDEN" });
}

/** Non-secret settings of the input; Huawei's auth kind follows the credentials actually stored. */
function settingsOf(input: CloudAccountValues, credentials: Credentials): Record<string, string> {
  const clean = (o: Record<string, string | undefined>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, string>;
  switch (input.vendor) {
    case "alibaba":
      return clean({ endpoint: input.endpoint, tenantId: input.tenantId, signature: input.signature });
    case "tencent":
      return clean({ endpoint: input.endpoint });
    case "huawei":
      return clean({
        projectId: input.projectId,
        authKind: "kind" in credentials ? credentials.kind : input.authKind,
        taurusEndpoint: input.taurusEndpoint,
        ddsEndpoint: input.ddsEndpoint,
        iamEndpoint: input.iamEndpoint,
      });
  }
}

/** The credentials the input sets (validation guarantees every field when they are set). */
function credentialsOf(input: CloudAccountValues): Credentials {
  switch (input.vendor) {
    case "alibaba":
      return { accessKeyId: input.accessKeyId!, accessKeySecret: input.accessKeySecret! };
    case "tencent":
      return { secretId: input.secretId!, secretKey: input.secretKey! };
    case "huawei":
      return input.authKind === "aksk"
        ? { kind: "aksk", ak: input.ak!, sk: input.sk! }
        : { kind: "iam", domainName: input.domainName!, userName: input.userName!, password: input.password! };
  }
}

function hintOf(credentials: Credentials): string {
  if ("accessKeyId" in credentials) return `AccessKey ${maskIdentifier(credentials.accessKeyId)}`;
  if ("secretId" in credentials) return `SecretId ${maskIdentifier(credentials.secretId)}`;
  return credentials.kind === "aksk" ? `AK ${maskIdentifier(credentials.ak)}` : `IAM ${credentials.domainName}/${credentials.userName}`;
}

/**
 * Which endpoint hosts stored credentials may be sent to: the vendors' domains (built in), the
 * operator's CLOUD_ENDPOINT_ALLOWED_HOSTS, and in demo mode the emulator's host, over http too.
 */
function endpointPolicy(): EndpointPolicy {
  const env = getEnv();
  const emulator = env.DEMO_MODE && env.EMULATOR_URL ? [new URL(env.EMULATOR_URL).hostname.toLowerCase()] : [];
  return { allowedHosts: [...env.CLOUD_ENDPOINT_ALLOWED_HOSTS, ...emulator], httpHosts: emulator };
}

/**
 * Builds the client connection for a stored account. Only the data layer calls this. Every
 * request of a client built from it is checked against the endpoint policy first.
 */
export function connectionOf(row: Row): ProviderConnection {
  const s = row.settings as Record<string, string | undefined>;
  const credentials = unseal(row);
  const guarded = { endpointPolicy: endpointPolicy() };
  switch (row.vendor) {
    case "alibaba":
      return {
        ...guarded,
        vendor: "alibaba",
        regionId: row.region,
        endpoint: s.endpoint,
        signature: s.signature === "v1" ? "v1" : "acs3",
        credentials: credentials as Extract<ProviderConnection, { vendor: "alibaba" }>["credentials"],
      };
    case "tencent":
      return { ...guarded, vendor: "tencent", region: row.region, endpoint: s.endpoint, credentials: credentials as Extract<ProviderConnection, { vendor: "tencent" }>["credentials"] };
    case "huawei":
      return {
        ...guarded,
        vendor: "huawei",
        region: row.region,
        projectId: s.projectId ?? "",
        endpoints: { taurus: s.taurusEndpoint, dds: s.ddsEndpoint, iam: s.iamEndpoint },
        credentials: credentials as Extract<ProviderConnection, { vendor: "huawei" }>["credentials"],
      };
  }
}

async function findRow(id: string): Promise<Row> {
  const db = await getDb();
  const [row] = await db.select().from(cloudAccounts).where(eq(cloudAccounts.id, id)).limit(1);
  if (!row) throw actionError("cloudAccountGone", { code: "NOT_FOUND" });
  return row;
}

/**
 * A stored account and its live connection, for features acting on the cloud. The caller names
 * the permission it needs; an account is only visible to someone holding it for some resource.
 */
export async function resolveCloudAccount(actor: Actor, id: string, permission: Permission, vendor?: VendorName) {
  if (!canAny(actor, permission)) throw actionError("cloudAccountNotFound", { code: "NOT_FOUND" });
  const row = await findRow(id).catch(() => {
    throw actionError("cloudAccountNotFound", { code: "NOT_FOUND" });
  });
  if (vendor && row.vendor !== vendor) throw actionError("cloudAccountWrongCloud", { code: "NOT_FOUND" });
  return { account: toDto(row), connection: connectionOf(row), settings: row.settings as Record<string, string | undefined> };
}

export async function listCloudAccounts(actor: Actor): Promise<CloudAccountDto[]> {
  assertManager(actor);
  const db = await getDb();
  const locale = await currentLocale(actor.locale);
  return (await db.select().from(cloudAccounts).orderBy(asc(sql`lower(${cloudAccounts.name})`))).map((row) => toDto(row, locale));
}

/** Names only, for the account pickers of features; requires the feature's permission. */
export async function listCloudAccountOptions(actor: Actor, vendor: VendorName, permission: Permission) {
  if (!canAny(actor, permission)) return [];
  const db = await getDb();
  const rows = await db
    .select({ id: cloudAccounts.id, name: cloudAccounts.name, region: cloudAccounts.region, settings: cloudAccounts.settings })
    .from(cloudAccounts)
    .where(eq(cloudAccounts.vendor, vendor))
    .orderBy(asc(sql`lower(${cloudAccounts.name})`));
  return rows.map((r) => ({ id: r.id, name: r.name, region: r.region, tenantId: (r.settings as Record<string, string | undefined>).tenantId ?? null }));
}

const ENDPOINT_FIELDS = ["endpoint", "taurusEndpoint", "ddsEndpoint", "iamEndpoint"] as const;

/**
 * Where signed requests and IAM passwords are sent is part of the credentials: pointing stored
 * credentials at a new host would hand them to whoever runs it. So an endpoint change needs the
 * credentials entered again, and every endpoint must pass the endpoint policy, by its URL and by
 * the addresses its host resolves to now (checked again before each call, as names can change).
 */
async function assertSafeEndpoints(vendor: VendorName, settings: Record<string, string | undefined>, keptFrom: Record<string, string | undefined> | null) {
  const policy = endpointPolicy();
  const fieldErrors: Record<string, FieldWords[]> = {};
  for (const field of ENDPOINT_FIELDS) {
    const value = settings[field];
    const refusal = value ? (endpointUrlRefusal(vendor, value, policy) ?? (await resolvedRefusal(value, policy))) : null;
    if (refusal) fieldErrors[field] = [refusalWords(refusal)];
    else if (keptFrom && (value ?? "") !== (keptFrom[field] ?? "")) fieldErrors[field] = ["endpointNeedsCredentials"];
  }
  if (Object.keys(fieldErrors).length) throw actionError("endpointsNotAllowed", { fieldErrors });
}

const REFUSAL_KEYS = {
  fullUrl: "endpointFullUrl",
  userInfo: "endpointUserInfo",
  metadata: "endpointMetadata",
  vendorDomain: "endpointVendorDomain",
  https: "endpointHttps",
  resolvesMetadata: "endpointResolvesMetadata",
  resolvesInternal: "endpointResolvesInternal",
} as const satisfies Record<EndpointRefusal["reason"], FieldWords>;

const refusalWords = (refusal: EndpointRefusal): FieldWords => ({ key: REFUSAL_KEYS[refusal.reason], values: refusal.values });

/** A name that does not resolve yet is not refused at save time; the call itself will fail. */
async function resolvedRefusal(endpoint: string, policy: EndpointPolicy) {
  try {
    return await endpointAddressRefusal(endpoint, policy);
  } catch {
    return null;
  }
}

export async function saveCloudAccount(actor: Actor, input: CloudAccountValues): Promise<CloudAccountDto> {
  assertManager(actor);
  const db = await getDb();
  const existing = input.id ? await findRow(input.id) : null;
  if (existing && existing.vendor !== input.vendor) {
    throw actionError("vendorFixed", { fieldErrors: { vendor: ["vendorFixedField"] } });
  }
  const [clash] = await db.select({ id: cloudAccounts.id }).from(cloudAccounts).where(eq(sql`lower(${cloudAccounts.name})`, input.name.toLowerCase())).limit(1);
  if (clash && clash.id !== existing?.id) throw actionError("accountNameTaken", { fieldErrors: { name: ["accountNameTakenField"] } });

  const id = existing?.id ?? crypto.randomUUID();
  const keepCredentials = Boolean(existing && !input.replaceCredentials);
  const credentials = keepCredentials ? unseal(existing!) : credentialsOf(input);
  const settings = settingsOf(input, credentials);
  await assertSafeEndpoints(input.vendor, settings, keepCredentials ? (existing!.settings as Record<string, string | undefined>) : null);
  const values = {
    vendor: input.vendor,
    name: input.name,
    region: input.region,
    settings,
    secretCiphertext: seal(id, credentials),
    secretHint: hintOf(credentials),
  };
  if (existing) {
    const [row] = await db
      .update(cloudAccounts)
      .set({ ...values, updatedAt: new Date(), lastTestAt: null, lastTestOk: null, lastTestMessage: null, lastTestWords: null, lastTestError: null })
      .where(eq(cloudAccounts.id, id))
      .returning();
    return toDto(row!);
  }
  const [row] = await db.insert(cloudAccounts).values({ id, ...values, createdBy: actor.id }).returning();
  return toDto(row!);
}

/**
 * Removes an account unless changes made through it are still unsettled: their reconciliation
 * needs its credentials. The check is part of the DELETE itself, so a grant starting at the same
 * moment cannot slip in between.
 */
export async function deleteCloudAccount(actor: Actor, id: string): Promise<{ name: string }> {
  assertManager(actor);
  const db = await getDb();
  const row = await findRow(id);
  const deleted = await db
    .delete(cloudAccounts)
    .where(
      and(
        eq(cloudAccounts.id, id),
        notExists(
          db.select({ one: sql`1` }).from(cloudOperations).where(and(eq(cloudOperations.cloudAccountId, id), inArray(cloudOperations.status, ["pending", "unknown"]))),
        ),
        notExists(db.select({ one: sql`1` }).from(bulkGrantJobs).where(and(eq(bulkGrantJobs.cloudAccountId, id), eq(bulkGrantJobs.status, "running")))),
      ),
    )
    .returning({ id: cloudAccounts.id });
  if (deleted.length === 0) {
    const open = await countOpenWorkOfAccount(db, id);
    throw actionError("accountHasOpenWork", { values: { name: row.name, operations: open.operations, jobs: open.jobs }, code: "OPEN_WORK" });
  }
  return { name: row.name };
}

/** One cheap vendor read with the stored credentials; the result is kept on the account. */
export async function testCloudAccount(actor: Actor, id: string) {
  assertManager(actor);
  const db = await getDb();
  const row = await findRow(id);
  try {
    // In the admin's language where the vendor can answer in it (Huawei, Tencent).
    const locale = await currentLocale(actor.locale);
    const result = await testConnection(connectionOf(row), { retry: { maxAttempts: 1 }, timeoutMs: 10_000, locale, ...pacedClientOptions() });
    const summaryWords: StoredWords = { ns: "CloudAccounts.testSummary", ...result.words };
    await db.update(cloudAccounts).set({ lastTestAt: new Date(), lastTestOk: true, lastTestMessage: result.summary, lastTestWords: summaryWords, lastTestError: null }).where(eq(cloudAccounts.id, id));
    return { name: row.name, summary: summaryWords, requestId: result.requestId ?? null };
  } catch (error) {
    const vendor = error as { userMessage?: string; code?: string; requestId?: string | null; kind?: string; vendorMessage?: string; vendor?: string; httpStatus?: number };
    const details = [vendor.code, vendor.requestId ? `request id ${vendor.requestId}` : null].filter(Boolean).join(", ");
    // The console's own endpoint refusals say which host and address; no vendor text is involved.
    const reason = vendor.kind === "invalid-argument" && vendor.code?.startsWith("Endpoint") && vendor.vendorMessage ? ` ${vendor.vendorMessage}.` : "";
    const message = `${vendor.userMessage ?? "The connection test failed."}${reason}${details ? ` (${details})` : ""}`;
    const lastTestError =
      vendor.userMessage && vendor.code && isVendor(vendor.vendor)
        ? { vendor: vendor.vendor, code: vendor.code, httpStatus: vendor.httpStatus, requestId: vendor.requestId ?? undefined, reason: reason.trim().replace(/\.$/, "") || undefined }
        : null;
    await db.update(cloudAccounts).set({ lastTestAt: new Date(), lastTestOk: false, lastTestMessage: message, lastTestWords: null, lastTestError }).where(eq(cloudAccounts.id, id));
    throw error;
  }
}
