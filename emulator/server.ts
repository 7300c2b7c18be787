import { adminRequestListener } from "./admin";
import { createDmsHandler } from "./alibaba/dms";
import { CallLog } from "./call-log";
import type { EmuContext, RuntimeConfig } from "./context";
import { FaultEngine, type FaultInput } from "./faults";
import { loadFixtures } from "./fixtures";
import { listen, serviceRequestListener, type Listener } from "./http-server";
import { createDdsHandler } from "./huawei/dds";
import { createIamHandler } from "./huawei/iam";
import { createTaurusHandler } from "./huawei/taurus";
import { NonceStore } from "./nonce-store";
import { DEFAULT_RATE_LIMITS, SlidingWindowLimiter, type RateLimits } from "./rate-limit";
import { buildSeedImage } from "./seed";
import { Store } from "./store";
import { createMariadbHandler } from "./tencent/mariadb";
import type { ServiceHandler } from "./types";

export interface StartEmulatorOptions {
  /** 0 = every listener picks a free port; otherwise admin = basePort, dms +1 ... iam +5. */
  basePort: number;
  dataDir: string;
  /** Applied only when dataDir holds no state yet (and on POST /reset). */
  seed: "demo" | "none";
  /** Extra users and accesses on the large proxy, for benchmarks. */
  largeSeed?: number;
  /** Extra TaurusDB instances with four proxies each (0-500), for benchmarks. */
  largeTaurus?: number;
  faults?: FaultInput[];
  host?: string;
  rateLimits?: Partial<RateLimits>;
  iamTokenTtlSeconds?: number;
  /** Reference time for seeded dates (tests pin it for determinism). */
  seedClock?: number;
}

export interface EmulatorUrls {
  admin: string;
  dms: string;
  taurus: string;
  dds: string;
  mariadb: string;
  iam: string;
}

export interface RunningEmulator {
  urls: EmulatorUrls;
  close(): Promise<void>;
}

const ORDER = ["dms", "taurus", "dds", "mariadb", "iam"] as const;
/** Room for a GET query past Tencent's 32 KB limit, so the emulator can refuse it itself. */
const MARIADB_MAX_HEAD_BYTES = 128 * 1024;

/** Starts one listener per service plus the admin listener, all in this process. */
export async function startEmulator(opts: StartEmulatorOptions): Promise<RunningEmulator> {
  const fixtures = loadFixtures();
  const seedWith = (seed: "demo" | "none", largeSeed: number, largeTaurus: number, clock?: number) =>
    buildSeedImage({ kind: seed, largeSeed, largeTaurus, fixtures, clock: clock ?? opts.seedClock });
  const store = Store.open(opts.dataDir, () => seedWith(opts.seed, opts.largeSeed ?? 0, opts.largeTaurus ?? 0));
  const config: RuntimeConfig = {
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...opts.rateLimits },
    iamTokenTtlSeconds: opts.iamTokenTtlSeconds ?? 86_400,
    skew: { alibaba: 900, tencent: 300, huawei: 900 },
  };
  const ctx: EmuContext = { store, fixtures, nonces: new NonceStore(), limiter: new SlidingWindowLimiter(), config, now: () => Date.now() };
  const faults = new FaultEngine();
  for (const f of opts.faults ?? []) faults.add(f);
  const log = new CallLog();
  const timers = new Set<NodeJS.Timeout>();
  const host = opts.host ?? "127.0.0.1";
  const portFor = (offset: number) => (opts.basePort === 0 ? 0 : opts.basePort + offset);

  const handlers: Record<(typeof ORDER)[number], ServiceHandler> = {
    dms: createDmsHandler(ctx),
    taurus: createTaurusHandler(ctx),
    dds: createDdsHandler(ctx),
    mariadb: createMariadbHandler(ctx),
    iam: createIamHandler(ctx),
  };
  const listeners: Listener[] = [];
  const urls = {} as EmulatorUrls;
  try {
    const admin = await listen(
      adminRequestListener({
        ctx, faults, log, urls: () => ({ ...urls }),
        reset: (r) => {
          store.replace(seedWith(r.seed ?? opts.seed, r.largeSeed ?? 0, r.largeTaurus ?? 0, r.clock));
          ctx.limiter.reset();
          log.clear();
        },
      }),
      "127.0.0.1",
      portFor(0),
    );
    listeners.push(admin);
    urls.admin = admin.url;
    for (const [i, name] of ORDER.entries()) {
      // Node refuses request heads over 16 KB by default; Tencent GET queries may reach 32 KB, and a
      // longer one must reach the handler to be refused in the vendor's shape.
      const head = name === "mariadb" ? { maxHeaderSize: MARIADB_MAX_HEAD_BYTES } : {};
      const l = await listen(serviceRequestListener(handlers[name], faults, log, timers), host, portFor(i + 1), timers, head);
      listeners.push(l);
      urls[name] = l.url;
    }
  } catch (e) {
    await Promise.all(listeners.map((l) => l.close()));
    store.close();
    throw e;
  }
  let closed = false;
  return {
    urls,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(listeners.map((l) => l.close()));
      store.close();
    },
  };
}
