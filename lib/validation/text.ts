import { z } from "zod";

/*
 * Characters no console input may carry. PostgreSQL cannot store NUL in text or jsonb (22P05), and
 * jsonb refuses an unpaired UTF-16 surrogate, so either would turn a write into a server error;
 * other control characters have no place in names or reasons and can disguise what an audit
 * entry or a list shows. Tab and line breaks stay allowed where a field is multi-line.
 */

/** "line": names and other one-line fields; "multiline": reasons and descriptions. */
export type TextKind = "line" | "multiline";

const CONTROL = /\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u;
const MULTILINE_ALLOWED = new Set(["\t", "\n", "\r"]);

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * Why `value` is refused, naming the first offending character and its position (counted in
 * characters from 1); null when it is plain text.
 */
export function unsafeTextProblem(value: string, kind: TextKind = "line"): string | null {
  let position = 0;
  for (const char of value) {
    position += 1;
    if (LONE_SURROGATE.test(char)) {
      return `Remove the broken character at position ${position} (an unpaired surrogate ${hex(char.charCodeAt(0))})`;
    }
    if (CONTROL.test(char) && !(kind === "multiline" && MULTILINE_ALLOWED.has(char))) {
      const what = char === "\0" ? "the NUL character" : MULTILINE_ALLOWED.has(char) ? "the line break or tab" : "the control character";
      return `Remove ${what} at position ${position} (${hex(char.charCodeAt(0))}); only printable text is allowed`;
    }
  }
  return null;
}

/** A zod check for free-text fields: `z.string().trim().check(plainText())`. */
export function plainText(kind: TextKind = "line") {
  return z.superRefine<string>((value, ctx) => {
    const problem = unsafeTextProblem(value, kind);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

const MAX_DEPTH = 8;
const MAX_ISSUES = 20;

/**
 * The backstop every action input passes before its schema: any string at any depth (ids,
 * endpoints, secrets, array items) holding a character no field may carry becomes a field error
 * at its path. Tab and line breaks pass here; one-line fields refuse them in their own schemas.
 */
export function unsafeTextIssues(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let found = 0;
  const walk = (node: unknown, path: string[], depth: number) => {
    if (found >= MAX_ISSUES || depth > MAX_DEPTH) return;
    if (typeof node === "string") {
      const problem = unsafeTextProblem(node, "multiline");
      if (problem) {
        (out[path.length ? path.join(".") : "_form"] ??= []).push(problem);
        found += 1;
      }
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, String(i)], depth + 1));
      return;
    }
    if (node && typeof node === "object" && !(node instanceof Date)) {
      for (const [key, inner] of Object.entries(node)) walk(inner, [...path, key], depth + 1);
    }
  };
  walk(value, [], 0);
  return out;
}
