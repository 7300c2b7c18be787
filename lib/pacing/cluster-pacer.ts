import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DB } from "@/lib/db/client";
import { processPacer, type PaceRequest, type VendorPacer } from "@/lib/providers/pacer";
import { DEFAULT_HEADROOM } from "@/lib/providers/rate-limit";
import { sleep } from "@/lib/providers/resilience";

/*
 * Vendor pacing for the whole cluster. The documented limits hold for the sum of every console
 * instance using one credential, so the schedule lives in the shared database (vendor_pace_slots):
 * slots are handed out 1000 / (limit × headroom) ms apart, and taking one is a single UPDATE that
 * moves next_at on using the database clock. Row locking orders concurrent takers, so N instances
 * together never book two slots closer than the interval, whatever their own clocks say.
 *
 * Priority: an interactive caller always books the next slot. A background caller books only while
 * the schedule is booked less than `backgroundLeadSlots` slots ahead; otherwise it waits and asks
 * again. So however long the bulk job, an interactive call finds at most that many slots before it.
 */

export interface ClusterPacerOptions {
  /** The shared database, or how to get it (the console opens it lazily). */
  db: DB | (() => Promise<DB>);
  /** Fraction of the documented limit aimed for (default as the in-process pacer). */
  headroom?: number;
  /** How many slots ahead background callers may book (default 3). */
  backgroundLeadSlots?: number;
  /** Told when the database cannot be used; the call then falls back to in-process pacing. */
  onError?: (error: unknown) => void;
  /** Told of every slot a caller left on, on the database clock (epoch ms): for metrics and tests. */
  onSlot?: (slot: { action: string; priority: PaceRequest["priority"]; atMs: number }) => void;
  /** How the caller waits for its slot (tests stand in a late-waking event loop). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** A caller woken too late for its slot books a new one at most this often before it leaves anyway. */
const MAX_REBOOKS = 3;

/** The non-secret credential id still names an account; only equality matters here. */
function credentialHash(credentialId: string): string {
  return createHash("sha256").update(credentialId).digest("hex").slice(0, 32);
}

interface TakeResult {
  /** Milliseconds until the booked slot, or null when a background caller was turned away. */
  waitMs: number | null;
  /** The booked slot on the database clock, epoch ms. */
  slotMs: number | null;
  /** How far ahead the schedule was booked before this statement (null: no row yet). */
  aheadMs: number | null;
}

async function take(db: DB, key: [string, string, string], intervalMs: number, leadMs: number | null): Promise<TakeResult> {
  const [vendor, credential, action] = key;
  const interval = intervalMs / 1000;
  const interactive = leadMs === null;
  const lead = (leadMs ?? 0) / 1000;
  // The outer SELECT reads the row as it was before the UPDATE in the same statement.
  const result = await db.execute(sql`
    with taken as (
      update vendor_pace_slots
         set next_at = greatest(next_at, clock_timestamp()) + make_interval(secs => ${interval}::double precision)
       where vendor = ${vendor} and credential = ${credential} and action = ${action}
         and (${interactive}::boolean or next_at <= clock_timestamp() + make_interval(secs => ${lead}::double precision))
       returning next_at
    )
    select
      (select extract(epoch from (next_at - clock_timestamp())) * 1000 - ${intervalMs}::double precision from taken) as wait_ms,
      (select extract(epoch from next_at) * 1000 - ${intervalMs}::double precision from taken) as slot_ms,
      (select extract(epoch from (next_at - clock_timestamp())) * 1000 from vendor_pace_slots
        where vendor = ${vendor} and credential = ${credential} and action = ${action}) as ahead_ms`);
  // Both drivers (node-postgres, PGlite) answer with { rows }.
  const row = (result as unknown as { rows: { wait_ms: string | number | null; slot_ms: string | number | null; ahead_ms: string | number | null }[] }).rows[0];
  const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return { waitMs: num(row?.wait_ms), slotMs: num(row?.slot_ms), aheadMs: num(row?.ahead_ms) };
}

async function ensureRow(db: DB, [vendor, credential, action]: [string, string, string]): Promise<void> {
  await db.execute(sql`
    insert into vendor_pace_slots (vendor, credential, action, next_at)
    values (${vendor}, ${credential}, ${action}, clock_timestamp())
    on conflict do nothing`);
}

/** A pacer whose slots are shared through the database by every process that uses it. */
export function createClusterPacer(options: ClusterPacerOptions): VendorPacer {
  const headroom = options.headroom ?? DEFAULT_HEADROOM;
  const leadSlots = options.backgroundLeadSlots ?? 3;
  const getDb = typeof options.db === "function" ? options.db : () => Promise.resolve(options.db as DB);
  const known = new Set<string>();
  const wait = options.sleep ?? sleep;

  async function acquireSlot(r: PaceRequest): Promise<void> {
    const db = await getDb();
    const key: [string, string, string] = [r.vendor, credentialHash(r.credentialId), r.action];
    const id = key.join("|");
    if (!known.has(id)) {
      await ensureRow(db, key);
      known.add(id);
    }
    const intervalMs = 1000 / (r.limitPerSecond * headroom);
    const leadMs = r.priority === "background" ? leadSlots * intervalMs : null;
    // `limit` consecutive slots span limit × interval = 1000 / headroom ms, so every departure may
    // trail its slot by this much and no 1 s window still sees more than `limit` (31 ms at 0.97).
    const slackMs = r.limitPerSecond * intervalMs - 1000;
    let rebooks = 0;
    for (;;) {
      if (r.signal?.aborted) throw r.signal.reason;
      const { waitMs, slotMs, aheadMs } = await take(db, key, intervalMs, leadMs);
      if (waitMs !== null) {
        // The wait is measured on the database clock, so instances with skewed clocks agree.
        const sleptAt = performance.now();
        await wait(waitMs, r.signal);
        const overslept = performance.now() - sleptAt - Math.max(0, waitMs);
        // Woken past the slack by a busy event loop: leaving now could put `limit + 1` calls into
        // one second with the callers booked after this one. Book a fresh slot instead; the slot
        // given up is only capacity unused. Bounded, so a loop that is always this late still
        // lets the call go (then the vendor's throttling answer is what the client retries).
        if (overslept > slackMs && rebooks < MAX_REBOOKS) {
          rebooks += 1;
          continue;
        }
        if (slotMs !== null) options.onSlot?.({ action: r.action, priority: r.priority, atMs: slotMs });
        return;
      }
      if (aheadMs === null) {
        // The row went away (a reset): book from scratch.
        known.delete(id);
        await ensureRow(db, key);
        known.add(id);
        continue;
      }
      // Turned away: come back when the schedule is short enough again. The jitter keeps waiting
      // background callers of several instances from all asking at the same instant.
      const jitter = Math.random() * intervalMs;
      await wait(Math.max(5, aheadMs - (leadMs ?? 0) + jitter), r.signal);
    }
  }

  return {
    async acquire(r) {
      if (!(r.limitPerSecond > 0) || !Number.isFinite(r.limitPerSecond)) return () => undefined;
      try {
        await acquireSlot(r);
      } catch (error) {
        if (r.signal?.aborted) throw error;
        // Without the database the call still leaves, paced by this process alone.
        options.onError?.(error);
        return processPacer.acquire(r);
      }
      return () => undefined;
    },
  };
}
