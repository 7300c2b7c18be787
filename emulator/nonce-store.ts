/**
 * Remembers signature nonces until their request could no longer pass the timestamp check,
 * so a replay inside the validity window is refused. Bounded: when full, the oldest entry is
 * evicted (insertion order is close to expiry order because every entry gets the same TTL).
 */
export class NonceStore {
  private readonly seen = new Map<string, number>();
  private insertsSinceSweep = 0;

  constructor(private readonly maxEntries = 200_000) {}

  /** Returns false when the nonce was already used and has not expired; otherwise records it. */
  remember(key: string, expiresAt: number, now: number): boolean {
    const prev = this.seen.get(key);
    if (prev !== undefined && prev > now) return false;
    this.seen.delete(key);
    this.seen.set(key, expiresAt);
    if (++this.insertsSinceSweep >= 1000) this.sweep(now);
    while (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private sweep(now: number): void {
    this.insertsSinceSweep = 0;
    for (const [k, exp] of this.seen) if (exp <= now) this.seen.delete(k);
  }
}
