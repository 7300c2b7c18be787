/*
 * Short-lived shared answers to vendor reads. Every view of a list used to be a vendor call paced
 * at the vendor's limit (DMS: 10/s), so ten people opening one list waited a second each and bulk
 * work starved. Here concurrent identical reads share one call (single flight) and the answer is
 * kept for a few seconds, per credential and resource. The console's own changes to a resource
 * drop every copy of it at once; other instances learn of them through a version counter.
 */

/** Where the version of a resource is kept so that several processes agree on it. */
export interface VersionStore {
  /** The resource's current version (0 when it never changed). */
  read(resource: string): Promise<number>;
  bump(resource: string): Promise<void>;
}

export interface ReadKey {
  /** What the answer is about, as the console's changes name it (e.g. "dms-proxy:1201"). */
  resource: string;
  /** Whose eyes: answers are never shared across credentials (cloud accounts). */
  credential: string;
  /** Which read of the resource, with its parameters (e.g. "ListProxyAccesses:3001"). */
  read: string;
}

export interface CachedRead<T> {
  value: T;
  /** Epoch ms when the vendor's answer arrived. */
  fetchedAt: number;
  /** True when this caller did not make the vendor call itself. */
  shared: boolean;
}

export interface ReadCacheOptions {
  /** How long an answer is served after it arrived (default 3 s). */
  ttlMs?: number;
  /**
   * A read this long before the copy expires starts the next vendor call in the background while
   * the copy is still served (default 0: off). Without it every reader arriving at expiry waits for
   * the vendor, which is what set the crowd's p99; with it they get the copy or, once it arrived,
   * the successor. The copy is never served past ttlMs.
   */
  refreshAheadMs?: number;
  /** Shared versions (several instances); without it invalidation is local to this process. */
  versions?: VersionStore;
  now?: () => number;
  /** Told when the version store fails; the cache then behaves as if the copy were stale. */
  onError?: (error: unknown) => void;
}

interface Entry {
  answer: Promise<{ value: unknown; fetchedAt: number }>;
  /** Set once the answer arrived; until then the entry is a call in flight that others join. */
  fetchedAt?: number;
  /** The resource's shared version read before the vendor call started. */
  version?: number;
  timer?: ReturnType<typeof setTimeout>;
  /** The next answer, started early by refresh-ahead; installed when it arrives. */
  successor?: Entry;
}

export interface ReadCache {
  /** The answer of `load` for this key: shared if one is fresh or in flight, else a new call. Errors are not kept. */
  read<T>(key: ReadKey, load: () => Promise<T>): Promise<CachedRead<T>>;
  /** Drops every copy of the resource, here and (through the version store) on other instances. */
  invalidate(resource: string): Promise<void>;
  /** How many answers are kept or in flight (tests, diagnostics). */
  size(): number;
  clear(): void;
}

const SEP = "\u0000";

export function createReadCache(options: ReadCacheOptions = {}): ReadCache {
  const ttlMs = options.ttlMs ?? 3_000;
  const refreshAt = ttlMs - Math.min(Math.max(0, options.refreshAheadMs ?? 0), ttlMs);
  const now = options.now ?? Date.now;
  const versions = options.versions;
  const entries = new Map<string, Entry>();
  const byResource = new Map<string, Set<string>>();
  // Concurrent version checks of one resource share one query.
  const versionReads = new Map<string, Promise<number | null>>();

  const drop = (id: string, entry?: Entry) => {
    const current = entries.get(id);
    if (!current || (entry && current !== entry)) return;
    if (current.timer) clearTimeout(current.timer);
    entries.delete(id);
    const resource = id.slice(0, id.indexOf(SEP));
    const ids = byResource.get(resource);
    ids?.delete(id);
    if (ids && ids.size === 0) byResource.delete(resource);
  };

  const sharedVersion = (resource: string): Promise<number | null> => {
    if (!versions) return Promise.resolve(null);
    let pending = versionReads.get(resource);
    if (!pending) {
      pending = versions
        .read(resource)
        .catch((error: unknown) => {
          options.onError?.(error);
          return null;
        })
        .finally(() => versionReads.delete(resource));
      versionReads.set(resource, pending);
    }
    return pending;
  };

  const register = (id: string, resource: string, entry: Entry) => {
    entries.set(id, entry);
    let ids = byResource.get(resource);
    if (!ids) byResource.set(resource, (ids = new Set()));
    ids.add(id);
  };

  /** The copy's end of life: its successor, if one is on the way, takes its place. */
  const expire = (id: string, entry: Entry, resource: string) => {
    if (entries.get(id) !== entry) return;
    const next = entry.successor;
    drop(id, entry);
    if (next) register(id, resource, next);
  };

  const start = (id: string, key: ReadKey, load: () => Promise<unknown>, predecessorAtStart?: Entry): Entry => {
    const entry = {} as Entry;
    // Let go once settled: a copy must not keep the copy before it (and so on) alive.
    let predecessor = predecessorAtStart;
    entry.answer = (async () => {
      // Read before the vendor call: a change landing during the call bumps past this version.
      const version = await sharedVersion(key.resource);
      if (version !== null) entry.version = version;
      const value = await load();
      const fetchedAt = now();
      entry.fetchedAt = fetchedAt;
      // A refresh whose copy was dropped meanwhile (an invalidation) may predate the change: discard it.
      if (predecessor && entries.get(id) === predecessor) {
        if (predecessor.timer) clearTimeout(predecessor.timer);
        entries.set(id, entry);
      }
      predecessor = undefined;
      // Memory goes with the copy: a 20,000-row list must not stay around once it is stale.
      if (entries.get(id) === entry) {
        entry.timer = setTimeout(() => expire(id, entry, key.resource), ttlMs);
        entry.timer.unref?.();
      }
      return { value, fetchedAt };
    })();
    entry.answer.catch(() => {
      if (predecessor?.successor === entry) predecessor.successor = undefined;
      predecessor = undefined;
      drop(id, entry);
    });
    if (predecessor) predecessor.successor = entry;
    else register(id, key.resource, entry);
    return entry;
  };

  /** Starts the next call early when a young enough copy is read near its end (refresh-ahead). */
  const refreshIfDue = (id: string, key: ReadKey, load: () => Promise<unknown>, entry: Entry) => {
    if (refreshAt >= ttlMs || entry.fetchedAt === undefined || entry.successor) return;
    if (now() - entry.fetchedAt < refreshAt) return;
    start(id, key, load, entry).answer.catch(() => undefined);
  };

  /** A kept copy is good while young and, with a version store, while nobody changed the resource. */
  const usable = async (entry: Entry, resource: string): Promise<boolean> => {
    if (entry.fetchedAt === undefined) return true;
    if (now() - entry.fetchedAt >= ttlMs) return false;
    if (!versions) return true;
    const version = await sharedVersion(resource);
    return version !== null && version === entry.version;
  };

  return {
    async read<T>(key: ReadKey, load: () => Promise<T>): Promise<CachedRead<T>> {
      const id = [key.resource, key.credential, key.read].join(SEP);
      const existing = entries.get(id);
      if (existing && (await usable(existing, key.resource)) && entries.get(id) === existing) {
        refreshIfDue(id, key, load, existing);
        const { value, fetchedAt } = await existing.answer;
        return { value: value as T, fetchedAt, shared: true };
      }
      // Aged out: its early successor (if any) takes over. Changed by someone: nothing of it is reused.
      if (existing) {
        const aged = existing.fetchedAt !== undefined && now() - existing.fetchedAt >= ttlMs;
        if (aged) expire(id, existing, key.resource);
        else drop(id, existing);
      }
      // Another caller may have started the call while this one checked the version.
      const racing = entries.get(id);
      const entry = racing ?? start(id, key, load);
      const { value, fetchedAt } = await entry.answer;
      return { value: value as T, fetchedAt, shared: Boolean(racing) };
    },

    async invalidate(resource) {
      for (const id of [...(byResource.get(resource) ?? [])]) drop(id);
      if (!versions) return;
      try {
        await versions.bump(resource);
      } catch (error) {
        options.onError?.(error);
      }
    },

    size: () => entries.size,

    clear() {
      for (const id of [...entries.keys()]) drop(id);
    },
  };
}
