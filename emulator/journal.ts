import fs from "node:fs";
import path from "node:path";
import type { CollName, StateImage } from "./state-types";

/** Mutations are absolute (put/delete/set-counter), so replaying one twice is harmless. */
export type Op =
  | { op: "put"; coll: CollName; key: string; value: unknown }
  | { op: "del"; coll: CollName; key: string }
  | { op: "counter"; name: string; value: number };

const SNAPSHOT = "snapshot.json";
const JOURNAL = "journal.jsonl";

/**
 * Crash-safe persistence: an append-only JSON-lines journal, fsynced before a mutation is
 * acknowledged, plus a snapshot written by atomic rename. A torn last line (kill -9 mid-write)
 * was never acknowledged, so it is skipped on replay.
 */
export class Journal {
  private fd: number | undefined;
  private entries = 0;
  /** Set after a failed write, whose torn bytes must not glue onto the next line. */
  private torn = false;

  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  get isEmpty(): boolean {
    return !fs.existsSync(this.file(SNAPSHOT)) && !fs.existsSync(this.file(JOURNAL));
  }

  get pendingEntries(): number {
    return this.entries;
  }

  /** Reads the snapshot and every complete journal batch after it. */
  load(): { image: StateImage | undefined; batches: Op[][] } {
    const snapPath = this.file(SNAPSHOT);
    const image = fs.existsSync(snapPath)
      ? (JSON.parse(fs.readFileSync(snapPath, "utf8")) as StateImage)
      : undefined;
    const batches: Op[][] = [];
    const jPath = this.file(JOURNAL);
    if (fs.existsSync(jPath)) {
      for (const line of fs.readFileSync(jPath, "utf8").split("\n")) {
        if (!line.trim()) continue;
        try {
          const rec = JSON.parse(line) as { ops?: Op[] };
          if (Array.isArray(rec.ops)) batches.push(rec.ops);
        } catch {
          // A torn trailing write from a crash: it was never acknowledged.
        }
      }
    }
    return { image, batches };
  }

  append(ops: Op[]): void {
    if (this.fd === undefined) this.fd = fs.openSync(this.file(JOURNAL), "a");
    const line = (this.torn ? "\n" : "") + JSON.stringify({ at: Date.now(), ops }) + "\n";
    try {
      fs.writeSync(this.fd, line);
      fs.fsyncSync(this.fd);
    } catch (e) {
      this.torn = true;
      throw e;
    }
    this.torn = false;
    this.entries++;
  }

  /** Writes a full image atomically, then empties the journal it supersedes. */
  writeSnapshot(image: StateImage): void {
    const tmp = this.file(SNAPSHOT + ".tmp");
    const fd = fs.openSync(tmp, "w");
    try {
      fs.writeSync(fd, JSON.stringify(image));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file(SNAPSHOT));
    this.syncDir();
    this.closeFd();
    fs.writeFileSync(this.file(JOURNAL), "");
    this.entries = 0;
  }

  close(): void {
    this.closeFd();
  }

  private closeFd(): void {
    if (this.fd !== undefined) {
      fs.closeSync(this.fd);
      this.fd = undefined;
    }
  }

  private syncDir(): void {
    try {
      const dfd = fs.openSync(this.dir, "r");
      try {
        fs.fsyncSync(dfd);
      } finally {
        fs.closeSync(dfd);
      }
    } catch {
      // Some filesystems refuse fsync on directories; the rename is still atomic there.
    }
  }

  private file(name: string): string {
    return path.join(this.dir, name);
  }
}
