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
  /** Told of every slot handed out, on the database clock (epoch ms): for metrics and tests. */
  onSlot?: (slot: { action: string; priority: PaceRequest["priority"]; atMs: number }) => void;
}

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
    for (;;) {
      if (r.signal?.aborted) throw r.signal.reason;
      const { waitMs, slotMs, aheadMs } = await take(db, key, intervalMs, leadMs);
      if (waitMs !== null) {
        if (slotMs !== null) options.onSlot?.({ action: r.action, priority: r.priority, atMs: slotMs });
        // The wait is measured on the database clock, so instances with skewed clocks agree. A
        // caller woken late by a busy event loop still leaves: `limit` slots span 1000 / headroom
        // ms, so one departure may slip by that surplus (31 ms at 0.97) before the vendor could
        // count one too many; beyond it, the vendor's throttling answer is retried by the client.
        await sleep(waitMs, r.signal);
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
      await sleep(Math.max(5, aheadMs - (leadMs ?? 0) + jitter), r.signal);
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
