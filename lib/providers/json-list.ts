/*
 * A vendor's list answer, element by element. DMS sends a proxy's whole access list in one body
 * (20,000 rows are ~6 MB of UTF-8). Decoding that into one string (two bytes a character as soon
 * as one row holds Chinese), parsing it into one tree and validating it into a second one kept
 * ~100 MB alive at once and set the server's RSS. Here the array under one top-level field is
 * found in the raw bytes and its elements are handed out one at a time, so each element's objects
 * die young; only the envelope around the array is decoded and parsed whole.
 */

/** Where the elements of the array under `field` lie in a UTF-8 JSON body. */
export interface ListSplit {
  /** The body with that array emptied (`"field":[]`), decoded as Response.text() would. */
  envelope: string;
  /** How many elements the array has. */
  count: number;
  /** Byte range [start, end) of element i, without surrounding whitespace (empty: a missing element). */
  range(i: number): [number, number];
  /** True when element i holds an integer literal long enough that JSON.parse might round it. */
  mayHoldUnsafeInteger(i: number): boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
/** Digits a literal needs before it may exceed 2^53 - 1 (9007199254740991 has 16). */
const UNSAFE_DIGITS = 16;

const decoder = new TextDecoder();
/** Elements keep a stray byte-order mark, which JSON.parse refuses as it would in the whole body. */
const elementDecoder = new TextDecoder("utf-8", { ignoreBOM: true });

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/** Index just past the string that starts (with its quote) at i; bytes.length when unterminated. */
function skipString(bytes: Uint8Array, i: number): number {
  let j = i + 1;
  while (j < bytes.length) {
    const b = bytes[j];
    if (b === BACKSLASH) j += 2;
    else if (b === QUOTE) return j + 1;
    else j += 1;
  }
  return bytes.length;
}

function skipSpace(bytes: Uint8Array, i: number): number {
  while (i < bytes.length && isSpace(bytes[i]!)) i += 1;
  return i;
}

function sameAscii(bytes: Uint8Array, start: number, end: number, text: string): boolean {
  if (end - start !== text.length) return false;
  for (let k = 0; k < text.length; k += 1) if (bytes[start + k] !== text.charCodeAt(k)) return false;
  return true;
}

/**
 * Finds the array under the top-level key `field` (plain ASCII, written without escapes) of the
 * JSON object in `bytes`. Returns null whenever it cannot be sure: the body is not an object, has
 * no such key, the value is not an array, or the brackets do not close. The caller then reads the
 * body the ordinary way, which also produces the ordinary errors. Multi-byte UTF-8 sequences never
 * contain ASCII bytes, so quotes, brackets and commas can be found without decoding.
 */
export function splitListField(bytes: Uint8Array, field: string): ListSplit | null {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3; // BOM
  i = skipSpace(bytes, i);
  if (bytes[i] !== OPEN_OBJECT) return null;
  i += 1;
  let depth = 1;
  let open = -1;
  while (i < bytes.length && depth > 0) {
    const b = bytes[i]!;
    if (b === QUOTE) {
      const end = skipString(bytes, i);
      if (depth === 1) {
        const after = skipSpace(bytes, end);
        if (bytes[after] === COLON && sameAscii(bytes, i + 1, end - 1, field)) {
          const value = skipSpace(bytes, after + 1);
          if (bytes[value] !== OPEN_ARRAY) return null;
          open = value;
          break;
        }
      }
      i = end;
      continue;
    }
    if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth += 1;
    else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) depth -= 1;
    i += 1;
  }
  if (open < 0) return null;

  // Element boundaries at the array's own level; [start, end) pairs, flat.
  const bounds: number[] = [];
  const unsafe: number[] = [];
  let level = 0;
  let start = open + 1;
  let digits = 0;
  let close = -1;
  for (i = open + 1; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b === QUOTE) {
      i = skipString(bytes, i);
      digits = 0;
      continue;
    }
    if (isDigit(b)) {
      digits += 1;
      if (digits === UNSAFE_DIGITS && unsafe[unsafe.length - 1] !== bounds.length / 2) unsafe.push(bounds.length / 2);
      i += 1;
      continue;
    }
    digits = 0;
    if (b === OPEN_OBJECT || b === OPEN_ARRAY) level += 1;
    else if (level > 0 && (b === CLOSE_OBJECT || b === CLOSE_ARRAY)) level -= 1;
    else if (level === 0 && (b === COMMA || b === CLOSE_ARRAY)) {
      let s = skipSpace(bytes, start);
      let e = i;
      while (e > s && isSpace(bytes[e - 1]!)) e -= 1;
      if (b === CLOSE_ARRAY && bounds.length === 0 && s === e) {
        // "[]" (or "[ ]"): no elements at all
      } else {
        if (s > e) s = e;
        bounds.push(s, e);
      }
      if (b === CLOSE_ARRAY) {
        close = i;
        break;
      }
      start = i + 1;
    } else if (level === 0 && b === CLOSE_OBJECT) {
      return null; // "[1}": not an array the ordinary parser would accept
    }
    i += 1;
  }
  if (close < 0) return null;

  const head = bytes.subarray(0, open + 1);
  const tail = bytes.subarray(close);
  const envelope = new Uint8Array(head.length + tail.length);
  envelope.set(head, 0);
  envelope.set(tail, head.length);
  const unsafeSet = new Set(unsafe);
  return {
    envelope: decoder.decode(envelope),
    count: bounds.length / 2,
    range: (n) => [bounds[2 * n]!, bounds[2 * n + 1]!],
    mayHoldUnsafeInteger: (n) => unsafeSet.has(n),
  };
}

/** The text of element i of a split body. */
export function elementText(bytes: Uint8Array, split: ListSplit, i: number): string {
  const [start, end] = split.range(i);
  return elementDecoder.decode(bytes.subarray(start, end));
}
