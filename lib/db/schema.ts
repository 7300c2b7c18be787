import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { AUDIT_OUTCOMES } from "../validation/audit-outcomes";

/** A catalog message stored beside its English text: namespace (Errors when absent), key and values (lib/i18n/stored-words.ts). */
export type StoredWords = {
  ns?: string;
  key: string;
  values?: Record<string, string | number>;
  /** Text already worded per language when it was written (field problems from the schemas' error maps). */
  texts?: Record<string, string>;
};

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    roles: text("roles").array().notNull().default(sql`'{}'::text[]`),
    disabled: boolean("disabled").notNull().default(false),
    /** Bumped on disable, password reset or role change: sessions carrying an older value end. */
    sessionVersion: integer("session_version").notNull().default(1),
    source: text("source", { enum: ["local", "oidc"] }).notNull().default("local"),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    /** The console language the user chose ("en", "zh-CN"); null: follow the browser. */
    locale: text("locale"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`lower(${t.email})`)],
);

/** Cloud resources an `owner` may act on, as "<kind>:<id>" keys (e.g. "dms-instance:5101"). */
export const userResources = pgTable(
  "user_resources",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    resource: text("resource").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.resource] }), index("user_resources_resource_idx").on(t.resource)],
);

/** Failed sign-in counters keyed by "email:<addr>" or "ip:<addr>"; shared by every console instance. */
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

/** Append-only: a trigger in the migrations refuses UPDATE, DELETE and TRUNCATE. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorEmail: text("actor_email"),
    actorRoles: text("actor_roles").array().notNull().default(sql`'{}'::text[]`),
    action: text("action").notNull(),
    target: text("target"),
    params: jsonb("params").$type<Record<string, unknown>>(),
    outcome: text("outcome", { enum: AUDIT_OUTCOMES }).notNull(),
    /** Joins a cloud change's intent row to its outcome row. */
    correlationId: uuid("correlation_id"),
    errorCode: text("error_code"),
    message: text("message"),
    /** The message as catalog words, when the console wrote it: shown in the reader's language. */
    messageWords: jsonb("message_words").$type<StoredWords>(),
    vendorRequestId: text("vendor_request_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actorEmail),
    index("audit_log_action_idx").on(t.action),
    index("audit_log_correlation_idx").on(t.correlationId),
  ],
);

export const cloudAccounts = pgTable(
  "cloud_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    vendor: text("vendor", { enum: ["alibaba", "huawei", "tencent"] }).notNull(),
    name: text("name").notNull(),
    region: text("region").notNull(),
    /** Non-secret settings: endpoint overrides, tenant id, project id, IAM user names. */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull(),
    /** AES-256-GCM envelope of the secret fields; never leaves lib/dal. */
    secretCiphertext: text("secret_ciphertext").notNull(),
    /** What the UI may show instead of a secret, e.g. "LTAI…0001". */
    secretHint: text("secret_hint").notNull(),
    lastTestAt: timestamp("last_test_at", { withTimezone: true }),
    lastTestOk: boolean("last_test_ok"),
    lastTestMessage: text("last_test_message"),
    /**
     * A failed test's vendor error, so the message is shown in the reader's language (English
     * last_test_message stays for rows from before it and for the console's own failures).
     */
    lastTestError: jsonb("last_test_error").$type<{ vendor: string; code: string; httpStatus?: number; requestId?: string; reason?: string }>(),
    /** A passed test's summary as catalog words (CloudAccounts.testSummary), worded in the reader's language when shown. */
    lastTestWords: jsonb("last_test_words").$type<StoredWords>(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("cloud_accounts_name_unique").on(sql`lower(${t.name})`)],
);

/**
 * The operation ledger (lib/operations): every cloud change as a durable record, claimed
 * `pending` under its idempotency key before the vendor call and settled after it. The partial
 * unique index on lock_key WHERE status = 'pending' is the lock on the named thing (one user on
 * one proxy): two changes of it can never be at the vendor at once. lease_until is renewed while
 * the call runs; a pending row whose lease ran out belongs to a dead runner and is reconciled.
 */
export const cloudOperations = pgTable(
  "cloud_operations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    idempotencyKey: text("idempotency_key").notNull(),
    kind: text("kind").notNull(),
    cloudAccountId: uuid("cloud_account_id").references(() => cloudAccounts.id, { onDelete: "set null" }),
    target: text("target").notNull(),
    params: jsonb("params").$type<Record<string, unknown>>().notNull(),
    /** retrying: a transient refusal (throttling) whose background job tries again; it holds no lock meanwhile. */
    status: text("status", { enum: ["pending", "succeeded", "failed", "unknown", "retrying"] }).notNull().default("pending"),
    result: jsonb("result").$type<Record<string, unknown>>(),
    errorCode: text("error_code"),
    /** English, as it was when written: what rows from before error_vendor show. */
    errorMessage: text("error_message"),
    /**
     * Set when the error is a vendor's answer: with error_code and error_http_status it picks the
     * plain-language text in the reader's language when shown (lib/operations/error-text.ts).
     */
    errorVendor: text("error_vendor"),
    errorHttpStatus: integer("error_http_status"),
    /** The console's own error as catalog words (lib/actions/messages), worded in the reader's language when shown. */
    errorWords: jsonb("error_words").$type<StoredWords>(),
    vendorRequestId: text("vendor_request_id"),
    jobId: uuid("job_id"),
    createdBy: uuid("created_by"),
    /** The named thing this change locks while pending, e.g. "dms-grant:<proxy>:<user>". */
    lockKey: text("lock_key"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    /** Vendor calls (and takeovers) so far; also the fencing token of whoever holds the row. */
    attempts: integer("attempts").notNull().default(0),
    /** The audit action, actor and correlation id of the intent, so anyone can write its outcome. */
    auditAction: text("audit_action"),
    correlationId: uuid("correlation_id"),
    actorEmail: text("actor_email"),
    actorRoles: text("actor_roles").array(),
    intentAt: timestamp("intent_at", { withTimezone: true }),
    outcomeAuditedAt: timestamp("outcome_audited_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("cloud_operations_idempotency_unique").on(t.idempotencyKey),
    uniqueIndex("cloud_operations_lock_pending").on(t.lockKey).where(sql`${t.status} = 'pending'`),
    index("cloud_operations_status_idx").on(t.status),
    index("cloud_operations_job_idx").on(t.jobId),
    index("cloud_operations_outcome_open_idx").on(t.intentAt).where(sql`${t.intentAt} is not null and ${t.outcomeAuditedAt} is null`),
  ],
);

/**
 * A bulk grant of one DMS proxy to many users, run in the background. Its items are
 * cloudOperations rows carrying this job's id, worked by the job queue (lib/dal/bulk-grants-jobs.ts):
 * any console instance works any item, and the job is completed once every item is settled.
 */
export const bulkGrantJobs = pgTable(
  "bulk_grant_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Client-generated per form: a resubmitted form starts one job, not two. */
    idempotencyKey: text("idempotency_key").notNull(),
    cloudAccountId: uuid("cloud_account_id").references(() => cloudAccounts.id, { onDelete: "set null" }),
    tenantId: text("tenant_id").notNull(),
    proxyId: text("proxy_id").notNull(),
    instanceId: text("instance_id").notNull(),
    /** The users to grant, as previewed (names for display only; ids are what is granted). */
    users: jsonb("users").$type<{ userId: string; name: string; uid: string }[]>().notNull(),
    reason: text("reason").notNull(),
    status: text("status", { enum: ["running", "completed"] }).notNull().default("running"),
    /** Bumped by "retry the failed ones"; item idempotency keys include it. */
    round: integer("round").notNull().default(1),
    /** Who started it: round 1 acts and is audited in their name. */
    createdBy: uuid("created_by"),
    createdByEmail: text("created_by_email"),
    createdByRoles: text("created_by_roles").array().notNull().default(sql`'{}'::text[]`),
    /** Who started the current retry round (null in round 1): that round acts and is audited in their name. */
    retriedBy: uuid("retried_by"),
    retriedByEmail: text("retried_by_email"),
    retriedByRoles: text("retried_by_roles").array(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("bulk_grant_jobs_idempotency_unique").on(t.idempotencyKey),
    index("bulk_grant_jobs_proxy_idx").on(t.proxyId, t.status),
  ],
);

/**
 * Sessions ended by signing out. A session is a signed cookie that a request still in flight at
 * sign-out can set again; listing its id here makes it worthless wherever it turns up.
 */
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    sessionId: text("session_id").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("revoked_sessions_expires_idx").on(t.expiresAt)],
);

/**
 * Vendor request slots shared by every console instance on this database: the next free start
 * time per (vendor, credential, action or action group). A caller takes a slot by moving next_at
 * on in one UPDATE that reads the database clock, so instances with skewed clocks still agree.
 * The credential is a hash of its non-secret id, which is all that must match.
 */
export const vendorPaceSlots = pgTable(
  "vendor_pace_slots",
  {
    vendor: text("vendor").notNull(),
    credential: text("credential").notNull(),
    action: text("action").notNull(),
    nextAt: timestamp("next_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.vendor, t.credential, t.action] })],
);

/**
 * A counter per cloud resource (e.g. "dms-proxy:1201"), bumped whenever this console changes it,
 * so that every instance drops its short-lived copy of what the vendor said about it.
 */
export const readVersions = pgTable("read_versions", {
  resource: text("resource").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull().default(1),
  changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What the console last saw of each TaurusDB database proxy's access control (lib/access-control):
 * the page opens from these rows at once while the vendor is read again, the overview counts the
 * exposed ones, and comparing a fresh read with them is how a change made outside the console is
 * found. `fingerprint` is the compare-and-set token: of two instances reading the same change,
 * only the one whose update matched the old fingerprint reports it.
 */
export const taurusProxyStates = pgTable(
  "taurus_proxy_states",
  {
    cloudAccountId: uuid("cloud_account_id")
      .notNull()
      .references(() => cloudAccounts.id, { onDelete: "cascade" }),
    proxyId: text("proxy_id").notNull(),
    projectId: text("project_id").notNull(),
    region: text("region").notNull(),
    instanceId: text("instance_id").notNull(),
    instanceName: text("instance_name").notNull().default(""),
    instanceStatus: text("instance_status").notNull().default(""),
    proxyName: text("proxy_name").notNull().default(""),
    /** Address, port, mode, status and node count as the proxy list gave them. */
    proxy: jsonb("proxy").$type<Record<string, unknown>>().notNull(),
    /** Null when the rules could not be read (the proxy's row says why). */
    open: boolean("open"),
    ruleType: text("rule_type", { enum: ["white", "black"] }),
    ipList: jsonb("ip_list").$type<{ ip: string; description: string }[]>(),
    /** Off, or a blacklist with no entries: every source IP may connect. */
    exposed: boolean("exposed").notNull().default(false),
    fingerprint: text("fingerprint").notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the console last saw the switch or rules change (its own change, or one found). */
    changedAt: timestamp("changed_at", { withTimezone: true }),
    /** The last change found that the console did not make, until the console changes the proxy. */
    drift: jsonb("drift").$type<{ at: string; fields: string[]; before: Record<string, unknown>; after: Record<string, unknown> }>(),
    /** Set when the proxy list stopped listing it. */
    goneAt: timestamp("gone_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.cloudAccountId, t.proxyId] }),
    index("taurus_proxy_states_instance_idx").on(t.instanceId),
    index("taurus_proxy_states_source_idx").on(t.cloudAccountId, t.projectId),
  ],
);

/** When each (cloud account, project) was last read in full, and how that read ended. */
export const taurusSources = pgTable(
  "taurus_sources",
  {
    cloudAccountId: uuid("cloud_account_id")
      .notNull()
      .references(() => cloudAccounts.id, { onDelete: "cascade" }),
    projectId: text("project_id").notNull(),
    region: text("region").notNull(),
    collectedAt: timestamp("collected_at", { withTimezone: true }),
    /** The last failed read's vendor error (code, request id), shown on the source until a read succeeds. */
    error: jsonb("error").$type<{ vendor: string; code: string; httpStatus?: number; requestId?: string; message: string }>(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.cloudAccountId, t.projectId] })],
);
