import { sleep } from "@/lib/providers/resilience";

/**
 * Client-side pacing shared by every caller in the process, one pacer per key (vendor + credential +
 * action). Two rules decide when a request may leave:
 *
 * 1. Even spacing: start slots are handed out 1000 / (limit × headroom) ms apart on a fixed
 *    schedule (computed from the previous slot, not the previous actual start, so timer overshoot
 *    does not accumulate). Bursts of `limit` would break a strict server-side sliding window as soon
 *    as arrivals jitter.
 * 2. Arrival guard: the server counts arrivals, not departures, and a stall (server queueing, a slow
 *    connection) bunches arrivals together. Request j may only leave once request j-limit has
 *    answered, plus 1000 ms, minus the fastest round trip seen: j-limit arrived before it answered,
 *    and j cannot arrive sooner than that round trip after leaving. In steady state this never binds;
 *    after a stall it holds the next requests back instead of letting them be throttled.
 */

/** Fraction of the documented limit we aim for: 0.97 × 20/s leaves ~30 ms of jitter tolerance. */
export const DEFAULT_HEADROOM = 0.97;
/** Longest the guard waits for a still-unanswered earlier request before letting the next one go. */
const MAX_PENDING_WAIT_MS = 2_000;

interface Departure {
  at: number;
  answeredAt?: number;
  answered: Promise<void>;
}

interface Pacer {
  limit: number;
  intervalMs: number;
  /** performance.now() of the next free slot. */
  nextSlot: number;
  /** Resolves when the previous caller has left; keeps departures in slot order. */
  gate: Promise<void>;
  /** The last `limit` departures. */
  recent: Departure[];
  fastestRoundTripMs: number;
}

const registry = new Map<string, Pacer>();

function pacerFor(key: string, limit: number, headroom: number): Pacer {
  const existing = registry.get(key);
  if (existing && limit >= existing.limit) return existing;
  const pacer: Pacer = {
    limit,
    intervalMs: 1000 / (limit * headroom),
    nextSlot: existing?.nextSlot ?? 0,
    gate: existing?.gate ?? Promise.resolve(),
    recent: existing?.recent ?? [],
    fastestRoundTripMs: existing?.fastestRoundTripMs ?? Infinity,
  };
  registry.set(key, pacer);
  return pacer;
}

async function arrivalGuard(pacer: Pacer, signal?: AbortSignal): Promise<void> {
  const reference = pacer.recent.length >= pacer.limit ? pacer.recent[pacer.recent.length - pacer.limit] : undefined;
  if (!reference) return;
  if (reference.answeredAt === undefined) {
    const cap = reference.at + 1000 + MAX_PENDING_WAIT_MS - performance.now();
    if (cap > 0) await Promise.race([reference.answered, sleep(cap, signal)]);
  }
  const answeredAt = reference.answeredAt ?? performance.now();
  const roundTrip = Number.isFinite(pacer.fastestRoundTripMs) ? pacer.fastestRoundTripMs : 0;
  const wait = answeredAt + 1000 - roundTrip - performance.now();
  if (wait > 0) await sleep(wait, signal);
}

/** Call when the response (or failure) has arrived; feeds the arrival guard. */
export type RateLimitRelease = () => void;

/**
 * Waits until this key may send another request, and returns the function to call once it has
 * been answered. A lower limit requested later for the same key tightens the pace; a higher one
 * never loosens it.
 */
export async function acquireRateLimit(
  key: string,
  limitPerSecond: number,
  signal?: AbortSignal,
  headroom = DEFAULT_HEADROOM,
): Promise<RateLimitRelease> {
  if (!(limitPerSecond > 0) || !Number.isFinite(limitPerSecond)) return () => undefined;
  const pacer = pacerFor(key, limitPerSecond, headroom);
  const now = performance.now();
  const slot = Math.max(now, pacer.nextSlot);
  pacer.nextSlot = slot + pacer.intervalMs;
  const previous = pacer.gate;
  let leave!: () => void;
  pacer.gate = new Promise<void>((resolve) => (leave = resolve));
  try {
    if (slot > now) await sleep(slot - now, signal);
    await previous;
    await arrivalGuard(pacer, signal);
  } finally {
    leave();
  }
  let answer!: () => void;
  const departure: Departure = { at: performance.now(), answered: new Promise<void>((resolve) => (answer = resolve)) };
  pacer.recent.push(departure);
  if (pacer.recent.length > pacer.limit) pacer.recent.shift();
  return () => {
    if (departure.answeredAt !== undefined) return;
    departure.answeredAt = performance.now();
    pacer.fastestRoundTripMs = Math.min(pacer.fastestRoundTripMs, departure.answeredAt - departure.at);
    answer();
  };
}

export function rateLimitKey(vendor: string, credentialId: string, action: string): string {
  return `${vendor}|${credentialId}|${action}`;
}

/** Test helper: forget every queue so tests do not share pacing state. */
export function resetRateLimits(): void {
  registry.clear();
}

/**
 * Documented limits (requests per second). Tencent publishes 20/s for each account API and 200/s for
 * DescribeDBInstances; DMS and Huawei publish none, so conservative defaults apply.
 */
export const DEFAULT_RATE_LIMITS = {
  tencent: {
    CreateAccount: 20,
    DescribeAccounts: 20,
    DeleteAccount: 20,
    ResetAccountPassword: 20,
    GetPublicKey: 20,
    DescribeDBInstances: 200,
    default: 20,
  },
  alibaba: { default: 10 },
  huawei: { default: 10, KeystoneCreateUserTokenByPassword: 5 },
} as const satisfies Record<string, Record<string, number>>;

export function rateLimitFor(
  vendor: keyof typeof DEFAULT_RATE_LIMITS,
  action: string,
  overrides?: Record<string, number>,
): number {
  const defaults: Record<string, number> = DEFAULT_RATE_LIMITS[vendor];
  return overrides?.[action] ?? defaults[action] ?? overrides?.default ?? defaults.default ?? 10;
}
