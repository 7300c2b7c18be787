import PQueue from "p-queue";

export type ItemResult<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface MapOptions {
  /** Maximum items in flight at once (default 8). Rate limits still apply per call. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Called after each item settles, for progress displays. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Runs `fn` over `items` with bounded concurrency and returns one result per item, in input order.
 * A failing item never stops the others; callers decide what a partial failure means.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => Promise<R>,
  options: MapOptions = {},
): Promise<ItemResult<R>[]> {
  const queue = new PQueue({ concurrency: Math.max(1, options.concurrency ?? 8) });
  const results = new Array<ItemResult<R>>(items.length);
  let done = 0;
  await Promise.all(
    items.map((item, index) =>
      queue.add(async () => {
        try {
          if (options.signal?.aborted) throw options.signal.reason;
          results[index] = { ok: true, value: await fn(item, index) };
        } catch (error) {
          results[index] = { ok: false, error };
        } finally {
          done += 1;
          options.onProgress?.(done, items.length);
        }
      }),
    ),
  );
  return results;
}
