import { describe, expect, it } from "vitest";
import { createReadCache, type VersionStore } from "./read-cache";

/** Lets the cache reach the vendor call (it reads the shared version first). */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const key = { resource: "dms-proxy:1201", credential: "account-a", read: "ListProxyAccesses:3001" };

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A vendor stand-in that counts calls and answers when told. */
function vendor() {
  const calls: ReturnType<typeof deferred<string>>[] = [];
  return {
    calls,
    load: () => {
      const d = deferred<string>();
      calls.push(d);
      return d.promise;
    },
  };
}

/** One version table shared by two caches, as the database is by two instances. */
function sharedVersions(): VersionStore & { reads: number } {
  const table = new Map<string, number>();
  const store = {
    reads: 0,
    read: async (resource: string) => {
      store.reads += 1;
      return table.get(resource) ?? 0;
    },
    bump: async (resource: string) => void table.set(resource, (table.get(resource) ?? 0) + 1),
  };
  return store;
}

describe("the read cache", () => {
  it("coalesces concurrent identical reads into one vendor call", async () => {
    const cache = createReadCache();
    const v = vendor();
    const reads = Array.from({ length: 20 }, () => cache.read(key, v.load));
    await tick();
    expect(v.calls).toHaveLength(1);
    v.calls[0]!.resolve("list");
    const answers = await Promise.all(reads);
    expect(answers.map((a) => a.value)).toEqual(Array(20).fill("list"));
    expect(answers.filter((a) => !a.shared)).toHaveLength(1);
  });

  it("keeps the answer for the ttl, then asks the vendor again", async () => {
    let clock = 1_000;
    const cache = createReadCache({ ttlMs: 3_000, now: () => clock });
    const v = vendor();
    const first = cache.read(key, v.load);
    await tick();
    v.calls[0]!.resolve("v1");
    expect(await first).toMatchObject({ value: "v1", fetchedAt: 1_000 });
    clock = 3_999;
    expect(await cache.read(key, v.load)).toMatchObject({ value: "v1", fetchedAt: 1_000, shared: true });
    expect(v.calls).toHaveLength(1);
    clock = 4_000;
    const again = cache.read(key, v.load);
    await tick();
    expect(v.calls).toHaveLength(2);
    v.calls[1]!.resolve("v2");
    expect(await again).toMatchObject({ value: "v2", fetchedAt: 4_000, shared: false });
  });

  it("never shares answers across credentials or different reads", async () => {
    const cache = createReadCache();
    const v = vendor();
    const reads = [
      cache.read(key, v.load),
      cache.read({ ...key, credential: "account-b" }, v.load),
      cache.read({ ...key, read: "ListProxyAccesses:3002" }, v.load),
    ];
    await tick();
    expect(v.calls).toHaveLength(3);
    v.calls.forEach((c, i) => c.resolve(`answer ${i}`));
    expect((await Promise.all(reads)).map((r) => r.value)).toEqual(["answer 0", "answer 1", "answer 2"]);
  });

  it("does not keep failures: the next caller asks again", async () => {
    const cache = createReadCache();
    const v = vendor();
    const both = [cache.read(key, v.load), cache.read(key, v.load)];
    await tick();
    v.calls[0]!.reject(new Error("Throttling.User"));
    for (const r of await Promise.allSettled(both)) expect(r.status).toBe("rejected");
    const next = cache.read(key, v.load);
    await tick();
    expect(v.calls).toHaveLength(2);
    v.calls[1]!.resolve("ok");
    expect((await next).value).toBe("ok");
    expect(cache.size()).toBe(1);
  });

  it("drops the copy when the console changes the resource, even a call still in flight", async () => {
    const cache = createReadCache();
    const v = vendor();
    const kept = cache.read(key, v.load);
    await tick();
    v.calls[0]!.resolve("before");
    await kept;
    const inFlight = cache.read({ ...key, credential: "account-b" }, v.load);
    await cache.invalidate("dms-proxy:1201");
    expect(cache.size()).toBe(0);
    const after = cache.read(key, v.load);
    await tick();
    expect(v.calls).toHaveLength(3);
    v.calls[1]!.resolve("in flight");
    v.calls[2]!.resolve("after");
    expect((await inFlight).value).toBe("in flight");
    expect((await after).value).toBe("after");
    // The call that started before the change is not kept for later readers.
    const later = cache.read({ ...key, credential: "account-b" }, v.load);
    await tick();
    expect(v.calls).toHaveLength(4);
    v.calls[3]!.resolve("fresh");
    expect((await later).value).toBe("fresh");
  });

  it("leaves other resources alone on invalidation", async () => {
    const cache = createReadCache();
    const v = vendor();
    const other = { ...key, resource: "dms-proxy:1202" };
    const r = cache.read(other, v.load);
    await tick();
    v.calls[0]!.resolve("kept");
    await r;
    await cache.invalidate("dms-proxy:1201");
    expect((await cache.read(other, v.load)).shared).toBe(true);
    expect(v.calls).toHaveLength(1);
  });

  it("drops another instance's copy once this one changed the resource, through the shared version", async () => {
    const versions = sharedVersions();
    const a = createReadCache({ versions });
    const b = createReadCache({ versions });
    const v = vendor();
    const first = b.read(key, v.load);
    await tick();
    v.calls[0]!.resolve("before");
    await first;
    expect((await b.read(key, v.load)).value).toBe("before");
    await a.invalidate("dms-proxy:1201");
    const after = b.read(key, v.load);
    await tick();
    expect(v.calls).toHaveLength(2);
    v.calls[1]!.resolve("after");
    expect((await after).value).toBe("after");
  });

  it("checks the shared version once for a crowd of concurrent readers", async () => {
    const versions = sharedVersions();
    const cache = createReadCache({ versions });
    const v = vendor();
    const first = cache.read(key, v.load);
    await tick();
    v.calls[0]!.resolve("list");
    await first;
    const before = versions.reads;
    await Promise.all(Array.from({ length: 20 }, () => cache.read(key, v.load)));
    expect(versions.reads - before).toBe(1);
    expect(v.calls).toHaveLength(1);
  });

  it("lets the copy go after the ttl so a large list does not stay in memory", async () => {
    const cache = createReadCache({ ttlMs: 20 });
    const v = vendor();
    const r = cache.read(key, v.load);
    await tick();
    v.calls[0]!.resolve("big");
    await r;
    expect(cache.size()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(cache.size()).toBe(0);
  });

  describe("with refresh-ahead", () => {
    it("serves the copy near its end while the next vendor call runs, then the new answer", async () => {
      let clock = 1_000;
      const cache = createReadCache({ ttlMs: 3_000, refreshAheadMs: 1_000, now: () => clock });
      const v = vendor();
      const first = cache.read(key, v.load);
      await tick();
      v.calls[0]!.resolve("v1");
      await first;
      clock = 2_999; // not due yet
      expect((await cache.read(key, v.load)).value).toBe("v1");
      expect(v.calls).toHaveLength(1);
      clock = 3_000; // due: the reader still gets v1 at once, and the next call starts
      expect(await cache.read(key, v.load)).toMatchObject({ value: "v1", fetchedAt: 1_000 });
      await tick();
      expect(v.calls).toHaveLength(2);
      expect((await cache.read(key, v.load)).value).toBe("v1"); // one refresh at a time
      await tick();
      expect(v.calls).toHaveLength(2);
      v.calls[1]!.resolve("v2");
      await tick();
      expect(await cache.read(key, v.load)).toMatchObject({ value: "v2", fetchedAt: 3_000, shared: true });
      expect(cache.size()).toBe(1);
    });

    it("never serves the copy past its ttl: readers then wait for the refresh already running", async () => {
      let clock = 1_000;
      const cache = createReadCache({ ttlMs: 3_000, refreshAheadMs: 1_000, now: () => clock });
      const v = vendor();
      const first = cache.read(key, v.load);
      await tick();
      v.calls[0]!.resolve("v1");
      await first;
      clock = 3_500;
      await cache.read(key, v.load); // starts the refresh
      await tick();
      clock = 4_000; // the copy aged out while the vendor is still answering
      const late = cache.read(key, v.load);
      await tick();
      expect(v.calls).toHaveLength(2);
      v.calls[1]!.resolve("v2");
      expect(await late).toMatchObject({ value: "v2", shared: true });
    });

    it("drops a refresh that was running when the console changed the resource", async () => {
      let clock = 1_000;
      const cache = createReadCache({ ttlMs: 3_000, refreshAheadMs: 1_000, now: () => clock });
      const v = vendor();
      const first = cache.read(key, v.load);
      await tick();
      v.calls[0]!.resolve("v1");
      await first;
      clock = 3_500;
      await cache.read(key, v.load);
      await tick();
      await cache.invalidate("dms-proxy:1201");
      v.calls[1]!.resolve("started before the change");
      await tick();
      const after = cache.read(key, v.load);
      await tick();
      expect(v.calls).toHaveLength(3);
      v.calls[2]!.resolve("after the change");
      expect((await after).value).toBe("after the change");
    });

    it("keeps the copy when the refresh fails, and tries again on a later read", async () => {
      let clock = 1_000;
      const cache = createReadCache({ ttlMs: 3_000, refreshAheadMs: 1_000, now: () => clock });
      const v = vendor();
      const first = cache.read(key, v.load);
      await tick();
      v.calls[0]!.resolve("v1");
      await first;
      clock = 3_500;
      await cache.read(key, v.load);
      await tick();
      v.calls[1]!.reject(new Error("throttled"));
      await tick();
      expect((await cache.read(key, v.load)).value).toBe("v1");
      await tick();
      expect(v.calls).toHaveLength(3);
    });
  });
});
