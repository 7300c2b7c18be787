/**
 * JSON.parse that keeps 64-bit integers intact: any integer literal outside a string that does not
 * fit in a double exactly (|n| > 2^53 - 1) is turned into a decimal string before parsing. DMS ids
 * are int64 on the wire, and JSON.parse would silently round them.
 */
export function parseJsonSafe(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text));
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}

export function quoteUnsafeIntegers(text: string): string {
  let out = "";
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) {
      i += 1;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
      i += 1;
      continue;
    }
    if (ch === 45 /* - */ || isDigit(ch)) {
      const start = i;
      i += 1;
      while (i < text.length && isDigit(text.charCodeAt(i))) i += 1;
      const next = text.charCodeAt(i);
      const isFraction = next === 46 || next === 101 || next === 69; // . e E
      if (isFraction) {
        while (i < text.length && /[0-9eE.+-]/.test(text.charAt(i))) i += 1;
        continue;
      }
      const literal = text.slice(start, i);
      if (literal.replace("-", "").length >= 16 && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(last, start)}"${literal}"`;
        last = i;
      }
      continue;
    }
    i += 1;
  }
  return last === 0 ? text : out + text.slice(last);
}
