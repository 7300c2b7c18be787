/**
 * First-load JavaScript of every page as the running console serves it, in each language.
 *
 * What is counted, per page and language:
 * - chunks: every `<script src>` in the page's HTML (the JavaScript the browser fetches before the
 *   page can hydrate), each gzipped on its own at level 9, as first-load.ts does for the build's
 *   own list. Chunks fetched later (dialogs, the access list, sonner) are not first-load; nor are
 *   `noModule` polyfills, which module-capable browsers never fetch.
 * - messages: the message catalogs handed to client components (`NextIntlClientProvider`'s
 *   `messages`, found in the inline RSC payload), as JSON, gzipped on its own. They are data the
 *   client parses for every page, and they differ by language, so they count against the budget.
 * - payload (information only): all inline `self.__next_f` scripts gzipped together: the server
 *   component tree, props and messages. It is HTML-stream data, not code, so it is not budgeted.
 *
 * The signed-in pages are read as the demo admin, whose saved language is unset, so the
 * Accept-Language header (en-GB or zh-CN) picks the language; each HTML's `lang` is checked.
 */
import { gzipSync } from "node:zlib";
import { chromium, type APIRequestContext, type Browser } from "@playwright/test";
import { FIRST_LOAD_BUDGET_KIB, builtPages, routeChunkLists } from "./first-load";
import { startListStage } from "./list-setup";
import { log } from "./util";

const LANGUAGES = [
  { locale: "en", acceptLanguage: "en-GB,en;q=0.9" },
  { locale: "zh-CN", acceptLanguage: "zh-CN,zh;q=0.9" },
] as const;
const DEMO_ADMIN = { email: "admin@example.com", password: "demo-console-2026" };
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface ServedPage {
  route: string;
  locale: string;
  /** The `lang` of the served HTML: the language the page was really rendered in. */
  htmlLang: string | null;
  chunks: number;
  chunksGzipKiB: number;
  chunksRawKiB: number;
  messagesGzipKiB: number;
  messagesRawKiB: number;
  /** chunks + messages, the figure held to the budget. */
  totalGzipKiB: number;
  payloadGzipKiB: number;
  overBudget: boolean;
  /** Scripts the page loads that the build's route-bundle-stats.json does not list for it. */
  notInBuildStats: string[];
}

export interface ServedFirstLoadResult {
  budgetGzipKiB: number;
  pages: ServedPage[];
}

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const gz = (data: string | Buffer) => gzipSync(data, { level: 9 }).length;

/** The RSC payload Next inlines: the string argument of every `self.__next_f.push([1, "…"])`. */
export function inlineFlight(html: string): string {
  let flight = "";
  for (const m of html.matchAll(/<script[^>]*>self\.__next_f\.push\((\[.*?\])\)<\/script>/gs)) {
    try {
      const entry = JSON.parse(m[1]!) as unknown[];
      if (entry[0] === 1 && typeof entry[1] === "string") flight += entry[1];
    } catch {
      // not a data push (the bootstrap one carries no string)
    }
  }
  return flight;
}

/** The JSON text of every `"messages":{…}` object in the payload, brace-matched outside strings. */
export function messageObjects(flight: string): string[] {
  const found: string[] = [];
  const marker = '"messages":{';
  for (let at = flight.indexOf(marker); at !== -1; at = flight.indexOf(marker, at + 1)) {
    const start = at + marker.length - 1;
    let depth = 0;
    let inString = false;
    for (let i = start; i < flight.length; i += 1) {
      const c = flight[i];
      if (inString) {
        if (c === "\\") i += 1;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "{") depth += 1;
      else if (c === "}" && --depth === 0) {
        found.push(flight.slice(start, i + 1));
        break;
      }
    }
  }
  return found;
}

type Probe = { request: APIRequestContext; baseUrl: string; chunkCache: Map<string, Buffer>; buildChunks: Set<string> };

async function measurePage({ request, baseUrl, chunkCache, buildChunks }: Probe, route: string, locale: string, acceptLanguage: string): Promise<ServedPage> {
  const res = await request.get(baseUrl + route, { headers: { "Accept-Language": acceptLanguage }, maxRedirects: 0 });
  if (res.status() !== 200) throw new Error(`${route} (${locale}) answered ${res.status()}`);
  const html = await res.text();
  // `noModule` scripts (Next's polyfills for browsers without ES modules) are skipped, not fetched, by every browser the console supports.
  const tags = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
  const srcs = [...new Set(tags.filter((a) => !/\snomodule\b/i.test(a)).flatMap((a) => /\ssrc="([^"]+\.js(?:\?[^"]*)?)"/.exec(a)?.[1] ?? []))];
  let raw = 0;
  let gzip = 0;
  for (const src of srcs) {
    let body = chunkCache.get(src);
    if (!body) {
      const got = await request.get(new URL(src, baseUrl).toString());
      if (got.status() !== 200) throw new Error(`${src} answered ${got.status()}`);
      body = await got.body();
      chunkCache.set(src, body);
    }
    raw += body.length;
    gzip += gz(body);
  }
  const flight = inlineFlight(html);
  const messages = messageObjects(flight);
  const messagesRaw = messages.reduce((n, m) => n + Buffer.byteLength(m), 0);
  const messagesGzip = messages.reduce((n, m) => n + gz(m), 0);
  const total = kib(gzip + messagesGzip);
  return {
    route,
    locale,
    htmlLang: /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1] ?? null,
    chunks: srcs.length,
    chunksGzipKiB: kib(gzip),
    chunksRawKiB: kib(raw),
    messagesGzipKiB: kib(messagesGzip),
    messagesRawKiB: kib(messagesRaw),
    totalGzipKiB: total,
    payloadGzipKiB: kib(gz(flight)),
    overBudget: total > FIRST_LOAD_BUDGET_KIB,
    notInBuildStats: srcs.filter((src) => !buildChunks.has(`.next${decodeURI(new URL(src, baseUrl).pathname).replace(/^\/_next/, "")}`)),
  };
}

async function signedInRequest(browser: Browser, baseUrl: string): Promise<APIRequestContext> {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(DEMO_ADMIN.email);
  await page.getByLabel("Password").fill(DEMO_ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 30_000 });
  return context.request;
}

export async function measureServedFirstLoad(): Promise<ServedFirstLoadResult> {
  const routes = builtPages().filter((r) => !r.startsWith("/_")).sort();
  const stage = await startListStage(0);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const signedIn = await signedInRequest(browser, stage.console.baseUrl);
    const signedOut = (await browser.newContext()).request;
    const chunkCache = new Map<string, Buffer>();
    const stats = routeChunkLists();
    const pages: ServedPage[] = [];
    for (const route of routes) {
      for (const { locale, acceptLanguage } of LANGUAGES) {
        const probe = { request: route === "/login" ? signedOut : signedIn, baseUrl: stage.console.baseUrl, chunkCache, buildChunks: stats.get(route) ?? new Set<string>() };
        const got = await measurePage(probe, route, locale, acceptLanguage);
        if (got.htmlLang !== locale) log(`warning: ${route} asked for ${locale} came back in ${got.htmlLang}`);
        pages.push(got);
      }
    }
    return { budgetGzipKiB: FIRST_LOAD_BUDGET_KIB, pages };
  } finally {
    await browser.close();
    await stage.stop();
  }
}
