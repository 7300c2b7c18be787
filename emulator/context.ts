import type { DemoFixtures } from "./fixtures";
import type { NonceStore } from "./nonce-store";
import type { RateLimits, SlidingWindowLimiter } from "./rate-limit";
import type { Store } from "./store";

/** Knobs that tests may change at run time through the admin API. */
export interface RuntimeConfig {
  rateLimits: RateLimits;
  /** Lifetime of IAM tokens issued by the emulator (the real one is 24 h). */
  iamTokenTtlSeconds: number;
  /** Allowed clock skew per vendor, in seconds. */
  skew: { alibaba: number; tencent: number; huawei: number };
}

/** Everything a vendor handler needs; one per emulator instance. */
export interface EmuContext {
  store: Store;
  fixtures: DemoFixtures;
  nonces: NonceStore;
  limiter: SlidingWindowLimiter;
  config: RuntimeConfig;
  now(): number;
}
