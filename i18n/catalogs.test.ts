import { describe, expect, it } from "vitest";
import { CATALOGS } from "./catalogs";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** ICU arguments ({name}, {count, plural, …}) and rich-text tags (<code>) a message expects. */
function placeholders(message: string): string[] {
  const args = [...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => `{${m[1]}}`);
  const tags = [...message.matchAll(/<\/?([A-Za-z][\w-]*)>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...args, ...tags])].sort();
}

describe("message catalogs", () => {
  const reference = CATALOGS.en as unknown as Record<string, Tree>;
  for (const [locale, catalog] of Object.entries(CATALOGS)) {
    if (locale === "en") continue;
    for (const [namespace, tree] of Object.entries(reference)) {
      it(`${locale} ${namespace} has exactly the English keys, each with the same placeholders`, () => {
        const mine = flatten(((catalog as unknown as Record<string, Tree>)[namespace] ?? {}) as Tree);
        const theirs = flatten(tree);
        expect([...mine.keys()].sort()).toEqual([...theirs.keys()].sort());
        for (const [key, message] of theirs) expect(placeholders(mine.get(key) ?? ""), `${namespace}.${key}`).toEqual(placeholders(message));
      });
    }
    it(`${locale} has no namespace English lacks`, () => {
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(reference).sort());
    });
  }

  it("no message is empty", () => {
    for (const catalog of Object.values(CATALOGS)) {
      for (const tree of Object.values(catalog as unknown as Record<string, Tree>)) for (const [key, m] of flatten(tree)) expect(m.trim(), key).not.toBe("");
    }
  });
});
