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

  const start = (id: string, key: ReadKey, load: () => Promise<unknown>): Entry => {
    const entry = {} as Entry;
    entry.answer = (async () => {
      // Read before the vendor call: a change landing during the call bumps past this version.
      const version = await sharedVersion(key.resource);
      if (version !== null) entry.version = version;
      const value = await load();
      const fetchedAt = now();
      entry.fetchedAt = fetchedAt;
      // Memory goes with the copy: a 20,000-row list must not stay around once it is stale.
      if (entries.get(id) === entry) {
        entry.timer = setTimeout(() => drop(id, entry), ttlMs);
        entry.timer.unref?.();
      }
      return { value, fetchedAt };
    })();
    entry.answer.catch(() => drop(id, entry));
    entries.set(id, entry);
    let ids = byResource.get(key.resource);
    if (!ids) byResource.set(key.resource, (ids = new Set()));
    ids.add(id);
    return entry;
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
        const { value, fetchedAt } = await existing.answer;
        return { value: value as T, fetchedAt, shared: true };
      }
      if (existing) drop(id, existing);
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
