/**
 * Strict sliding one-second window: at most `limit` accepted calls per key in any 1000 ms.
 * Refused calls do not consume capacity, which matches how the vendors describe their quotas.
 */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, number[]>();
  private callsSinceSweep = 0;

  constructor(private readonly windowMs = 1000) {}

  tryAcquire(key: string, limit: number, now: number): boolean {
    if (limit <= 0) return true;
    let stamps = this.windows.get(key);
    if (!stamps) {
      stamps = [];
      this.windows.set(key, stamps);
    }
    const cutoff = now - this.windowMs;
    let drop = 0;
    while (drop < stamps.length && (stamps[drop] ?? 0) <= cutoff) drop++;
    if (drop) stamps.splice(0, drop);
    if (++this.callsSinceSweep >= 5000) this.sweep(now);
    if (stamps.length >= limit) return false;
    stamps.push(now);
    return true;
  }

  reset(): void {
    this.windows.clear();
  }

  private sweep(now: number): void {
    this.callsSinceSweep = 0;
    for (const [k, stamps] of this.windows) {
      const last = stamps[stamps.length - 1];
      if (last === undefined || last <= now - this.windowMs) this.windows.delete(k);
    }
  }
}

/** Per-second quotas. Tencent's come from its docs; DMS and Huawei publish none (assumed). */
export interface RateLimits {
  /** Tencent MariaDB account APIs, per SecretId per action. */
  mariadbAccount: number;
  /** Tencent DescribeDBInstances, per SecretId. */
  mariadbDescribeInstances: number;
  /** Alibaba DMS, per AccessKeyId across actions (assumed). */
  dms: number;
  /** Huawei TaurusDB and DDS, per project per service (assumed). */
  huawei: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  mariadbAccount: 20,
  mariadbDescribeInstances: 200,
  dms: 50,
  huawei: 50,
};
