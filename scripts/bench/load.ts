/**
 * A closed-loop HTTP load generator in the manner of `wrk -c N`: N connections kept alive, each
 * sending the next request as soon as the previous answer arrived, for a fixed time. Written on
 * node:http (no dependency, nothing to download); it shares the machine with the server, as wrk would.
 */
import http from "node:http";
import { round } from "./util";

export interface LoadOptions {
  url: string;
  connections: number;
  durationMs: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  /** Milliseconds, nearest rank. */
  latency: { p50: number; p90: number; p99: number; max: number };
  /** Count per HTTP status ("error" for a failed connection). */
  statuses: Record<string, number>;
}

function once(agent: http.Agent, url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, method: "GET", headers }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

function rank(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const url = new URL(o.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const deadline = started + o.durationMs;
  const loop = async () => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      let status: string;
      try {
        status = String(await once(agent, url, o.headers ?? {}));
      } catch {
        status = "error";
      }
      latencies.push(performance.now() - sent);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: o.connections }, loop));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    connections: o.connections,
    seconds: round(seconds, 2),
    requests: sorted.length,
    requestsPerSecond: round(sorted.length / seconds, 1),
    latency: { p50: round(rank(sorted, 0.5), 1), p90: round(rank(sorted, 0.9), 1), p99: round(rank(sorted, 0.99), 1), max: round(sorted[sorted.length - 1] ?? NaN, 1) },
    statuses,
  };
}
