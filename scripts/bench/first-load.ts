/**
 * First-load JavaScript per page, the way toolchain.md §4 measured it: Next 16 no longer prints it,
 * so it comes from .next/diagnostics/route-bundle-stats.json, gzipping every chunk on its own
 * (the browser fetches them separately) at level 9 and summing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { z } from "zod";

export const FIRST_LOAD_BUDGET_KIB = 180;

const statsSchema = z.array(
  z.object({
    route: z.string(),
    firstLoadUncompressedJsBytes: z.number().optional(),
    firstLoadChunkPaths: z.array(z.string()),
  }),
);

export interface RouteFirstLoad {
  route: string;
  chunks: number;
  rawKiB: number;
  gzipKiB: number;
  /** Framework pages (/_not-found, /_global-error) are listed for reference: they are the floor. */
  framework: boolean;
  overBudget: boolean;
}

export interface FirstLoadResult {
  budgetGzipKiB: number;
  routes: RouteFirstLoad[];
  /** App pages the build knows but the stats file does not list. */
  missingFromStats: string[];
}

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Pages (not route handlers) of the app router, from the build's own manifest. */
export function builtPages(root = process.cwd()): string[] {
  const manifest = z
    .record(z.string(), z.string())
    .parse(JSON.parse(readFileSync(path.join(root, ".next", "app-path-routes-manifest.json"), "utf8")));
  return Object.entries(manifest)
    .filter(([source]) => source.endsWith("/page"))
    .map(([, route]) => route);
}

const readStats = (root: string) =>
  statsSchema.parse(JSON.parse(readFileSync(path.join(root, ".next", "diagnostics", "route-bundle-stats.json"), "utf8")));

/** Each route's first-load chunks as the build lists them (".next/static/chunks/…"). */
export function routeChunkLists(root = process.cwd()): Map<string, Set<string>> {
  return new Map(readStats(root).map((s) => [s.route, new Set(s.firstLoadChunkPaths)]));
}

export function measureFirstLoad(root = process.cwd()): FirstLoadResult {
  const stats = readStats(root);
  const gzipCache = new Map<string, [number, number]>();
  const sizes = (chunk: string): [number, number] => {
    const cached = gzipCache.get(chunk);
    if (cached) return cached;
    const buf = readFileSync(path.join(root, chunk));
    const got: [number, number] = [buf.length, gzipSync(buf, { level: 9 }).length];
    gzipCache.set(chunk, got);
    return got;
  };
  const routes = stats
    .filter((s) => !s.route.startsWith("/api/"))
    .map((s): RouteFirstLoad => {
      const unique = [...new Set(s.firstLoadChunkPaths)];
      let raw = 0;
      let gzip = 0;
      for (const chunk of unique) {
        const [r, g] = sizes(chunk);
        raw += r;
        gzip += g;
      }
      return {
        route: s.route,
        chunks: unique.length,
        rawKiB: kib(raw),
        gzipKiB: kib(gzip),
        framework: s.route.startsWith("/_"),
        overBudget: kib(gzip) > FIRST_LOAD_BUDGET_KIB,
      };
    })
    .sort((a, b) => Number(a.framework) - Number(b.framework) || a.route.localeCompare(b.route));
  const listed = new Set(routes.map((r) => r.route));
  const missingFromStats = builtPages(root).filter((r) => !listed.has(r) && !r.startsWith("/_"));
  return { budgetGzipKiB: FIRST_LOAD_BUDGET_KIB, routes, missingFromStats };
}
