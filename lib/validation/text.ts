import { z } from "zod";
import { issue } from "./error-map";

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

/** Why a text is refused: a Validation catalog key and its values (position counted in characters from 1). */
export type TextProblem = { key: "textSurrogate" | "textNul" | "textLineBreak" | "textControl"; values: { position: number; code: string } };

/** Why `value` is refused, naming the first offending character and its position; null when it is plain text. */
export function unsafeTextProblem(value: string, kind: TextKind = "line"): TextProblem | null {
  let position = 0;
  for (const char of value) {
    position += 1;
    const code = hex(char.charCodeAt(0));
    if (LONE_SURROGATE.test(char)) return { key: "textSurrogate", values: { position, code } };
    if (CONTROL.test(char) && !(kind === "multiline" && MULTILINE_ALLOWED.has(char))) {
      const key = char === "\0" ? "textNul" : MULTILINE_ALLOWED.has(char) ? "textLineBreak" : "textControl";
      return { key, values: { position, code } };
    }
  }
  return null;
}

/** A zod check for free-text fields: `z.string().trim().check(plainText())`. */
export function plainText(kind: TextKind = "line") {
  return z.superRefine<string>((value, ctx) => {
    const problem = unsafeTextProblem(value, kind);
    if (problem) ctx.addIssue(issue(problem.key, problem.values));
  });
}

const MAX_DEPTH = 8;
const MAX_ISSUES = 20;

/**
 * The backstop every action input passes before its schema: any string at any depth (ids,
 * endpoints, secrets, array items) holding a character no field may carry becomes a field error
 * at its path. Tab and line breaks pass here; one-line fields refuse them in their own schemas.
 */
export function unsafeTextIssues(value: unknown): Record<string, TextProblem[]> {
  const out: Record<string, TextProblem[]> = {};
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
