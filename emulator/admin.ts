import type http from "node:http";
import { z } from "zod";
import * as view from "./admin-state";
import type { CallLog } from "./call-log";
import type { EmuContext } from "./context";
import type { FaultEngine } from "./faults";
import { readBody } from "./http-server";
import { MAX_IPS, validIpDescription, validIpOrCidr } from "./huawei/taurus";
import { LARGE_TAURUS_MAX } from "./seed-huawei";

export interface AdminDeps {
  ctx: EmuContext;
  faults: FaultEngine;
  log: CallLog;
  urls: () => Record<string, string>;
  reset(opts: { seed?: "demo" | "none"; largeSeed?: number; largeTaurus?: number; clock?: number }): void;
}

type Reply = { status: number; body: unknown };
type Route = [method: string, pattern: RegExp, run: (m: RegExpExecArray, q: URLSearchParams, body: unknown) => Reply];

const ok = (body: unknown): Reply => ({ status: 200, body });
const notFound = (what: string): Reply => ({ status: 404, body: { error: `${what} not found` } });

const resetSchema = z.object({
  seed: z.enum(["demo", "none"]).optional(),
  largeSeed: z.number().int().min(0).max(1_000_000).optional(),
  largeTaurus: z.number().int().min(0).max(LARGE_TAURUS_MAX).optional(),
  clock: z.number().int().optional(),
}).strict();

const accessControlSchema = z.object({
  open: z.boolean().optional(),
  type: z.enum(["white", "black"]).optional(),
  ipList: z.array(z.object({
    ip: z.string().refine(validIpOrCidr, { error: "ip must be an IP address or CIDR block" }),
    description: z.string().refine(validIpDescription, { error: "description must be at most 50 characters without < or >" }).optional(),
  }).strict()).max(MAX_IPS).optional(),
}).strict();

const addUsersSchema = z.object({ tid: z.number().int(), count: z.number().int().min(1).max(5_000) }).strict();

const configSchema = z.object({
  rateLimits: z.object({
    mariadbAccount: z.number().int().min(0), mariadbDescribeInstances: z.number().int().min(0),
    dms: z.number().int().min(0), huawei: z.number().int().min(0),
  }).partial().optional(),
  iamTokenTtlSeconds: z.number().int().min(1).optional(),
  skew: z.object({ alibaba: z.number().int().min(1), tencent: z.number().int().min(1), huawei: z.number().int().min(1) }).partial().optional(),
}).strict();

function routes(d: AdminDeps): Route[] {
  const { ctx } = d;
  return [
    ["GET", /^\/health$/, () => ok({ ok: true, urls: d.urls(), seed: ctx.store.meta, counts: view.summary(ctx) })],
    ["GET", /^\/faults$/, () => ok({ faults: d.faults.list() })],
    ["POST", /^\/faults$/, (_m, _q, body) => {
      const items = Array.isArray(body) ? body : [body];
      return ok({ faults: items.map((f) => d.faults.add(f)) });
    }],
    ["DELETE", /^\/faults$/, () => (d.faults.clear(), ok({ cleared: true }))],
    ["DELETE", /^\/faults\/([^/]+)$/, (m) => (d.faults.remove(decodeURIComponent(m[1] ?? "")) ? ok({ removed: true }) : notFound("fault"))],
    ["POST", /^\/reset$/, (_m, _q, body) => {
      d.reset(resetSchema.parse(body ?? {}));
      return ok({ reset: true, seed: ctx.store.meta, counts: view.summary(ctx) });
    }],
    ["GET", /^\/calls$/, (_m, q) => ok({
      lastSeq: d.log.lastSeq,
      calls: d.log.list({
        service: q.get("service") ?? undefined, action: q.get("action") ?? undefined,
        outcome: q.get("outcome") ?? undefined, sinceSeq: q.has("since") ? Number(q.get("since")) : undefined,
      }),
    })],
    ["DELETE", /^\/calls$/, () => (d.log.clear(), ok({ cleared: true }))],
    ["GET", /^\/config$/, () => ok(ctx.config)],
    ["PATCH", /^\/config$/, (_m, _q, body) => {
      const c = configSchema.parse(body ?? {});
      ctx.config.rateLimits = { ...ctx.config.rateLimits, ...c.rateLimits };
      ctx.config.skew = { ...ctx.config.skew, ...c.skew };
      if (c.iamTokenTtlSeconds) ctx.config.iamTokenTtlSeconds = c.iamTokenTtlSeconds;
      return ok(ctx.config);
    }],
    ["GET", /^\/state\/summary$/, () => ok(view.summary(ctx))],
    ["GET", /^\/state\/dms\/proxies\/(\d+)\/accesses$/, (m) => ok({ accesses: view.dmsAccessesOfProxy(ctx, Number(m[1])) })],
    ["GET", /^\/state\/dms\/duplicates$/, () => ok({ duplicates: view.dmsDuplicates(ctx) })],
    ["GET", /^\/state\/dms\/users$/, (_m, q) => ok({ users: view.dmsUsers(ctx, q.has("tid") ? Number(q.get("tid")) : undefined) })],
    ["POST", /^\/state\/dms\/users$/, (_m, _q, body) => {
      const { tid, count } = addUsersSchema.parse(body ?? {});
      const users = view.addDmsUsers(ctx, tid, count);
      return users ? ok({ users }) : notFound("tenant");
    }],
    ["DELETE", /^\/state\/dms\/users\/extra$/, () => ok({ removed: view.removeExtraDmsUsers(ctx) })],
    ["GET", /^\/state\/mariadb\/instances\/([^/]+)\/accounts$/, (m) => ok({ accounts: view.mariaAccounts(ctx, m[1] ?? "") })],
    ["GET", /^\/state\/dds\/instances\/([^/]+)\/users$/, (m) => ok({ users: view.ddsUsers(ctx, m[1] ?? "") })],
    ["GET", /^\/state\/taurus\/proxies\/([^/]+)$/, (m) => {
      const p = view.taurusProxy(ctx, m[1] ?? "");
      return p ? ok(p) : notFound("proxy");
    }],
    ["PUT", /^\/state\/taurus\/proxies\/([^/]+)\/access-control$/, (m, _q, body) => {
      const p = view.setTaurusAccessControl(ctx, m[1] ?? "", accessControlSchema.parse(body ?? {}));
      return p ? ok(p) : notFound("proxy");
    }],
    ["PUT", /^\/state\/(mariadb|dds|taurus)\/instances\/([^/]+)\/status$/, (m, _q, body) => {
      const change = (body ?? {}) as { status?: unknown; actions?: unknown };
      return view.setStatus(ctx, m[1] ?? "", m[2] ?? "", change.status, change.actions) ? ok({ updated: true }) : notFound("instance (or bad status)");
    }],
    ["DELETE", /^\/state\/iam\/tokens$/, () => ok({ revoked: view.revokeTokens(ctx) })],
  ];
}

/** Plain JSON admin API; bound to 127.0.0.1 and unauthenticated by design (local testing only). */
export function adminRequestListener(d: AdminDeps) {
  const table = routes(d);
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://admin.local");
      const raw = await readBody(req);
      let reply: Reply;
      try {
        const body = raw && raw.length ? (JSON.parse(raw.toString("utf8")) as unknown) : undefined;
        const hit = table.find(([method, re]) => method === req.method && re.test(url.pathname));
        const m = hit && hit[1].exec(url.pathname);
        reply = hit && m ? hit[2](m, url.searchParams, body) : notFound(`${req.method} ${url.pathname}`);
      } catch (e) {
        const msg = e instanceof z.ZodError ? z.prettifyError(e) : (e as Error).message;
        reply = { status: 400, body: { error: msg } };
      }
      const text = JSON.stringify(reply.body);
      res.writeHead(reply.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    })();
  };
}
