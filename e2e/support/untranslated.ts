import type { Page } from "@playwright/test";
import fixtures from "../../emulator/demo-fixtures.json" with { type: "json" };

/*
 * What a Chinese reader would still find in English on a page: every visible text node and every
 * text a screen reader reads out (aria-label, placeholder, title, alt) and the page title, minus
 * what is rightly not language: text marked translate="no" (names, ids, DMS's own texts) or in
 * another language (lang="en"), code/kbd/samp, and tokens that are codes, ids, hosts, e-mail
 * addresses or the vendors' product names, which the vendors' own Chinese consoles show in Latin
 * script too. A name marked translate="no" somewhere on the page is data wherever else it appears
 * (a heading that greets the user, a button's label that names whose access it revokes).
 */

/** Product and protocol names a Chinese console shows as they are. */
const LATIN_TERMS = new Set([
  "DMS", "RAM", "AccessKey", "SecretKey", "AK", "SK", "IAM", "TaurusDB", "MariaDB", "DDS", "MySQL", "PostgreSQL",
  "CSV", "JSON", "ID", "IP", "URL", "HTTP", "HTTPS", "API", "OIDC", "SSO", "UTC", "SQL", "DBA", "MongoDB",
  "GaussDB", "Token", "https", "UID", "AccessID", "GMT",
]);

/**
 * Names the demo data holds (tenants, regions), which also appear inside sentences the console
 * words around them ("已连接 DMS；当前租户为 Demo Retail（租户 3001）。"), where no element can mark them.
 */
const DEMO_DATA = [...fixtures.alibaba.tenants.map((t) => t.name), fixtures.alibaba.regionId, fixtures.tencent.region, fixtures.huawei.region];

/** A token that is a code, id, host, path, key or address rather than a word: it carries a digit, '.', '_', '@', '/', ':', '=' or '+'. */
const CODE_LIKE = /[\d._@/:=+]/;

export interface Untranslated {
  where: string;
  text: string;
  words: string[];
}

/** English words left on the page now, with where each was found; [] when the page reads fully in the page's language. */
export async function untranslatedText(page: Page): Promise<Untranslated[]> {
  const { found, data } = await page.evaluate(() => {
    const pageLang = document.documentElement.lang;
    const SKIP = "script, style, noscript, template, code, kbd, samp, svg";
    const out: { where: string; text: string }[] = [];
    const data = new Set<string>();
    const describe = (el: Element) => {
      const id = el.getAttribute("data-testid") ?? el.id;
      return `${el.tagName.toLowerCase()}${id ? `#${id}` : ""}${el.getAttribute("role") ? `[role=${el.getAttribute("role")}]` : ""}`;
    };
    // The nearest translate attribute decides (translate="yes" inside "no" is language again).
    const notLanguage = (el: Element) => el.closest("[translate]")?.getAttribute("translate") === "no";
    const excluded = (el: Element) => {
      if (el.closest(SKIP) || notLanguage(el)) return true;
      const lang = el.closest("[lang]")?.getAttribute("lang");
      return Boolean(lang && lang !== pageLang);
    };
    const visible = (el: Element) => el.checkVisibility({ checkVisibilityCSS: true }) || el.closest("select") !== null;

    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!parent || !text) continue;
      if (notLanguage(parent)) {
        if (text.length > 1) data.add(text);
        continue;
      }
      if (excluded(parent) || !visible(parent)) continue;
      out.push({ where: describe(parent), text });
    }
    for (const el of document.body.querySelectorAll("[aria-label], [placeholder], [title], img[alt]")) {
      // A translate="no" element's own attributes are data too (DMS's text in a tooltip).
      if (el.closest(SKIP) || !visible(el) || (el.getAttribute("translate") ?? "") === "no") continue;
      if (excluded(el)) continue;
      for (const attr of ["aria-label", "placeholder", "title", "alt"]) {
        const value = el.getAttribute(attr)?.trim();
        if (value) out.push({ where: `${describe(el)}@${attr}`, text: value });
      }
    }
    out.push({ where: "document.title", text: document.title });
    return { found: out, data: [...data] };
  });

  // Longest first, so "Demo Huawei (AK/SK)" goes before "Demo Huawei".
  const names = [...data, ...DEMO_DATA].sort((a, b) => b.length - a.length);
  const result: Untranslated[] = [];
  for (const { where, text } of found) {
    const words = englishWords(names.reduce((rest, name) => rest.split(name).join(" "), text));
    if (words.length) result.push({ where, text: text.slice(0, 160), words });
  }
  return result;
}

/** The words of `text` that read as English: Latin-script tokens that are neither codes nor known product names. */
export function englishWords(text: string): string[] {
  const withoutAddresses = text
    .replace(/\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g, " ")
    .replace(/\bhttps?:\/\/\S+/g, " ")
    // A single quoted word is a value someone entered (未知的角色“superuser”), not the console's words.
    .replace(/[“"][^\s“”"]{1,64}[”"]/g, " ");
  // A leading underscore belongs to the token: "_form" is a field path, a code.
  const tokens = withoutAddresses.match(/[A-Za-z_][A-Za-z0-9._@/:=+-]*/g) ?? [];
  return tokens.filter((token) => {
    const bare = token.replace(/[.:-]+$/, "");
    if (bare.length < 2) return false;
    if (LATIN_TERMS.has(bare)) return false;
    if (CODE_LIKE.test(bare)) return false;
    return true;
  });
}

/** Every message text the page or its scripts could not find: the fallback's ⟦Namespace.key⟧ marks. */
export async function missingMessageMarks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const html = document.documentElement.outerHTML;
    return [...new Set(html.match(/⟦[^⟧]{1,120}⟧/g) ?? [])];
  });
}
