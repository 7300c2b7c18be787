import type { ValidationKey } from "@/lib/validation/error-keys";
import { unsafeTextProblem } from "@/lib/validation/text";
import { canonicalKey, parseAddress, type AddressProblem, type ParsedAddress } from "./address";

/*
 * TaurusDB database-proxy access-control rules (CreateAccessControl / ShowProxyIpgroup): one list,
 * either a whitelist or a blacklist, of at most 300 addresses or CIDR ranges. Pure: the editor in
 * the browser and the actions on the server reason about the same lists with the same functions.
 */

export { parseAddress, type AddressFamily, type AddressProblem, type AddressResult, type ParsedAddress } from "./address";

export type RuleType = "white" | "black";
export const RULE_TYPES = ["white", "black"] as const satisfies readonly RuleType[];

export interface RuleEntry {
  ip: string;
  description: string;
}

export interface RulesState {
  type: RuleType;
  ipList: RuleEntry[];
}

export const MAX_RULES = 300;
export const DESCRIPTION_MAX = 50;

export interface DescriptionProblem {
  key: Extract<ValidationKey, "tooLong" | "descriptionAngle" | "textSurrogate" | "textNul" | "textLineBreak" | "textControl">;
  values?: Record<string, string | number>;
}

/**
 * Why the vendor would refuse a description (0–50 characters, no < or >), or null. Length counts
 * UTF-16 units, as JavaScript and Java do: an emoji counts twice, which errs on the strict side.
 */
export function descriptionProblem(description: string): DescriptionProblem | null {
  const text = unsafeTextProblem(description, "line");
  if (text) return text;
  if (/[<>]/.test(description)) return { key: "descriptionAngle" };
  if (description.length > DESCRIPTION_MAX) return { key: "tooLong", values: { maximum: DESCRIPTION_MAX } };
  return null;
}

/** An entry that repeats or lies inside another: `other` is the index of the entry it repeats or the widest one covering it. */
export interface RuleOverlap {
  index: number;
  other: number;
}

type Ranged = { index: number; range: ParsedAddress };

function ranged(entries: readonly RuleEntry[]): Ranged[] {
  const out: Ranged[] = [];
  entries.forEach((entry, index) => {
    const parsed = parseAddress(entry.ip.trim());
    if (parsed.ok) out.push({ index, range: parsed.value });
  });
  return out;
}

/**
 * Duplicates and coverage in one sweep. CIDR ranges are either nested or disjoint, so after sorting
 * by start (widest first) the ranges still open form a chain: its bottom is the widest range that
 * covers the current one, its top is the same range when the current one repeats it.
 */
function overlaps(entries: readonly RuleEntry[]): { duplicates: RuleOverlap[]; covered: RuleOverlap[] } {
  const sorted = ranged(entries).sort(
    (a, b) =>
      a.range.family.localeCompare(b.range.family) ||
      (a.range.start < b.range.start ? -1 : a.range.start > b.range.start ? 1 : 0) ||
      a.range.prefix - b.range.prefix ||
      a.index - b.index,
  );
  const duplicates: RuleOverlap[] = [];
  const covered: RuleOverlap[] = [];
  let open: Ranged[] = [];
  for (const item of sorted) {
    if (open[0] && open[0].range.family !== item.range.family) open = [];
    while (open.length > 0 && open[open.length - 1]!.range.end < item.range.start) open.pop();
    const top = open[open.length - 1];
    const repeats = top !== undefined && top.range.canonical === item.range.canonical;
    if (repeats) duplicates.push({ index: item.index, other: top.index });
    const widest = open[0];
    if (widest && (!repeats || open.length > 1)) covered.push({ index: item.index, other: widest.index });
    if (!repeats) open.push(item);
  }
  const byIndex = (a: RuleOverlap, b: RuleOverlap) => a.index - b.index;
  return { duplicates: duplicates.sort(byIndex), covered: covered.sort(byIndex) };
}

/** Entries whose range repeats an earlier entry's (10.0.0.1 and 10.0.0.1/32); `other` is the first of them. Unparsable entries are skipped. */
export function findDuplicates(entries: readonly RuleEntry[]): RuleOverlap[] {
  return overlaps(entries).duplicates;
}

/** Entries whose range lies strictly inside another's (10.0.1.5 inside 10.0.0.0/16); `other` is the widest covering entry. */
export function findCovered(entries: readonly RuleEntry[]): RuleOverlap[] {
  return overlaps(entries).covered;
}

export type RuleWarning =
  | { kind: "duplicate"; index: number; other: number }
  | { kind: "covered"; index: number; other: number }
  /** 10.0.0.1/24 covers all of 10.0.0.0/24; `suggestion` is that range written plainly. */
  | { kind: "hostBits"; index: number; suggestion: string }
  /** A /0 range: every IPv4 (or IPv6) source. */
  | { kind: "everything"; index: number; family: "ipv4" | "ipv6" };

/** Everything worth a second look in a list that is otherwise valid, ordered by entry. None of it stops a save. */
export function findWarnings(entries: readonly RuleEntry[]): RuleWarning[] {
  const { duplicates, covered } = overlaps(entries);
  const warnings: RuleWarning[] = [
    ...duplicates.map((d) => ({ kind: "duplicate" as const, ...d })),
    ...covered.map((c) => ({ kind: "covered" as const, ...c })),
  ];
  for (const { index, range } of ranged(entries)) {
    if (range.prefix === 0) warnings.push({ kind: "everything", index, family: range.family });
    else if (range.hostBitsSet) warnings.push({ kind: "hostBits", index, suggestion: range.canonical });
  }
  return warnings.sort((a, b) => a.index - b.index);
}

export interface PastedLineProblem {
  /** 1-based line number in the pasted text. */
  line: number;
  text: string;
  field: "ip" | "description";
  key: AddressProblem["key"] | DescriptionProblem["key"];
  values?: Record<string, string | number>;
}

export interface PastedLines {
  entries: RuleEntry[];
  /** The 1-based line number of each entry, in step with `entries`. */
  lines: number[];
  problems: PastedLineProblem[];
}

/**
 * Many entries at once, one per line: an address, then optionally a description after a space, tab
 * or comma (the rest of the line, commas included). Blank lines and lines starting with # are skipped.
 */
export function parsePastedLines(text: string): PastedLines {
  const entries: RuleEntry[] = [];
  const lines: number[] = [];
  const problems: PastedLineProblem[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, "").trim();
    if (line === "" || line.startsWith("#")) return;
    const match = /^([^\s,]+)(?:[\s,]+(.*))?$/.exec(line);
    const ip = match?.[1] ?? line;
    const description = (match?.[2] ?? "").trim();
    const address = parseAddress(ip);
    if (!address.ok) {
      problems.push({ line: i + 1, text: line, field: "ip", ...address.problem });
      return;
    }
    const refused = descriptionProblem(description);
    if (refused) {
      problems.push({ line: i + 1, text: line, field: "description", ...refused });
      return;
    }
    entries.push({ ip, description });
    lines.push(i + 1);
  });
  return { entries, lines, problems };
}

/** The list as the vendor holds it: one description per range, the first entry winning. */
function byRange(entries: readonly RuleEntry[]): Map<string, RuleEntry> {
  const out = new Map<string, RuleEntry>();
  for (const entry of entries) {
    const key = canonicalKey(entry.ip);
    if (!out.has(key)) out.set(key, { ip: entry.ip.trim(), description: entry.description.trim() });
  }
  return out;
}

export interface DescriptionChange {
  ip: string;
  before: string;
  after: string;
}

export interface RulesChange {
  /** The vendor discards the old list when the type changes: everything in it is removed. */
  typeChanged: boolean;
  added: RuleEntry[];
  removed: RuleEntry[];
  changed: DescriptionChange[];
  /** Entries kept as they were. */
  unchanged: number;
}

/** What applying `after` over `before` does, entries compared by canonical range. */
export function diffRules(before: RulesState, after: RulesState): RulesChange {
  const old = byRange(before.ipList);
  const next = byRange(after.ipList);
  if (before.type !== after.type) {
    return { typeChanged: true, added: [...next.values()], removed: [...old.values()], changed: [], unchanged: 0 };
  }
  const added: RuleEntry[] = [];
  const changed: DescriptionChange[] = [];
  let unchanged = 0;
  for (const [key, entry] of next) {
    const was = old.get(key);
    if (!was) added.push(entry);
    else if (was.description !== entry.description) changed.push({ ip: entry.ip, before: was.description, after: entry.description });
    else unchanged += 1;
  }
  const removed = [...old].filter(([key]) => !next.has(key)).map(([, entry]) => entry);
  return { typeChanged: false, added, removed, changed, unchanged };
}

/** True when the change does nothing at all. */
export function isNoChange(change: RulesChange): boolean {
  return !change.typeChanged && change.added.length === 0 && change.removed.length === 0 && change.changed.length === 0;
}

function normalized(state: RulesState): string {
  const lines = [...byRange(state.ipList)].map(([key, entry]) => `${key}\t${entry.description}`).sort();
  return `${state.type}\n${lines.join("\n")}`;
}

/** The same rules: same type and the same ranges with the same descriptions, whatever the order or spelling. */
export function sameRules(a: RulesState, b: RulesState): boolean {
  return normalized(a) === normalized(b);
}

/**
 * A short stable digest of a rule set (FNV-1a, 64 bits, over the normalised list): equal exactly
 * when sameRules is true, barring a collision, in the browser and on the server alike.
 */
export function rulesFingerprint(state: RulesState): string {
  const bytes = new TextEncoder().encode(normalized(state));
  let hash = 0xcbf29ce484222325n;
  for (const byte of bytes) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return `r1-${hash.toString(16).padStart(16, "0")}`;
}
