import { isAmbiguous, isProviderError, isTransient, ProviderError } from "@/lib/providers/errors";
import type { RetryPolicy } from "@/lib/providers/types";

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  random: Math.random,
};

export function resolvePolicy(policy?: Partial<RetryPolicy>): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...policy };
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base × 2^(failures-1))). */
export function backoffDelay(failures: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(policy.random() * ceiling);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export interface RetryOptions {
  policy?: Partial<RetryPolicy>;
  /** Default: transient ProviderErrors (network, timeout, throttling, 5xx). */
  shouldRetry?: (error: unknown) => boolean;
  signal?: AbortSignal;
}

/** Retries `fn` on transient failures. Only for calls that cannot duplicate a change. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const policy = resolvePolicy(options.policy);
  const shouldRetry = options.shouldRetry ?? isTransient;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= policy.maxAttempts || !shouldRetry(error) || options.signal?.aborted) throw error;
      await sleep(backoffDelay(attempt, policy), options.signal);
    }
  }
}

export interface DeleteOutcome<T> {
  value?: T;
  /** The thing was already gone when a retry ran: an earlier attempt most likely deleted it. */
  alreadyGone: boolean;
}

/**
 * Deletes are retried because repeating them cannot duplicate anything; a "not found" answer to a
 * retry counts as success (the earlier, ambiguous attempt did the work). A "not found" on the first
 * attempt is a real error and is thrown.
 */
export async function retryDelete<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions & { isGone: (error: unknown) => boolean | Promise<boolean> },
): Promise<DeleteOutcome<T>> {
  let retried = false;
  try {
    const value = await withRetry(
      async (attempt) => {
        retried = attempt > 1;
        return fn(attempt);
      },
      options,
    );
    return { value, alreadyGone: false };
  } catch (error) {
    if (retried && (await options.isGone(error))) return { alreadyGone: true };
    throw error;
  }
}

export interface CreateOutcome<T> {
  value: T;
  /** An earlier attempt failed ambiguously and the thing was then found to exist: not duplicated. */
  foundAfterRetry: boolean;
}

export interface CreateOptions<T> extends Omit<RetryOptions, "shouldRetry"> {
  attempt: (attempt: number) => Promise<T>;
  /** Looks for the thing the create would have made; undefined when it does not exist. */
  lookup: () => Promise<T | undefined>;
}

/**
 * Creates are never repeated blindly. After an ambiguous failure (network, timeout, throttling,
 * 5xx) the thing is looked up first; only if it does not exist is the create sent again. A
 * non-transient error after an ambiguous one (e.g. "already exists") also triggers a lookup, since
 * the earlier request may have landed late. When nothing can be confirmed the error is marked
 * `outcomeUnknown`.
 */
export async function createWithLookup<T>(options: CreateOptions<T>): Promise<CreateOutcome<T>> {
  const policy = resolvePolicy(options.policy);
  const look = () => withRetry(() => options.lookup(), { policy, signal: options.signal });
  let ambiguous: ProviderError | undefined;
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
    if (ambiguous) {
      await sleep(backoffDelay(attempt - 1, policy), options.signal);
      const found = await look().catch(() => {
        throw ambiguous?.withOutcomeUnknown();
      });
      if (found !== undefined) return { value: found, foundAfterRetry: true };
    }
    try {
      return { value: await options.attempt(attempt), foundAfterRetry: false };
    } catch (error) {
      if (isAmbiguous(error) && isProviderError(error)) {
        ambiguous = error;
        continue;
      }
      if (ambiguous) {
        const found = await look().catch(() => undefined);
        if (found !== undefined) return { value: found, foundAfterRetry: true };
      }
      throw error;
    }
  }
  const last = ambiguous as ProviderError;
  await sleep(backoffDelay(policy.maxAttempts, policy), options.signal);
  const found = await look().catch(() => undefined);
  if (found !== undefined) return { value: found, foundAfterRetry: true };
  throw last.withOutcomeUnknown();
}
