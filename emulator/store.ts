import { Journal, type Op } from "./journal";
import {
  COLL_NAMES,
  type CollName,
  type Collections,
  type SeedMeta,
  type StateImage,
} from "./state-types";

export type { Op } from "./journal";

type Tables = { [K in CollName]: Map<string, Collections[K]> };

function emptyTables(): Tables {
  const t = {} as Record<CollName, Map<string, unknown>>;
  for (const c of COLL_NAMES) t[c] = new Map();
  return t as Tables;
}

/** Compact the journal into a snapshot after this many batches. */
const COMPACT_AFTER = 5_000;

/**
 * In-memory state with durable mutations. Every change goes through commit(), which journals
 * (fsync) before touching memory, so an acknowledged response is never lost.
 */
export class Store {
  private tables: Tables = emptyTables();
  private counters: Record<string, number> = {};
  meta: SeedMeta = { seed: "none", largeSeed: 0, seededAt: new Date(0).toISOString() };

  private constructor(private readonly journal: Journal) {}

  /** Opens dataDir; calls makeSeed only when the directory holds no state yet. */
  static open(dataDir: string, makeSeed: () => StateImage): Store {
    const journal = new Journal(dataDir);
    const store = new Store(journal);
    if (journal.isEmpty) {
      const image = makeSeed();
      store.loadImage(image);
      journal.writeSnapshot(image);
    } else {
      const { image, batches } = journal.load();
      if (image) store.loadImage(image);
      for (const ops of batches) store.apply(ops);
      journal.writeSnapshot(store.toImage());
    }
    return store;
  }

  get<K extends CollName>(coll: K, key: string | number): Collections[K] | undefined {
    return this.tables[coll].get(String(key));
  }

  values<K extends CollName>(coll: K): Collections[K][] {
    return [...this.tables[coll].values()];
  }

  count(coll: CollName): number {
    return this.tables[coll].size;
  }

  /** The next value of a persisted id sequence; include counterOp(name, value) in the commit. */
  nextId(name: string, floor = 0): number {
    return Math.max(this.counters[name] ?? 0, floor) + 1;
  }

  commit(ops: Op[]): void {
    if (!ops.length) return;
    this.journal.append(ops);
    this.apply(ops);
    if (this.journal.pendingEntries >= COMPACT_AFTER) this.journal.writeSnapshot(this.toImage());
  }

  /** Replaces everything (admin reset). */
  replace(image: StateImage): void {
    this.tables = emptyTables();
    this.counters = {};
    this.loadImage(image);
    this.journal.writeSnapshot(image);
  }

  toImage(): StateImage {
    const collections: StateImage["collections"] = {};
    for (const c of COLL_NAMES) {
      (collections as Record<string, unknown>)[c] = [...this.tables[c].entries()];
    }
    return { version: 1, meta: this.meta, counters: { ...this.counters }, collections };
  }

  close(): void {
    this.journal.close();
  }

  private loadImage(image: StateImage): void {
    this.meta = image.meta;
    this.counters = { ...image.counters };
    for (const c of COLL_NAMES) {
      const rows = image.collections[c] as Array<[string, unknown]> | undefined;
      const table = this.tables[c] as Map<string, unknown>;
      for (const [k, v] of rows ?? []) table.set(k, v);
    }
  }

  private apply(ops: Op[]): void {
    for (const op of ops) {
      if (op.op === "counter") {
        this.counters[op.name] = op.value;
      } else if (op.op === "put") {
        (this.tables[op.coll] as Map<string, unknown>).set(op.key, op.value);
      } else {
        this.tables[op.coll].delete(op.key);
      }
    }
  }
}

export function putOp<K extends CollName>(coll: K, key: string | number, value: Collections[K]): Op {
  return { op: "put", coll, key: String(key), value };
}

export function delOp(coll: CollName, key: string | number): Op {
  return { op: "del", coll, key: String(key) };
}

export function counterOp(name: string, value: number): Op {
  return { op: "counter", name, value };
}
