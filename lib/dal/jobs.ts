import "server-only";
import { actionError } from "@/lib/actions/action-error";
import { looksLikeCredential, REDACTED } from "@/lib/audit/redact";
import { storableText, truncate } from "@/lib/audit/storable";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import type { StoredWords } from "@/lib/db/schema";
import { isVendor } from "@/lib/i18n/vendor-errors";
import { DEAD_LETTER_SUFFIX, getDefinition } from "@/lib/jobs/define";
import { getEngine, JOB_SCHEMA } from "@/lib/jobs/engine";
import type { Vendor } from "@/lib/providers/types";

/** Read from pg-boss's own tables: they are the truth, and one grouped query beats a call per queue. */

export const JOB_STATES = ["created", "retry", "active", "completed", "failed", "cancelled"] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface QueueSummaryDto {
  name: string;
  /** The cron of a schedule (UTC); null for a queue fed by the console's own sends. */
  cron: string | null;
  retryLimit: number;
  counts: Record<JobState, number> & { deadLetter: number };
}

export interface JobDto {
  id: string;
  queue: string;
  state: JobState;
  /** Runs so far (a job that never started has none). */
  attempts: number;
  /** Runs allowed: the first plus the retries. */
  maxAttempts: number;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  /**
   * Only a code and a message meant for people; see lib/jobs/errors.ts. A vendor error also names
   * its vendor (and HTTP status), so it is shown in the reader's language rather than as stored.
   */
  lastError: { code: string; message: string; vendor?: Vendor; httpStatus?: number; requestId?: string; words?: StoredWords } | null;
  /** A copy of the job waits in the queue's dead-letter queue. */
  deadLettered: boolean;
}

export interface JobsOverviewDto {
  queues: QueueSummaryDto[];
  failed: JobDto[];
  recent: JobDto[];
}

const LIST_LIMIT = 50;

function assertReader(actor: Actor) {
  if (!can(actor, "jobs:read")) throw actionError("jobsForbidden", { code: "FORBIDDEN" });
}

async function query<T>(text: string, values?: unknown[]): Promise<T[]> {
  const { boss } = await getEngine();
  return (await boss.getDb().executeSql(text, values)).rows as T[];
}

function safeText(value: unknown, max = 300): string | null {
  if (typeof value !== "string" || !value.trim()) return null;
  const text = storableText(value).trim();
  if (looksLikeCredential(text)) return REDACTED;
  return text.length > max ? `${truncate(text, max)}…` : text;
}

/**
 * Our workers store `{ code, message }`; pg-boss itself stores a few of its own (expiry, shutdown)
 * as a serialised error or `{ value }`. Only the message is kept, never a stack or anything else.
 */
export function lastErrorOf(output: unknown): JobDto["lastError"] {
  if (!output || typeof output !== "object") return null;
  const record = output as Record<string, unknown>;
  const message = safeText(record.message) ?? safeText(record.value);
  if (!message) return null;
  const code = safeText(record.code, 64) ?? safeText(record.name, 64) ?? "error";
  const out: NonNullable<JobDto["lastError"]> = { code, message };
  if (isVendor(record.vendor)) out.vendor = record.vendor;
  if (out.vendor && typeof record.httpStatus === "number" && Number.isInteger(record.httpStatus)) out.httpStatus = record.httpStatus;
  const requestId = safeText(record.requestId, 64);
  if (requestId) out.requestId = requestId;
  const words = storedWordsOf(record.words);
  if (words) out.words = words;
  return out;
}

/** The console's own words a worker stored with the error (Errors keys and plain values only). */
function storedWordsOf(value: unknown): StoredWords | undefined {
  if (!value || typeof value !== "object") return undefined;
  const { key, values } = value as { key?: unknown; values?: unknown };
  if (typeof key !== "string" || !/^\w{1,64}$/.test(key)) return undefined;
  if (values === undefined) return { key };
  if (!values || typeof values !== "object") return undefined;
  const plain = Object.entries(values).filter((e): e is [string, string | number] => typeof e[1] === "string" || typeof e[1] === "number");
  return { key, values: Object.fromEntries(plain.map(([k, v]) => [k, typeof v === "string" ? (safeText(v, 200) ?? "") : v])) };
}

interface JobRow {
  id: string;
  name: string;
  state: JobState;
  retry_count: number;
  retry_limit: number;
  created_on: Date | string;
  started_on: Date | string | null;
  completed_on: Date | string | null;
  output: unknown;
  dead: boolean;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function toJobDto(row: JobRow): JobDto {
  return {
    id: row.id,
    queue: row.name,
    state: row.state,
    attempts: row.started_on ? row.retry_count + 1 : row.retry_count,
    maxAttempts: row.retry_limit + 1,
    createdAt: iso(row.created_on)!,
    startedAt: iso(row.started_on),
    endedAt: iso(row.completed_on),
    lastError: row.state === "completed" ? null : lastErrorOf(row.output),
    deadLettered: row.dead,
  };
}

// Jobs of dead-letter queues are listed through their source job; nobody works them.
const JOB_COLUMNS = `j.id, j.name, j.state, j.retry_count, j.retry_limit, j.created_on, j.started_on, j.completed_on, j.output,
  exists (select 1 from ${JOB_SCHEMA}.job d where d.name = j.name || '${DEAD_LETTER_SUFFIX}' and d.source_id = j.id and d.state = 'created') as dead`;

/** Every queue with its jobs counted by state, the latest failed jobs and the latest jobs. */
export async function getJobsOverview(actor: Actor): Promise<JobsOverviewDto> {
  assertReader(actor);
  const [queues, schedules, counts, failed, recent] = await Promise.all([
    query<{ name: string; retry_limit: number }>(`select name, retry_limit from ${JOB_SCHEMA}.queue order by name`),
    query<{ name: string; cron: string }>(`select name, cron from ${JOB_SCHEMA}.schedule`),
    query<{ name: string; state: JobState; n: number }>(`select name, state::text as state, count(*)::int as n from ${JOB_SCHEMA}.job group by 1, 2`),
    query<JobRow>(`select ${JOB_COLUMNS} from ${JOB_SCHEMA}.job j where j.state = 'failed' and j.name not like '%${DEAD_LETTER_SUFFIX}' order by j.completed_on desc nulls last limit ${LIST_LIMIT}`),
    query<JobRow>(`select ${JOB_COLUMNS} from ${JOB_SCHEMA}.job j where j.name not like '%${DEAD_LETTER_SUFFIX}' order by j.created_on desc limit ${LIST_LIMIT}`),
  ]);
  const cronOf = new Map(schedules.map((schedule) => [schedule.name, schedule.cron]));
  const countsOf = new Map<string, Record<string, number>>();
  for (const row of counts) (countsOf.get(row.name) ?? countsOf.set(row.name, {}).get(row.name)!)[row.state] = row.n;
  const summaries = queues
    .filter((queue) => !queue.name.endsWith(DEAD_LETTER_SUFFIX))
    .map((queue): QueueSummaryDto => {
      const own = countsOf.get(queue.name) ?? {};
      const dead = countsOf.get(`${queue.name}${DEAD_LETTER_SUFFIX}`) ?? {};
      const byState = Object.fromEntries(JOB_STATES.map((state) => [state, own[state] ?? 0])) as Record<JobState, number>;
      // A dead-letter job leaves its queue only when it is retried (removed) or expires.
      return { name: queue.name, cron: cronOf.get(queue.name) ?? null, retryLimit: queue.retry_limit, counts: { ...byState, deadLetter: (dead.created ?? 0) + (dead.retry ?? 0) } };
    });
  return { queues: summaries, failed: failed.map(toJobDto), recent: recent.map(toJobDto) };
}

/**
 * Runs a failed job again (one more attempt) and withdraws its dead-letter copy, so the job is in
 * one place only. Throws ActionError when the job is unknown or no longer failed.
 */
export async function retryJob(actor: Actor, input: { queue: string; id: string }): Promise<{ queue: string; id: string }> {
  if (!can(actor, "jobs:retry")) throw actionError("retryForbidden", { code: "FORBIDDEN" });
  // Started first: it loads the registry that getDefinition reads.
  const { boss } = await getEngine();
  // Only the console's own queues: a dead-letter queue or a name no release defines is not retried.
  if (!getDefinition(input.queue)) throw actionError("jobNotFound", { code: "NOT_FOUND" });
  // pg-boss's declared CommandResponse is empty; at run time it carries the count it changed.
  const { affected } = (await boss.retry(input.queue, input.id)) as { affected?: number };
  if (!affected) throw actionError("jobNoLongerFailed", { code: "NOT_FAILED" });
  await query(`delete from ${JOB_SCHEMA}.job where name = $1 and source_id = $2 and state = 'created'`, [`${input.queue}${DEAD_LETTER_SUFFIX}`, input.id]);
  return input;
}
