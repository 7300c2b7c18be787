import type { ServiceName } from "./types";

/** One vendor call as seen by the emulator. Never holds secrets, passwords or signatures. */
export interface CallLogEntry {
  seq: number;
  at: string;
  service: ServiceName;
  action: string;
  method: string;
  path: string;
  /** HTTP status sent, or null when the connection was dropped or held. */
  status: number | null;
  /** "OK", the vendor error code, or "dropped" / "timeout". */
  outcome: string;
  fault?: { id: string; kind: string; afterEffect: boolean };
  target?: Record<string, string>;
  /** The answer language the caller asked for (X-Language / X-TC-Language), as sent. */
  language?: string;
  durationMs: number;
}

export interface CallLogQuery {
  service?: string;
  action?: string;
  sinceSeq?: number;
  outcome?: string;
}

export class CallLog {
  private entries: CallLogEntry[] = [];
  private seq = 0;

  constructor(private readonly max = 20_000) {}

  add(entry: Omit<CallLogEntry, "seq">): CallLogEntry {
    const full = { seq: ++this.seq, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
    return full;
  }

  list(q: CallLogQuery = {}): CallLogEntry[] {
    return this.entries.filter(
      (e) =>
        (!q.service || e.service === q.service) &&
        (!q.action || e.action === q.action) &&
        (q.sinceSeq === undefined || e.seq > q.sinceSeq) &&
        (!q.outcome || e.outcome === q.outcome),
    );
  }

  get lastSeq(): number {
    return this.seq;
  }

  clear(): void {
    this.entries = [];
  }
}
