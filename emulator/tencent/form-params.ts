import { parsePairs } from "../percent-encode";
import { TencentError } from "./errors";

/** GET requests carry at most 32 KB of query (providers.md 3.1). */
export const MAX_GET_QUERY_BYTES = 32 * 1024;

type Node = { leaf: string } | { children: Map<string, Node> };

const malformed = (name: string, why: string) =>
  new TencentError("InvalidParameter", `The parameter \`${name}\` is malformed: ${why}.`);

function insert(root: Map<string, Node>, name: string, value: string): void {
  const parts = name.split(".");
  if (parts.some((p) => p === "")) throw malformed(name, "empty name segment");
  let level = root;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const existing = level.get(part);
    if (last) {
      if (existing) throw malformed(name, "given more than once");
      level.set(part, { leaf: value });
      return;
    }
    if (existing && "leaf" in existing) throw malformed(name, "both a value and a list or object");
    const next = existing ?? { children: new Map<string, Node>() };
    level.set(part, next);
    level = (next as { children: Map<string, Node> }).children;
  });
}

function build(node: Node, name: string): unknown {
  if ("leaf" in node) return node.leaf;
  const keys = [...node.children.keys()];
  // All-numeric members are a list: Name.0, Name.1, ... with no gaps, as the SDKs write them.
  if (keys.every((k) => /^\d+$/.test(k))) {
    const indexes = keys.map(Number).sort((a, b) => a - b);
    if (indexes.some((n, i) => n !== i)) throw malformed(name, "list indexes must run 0, 1, 2 ... without gaps");
    return indexes.map((n) => build(node.children.get(String(n)) as Node, `${name}.${n}`));
  }
  if (keys.some((k) => /^\d+$/.test(k))) throw malformed(name, "mixes list indexes and field names");
  return Object.fromEntries(keys.map((k) => [k, build(node.children.get(k) as Node, `${name}.${k}`)]));
}

/**
 * The action parameters of a GET request, from Tencent's form encoding of API 3.0 parameters:
 * lists as `Name.0=a&Name.1=b`, objects as `Name.Field=v` (so `Tags.0.TagKey=k`). Every value is a
 * string; the parameter reader accepts the string forms of integers and booleans.
 */
export function formParams(rawQuery: string): Record<string, unknown> {
  let pairs: Array<[string, string]>;
  try {
    pairs = parsePairs(rawQuery);
  } catch {
    throw new TencentError("InvalidParameter", "The query string is not valid form encoding.");
  }
  const root = new Map<string, Node>();
  for (const [k, v] of pairs) insert(root, k, v);
  return Object.fromEntries([...root.entries()].map(([k, node]) => [k, build(node, k)]));
}
