import { acquireRateLimit, rateLimitFor, rateLimitKey, type RateLimitRelease } from "@/lib/providers/rate-limit";
import type { ClientOptions, Vendor } from "@/lib/providers/types";

/**
 * Who decides when a vendor call may leave. The clients only know this interface: the default
 * paces within this process (rate-limit.ts); the console injects one whose slots are shared by
 * every instance (lib/pacing), which lib/providers must not know about because it needs the database.
 */

/**
 * "interactive": a person waits for the answer (one grant from a form, a list being opened).
 * "background": bulk jobs and sweeps, which must leave room for interactive calls.
 */
export type CallPriority = "interactive" | "background";

export interface PaceRequest {
  vendor: Vendor;
  /** Non-secret identity of the credential (access key id, secret id, IAM user). */
  credentialId: string;
  /** Action, or action group, that shares one budget. */
  action: string;
  limitPerSecond: number;
  priority: CallPriority;
  signal?: AbortSignal;
}

export interface VendorPacer {
  /** Waits for a slot; the returned function is called as soon as the answer (or a failure) arrived. */
  acquire(request: PaceRequest): Promise<RateLimitRelease>;
}

/** Paces within this process only: right for one process, twice the rate with two instances. */
export const processPacer: VendorPacer = {
  acquire: (r) => acquireRateLimit(rateLimitKey(r.vendor, r.credentialId, r.action), r.limitPerSecond, r.signal),
};

/**
 * The `beforeSend` hook every client hands to the HTTP base: resolves the documented limit for the
 * action and asks the configured pacer for a slot. `budget` maps an action to the budget it shares.
 */
export function pacedBeforeSend(
  vendor: Vendor,
  credentialId: string,
  options: Pick<ClientOptions, "pacer" | "priority" | "rateLimits">,
  budget: (action: string) => string = (action) => action,
): (action: string, signal?: AbortSignal) => Promise<RateLimitRelease> {
  const pacer = options.pacer ?? processPacer;
  const priority = options.priority ?? "interactive";
  return (action, signal) =>
    pacer.acquire({
      vendor,
      credentialId,
      action: budget(action),
      limitPerSecond: rateLimitFor(vendor, action, options.rateLimits),
      priority,
      signal,
    });
}
