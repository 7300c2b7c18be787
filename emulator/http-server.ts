import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { CallLog } from "./call-log";
import type { FaultEngine, FaultRule } from "./faults";
import { headerValue, type EmuRequest, type EmuResponse, type ServiceHandler } from "./types";
import { sleep } from "./util";

const MAX_BODY = 2 * 1024 * 1024;

export interface Listener {
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

/** Starts a listener and resolves once it accepts connections. */
export async function listen(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  host: string,
  port: number,
  timers: Set<NodeJS.Timeout> = new Set(),
  options: { maxHeaderSize?: number } = {},
): Promise<Listener> {
  const server = http.createServer({ maxHeaderSize: options.maxHeaderSize }, handler);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function sendJson(res: http.ServerResponse, r: EmuResponse): void {
  const body = JSON.stringify(r.body);
  res.writeHead(r.status, {
    "content-type": "application/json;charset=UTF-8",
    "content-length": Buffer.byteLength(body),
    ...r.headers,
  });
  res.end(body);
}

/** Wires a vendor handler to node:http with fault injection and the call log around it. */
export function serviceRequestListener(
  svc: ServiceHandler,
  faults: FaultEngine,
  log: CallLog,
  timers: Set<NodeJS.Timeout>,
) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    void dispatch({ svc, faults, log, timers }, req, res).catch((err: unknown) => {
      // Only the message: a stack or request dump could carry secrets.
      console.error(`[emulator:${svc.service}] internal error: ${(err as Error).message}`);
      if (!res.headersSent) {
        sendJson(res, { ...svc.faultReply("error", { status: 500 }, emptyRequest()), outcome: "InternalError" });
      }
    });
  };
}

function emptyRequest(): EmuRequest {
  return { method: "GET", path: "/", rawQuery: "", headers: {}, body: Buffer.alloc(0), receivedAt: Date.now() };
}

interface Wiring {
  svc: ServiceHandler;
  faults: FaultEngine;
  log: CallLog;
  timers: Set<NodeJS.Timeout>;
}

async function dispatch(w: Wiring, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const { svc, faults, log } = w;
  const started = Date.now();
  const body = await readBody(req);
  const rawUrl = req.url ?? "/";
  const q = rawUrl.indexOf("?");
  const emuReq: EmuRequest = {
    method: (req.method ?? "GET").toUpperCase(),
    path: q < 0 ? rawUrl : rawUrl.slice(0, q),
    rawQuery: q < 0 ? "" : rawUrl.slice(q + 1),
    headers: req.headers,
    body: body ?? Buffer.alloc(0),
    receivedAt: started,
  };
  const { action, target } = svc.classify(emuReq);
  const asked = headerValue(emuReq, "x-language") ?? headerValue(emuReq, "x-tc-language");
  const language = asked && /^[A-Za-z-]{1,16}$/.test(asked) ? asked : undefined;
  const record = (status: number | null, outcome: string, fault?: FaultRule) =>
    log.add({
      at: new Date(started).toISOString(),
      service: svc.service,
      action,
      method: emuReq.method,
      path: emuReq.path,
      status,
      outcome,
      fault: fault && { id: fault.id, kind: fault.kind, afterEffect: fault.afterEffect },
      target,
      ...(language ? { language } : {}),
      durationMs: Date.now() - started,
    });

  if (body === undefined) {
    res.writeHead(413, { "content-type": "text/plain" }).end("request body too large");
    record(413, "PayloadTooLarge");
    return;
  }
  const decision = faults.decide(svc.service, action);
  if (decision.delayMs > 0) await sleep(decision.delayMs);
  const fault = decision.failure;
  if (fault && !fault.afterEffect) {
    const r = await injectFailure(w, fault, emuReq, req, res);
    record(r?.status ?? null, r?.outcome ?? failureOutcome(fault), fault);
    return;
  }
  const response = await svc.handle(emuReq, action);
  if (fault?.afterEffect) {
    const r = await injectFailure(w, fault, emuReq, req, res);
    record(r?.status ?? null, r?.outcome ?? failureOutcome(fault), fault);
    return;
  }
  sendJson(res, response);
  record(response.status, response.outcome);
}

function failureOutcome(f: FaultRule): string {
  return f.kind === "drop" ? "dropped" : "timeout";
}

/** Performs a failing fault. Returns the response sent, or undefined when none was sent. */
async function injectFailure(
  { svc, timers }: Wiring,
  fault: FaultRule,
  emuReq: EmuRequest,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<EmuResponse | undefined> {
  if (fault.kind === "error" || fault.kind === "throttle") {
    const r = svc.faultReply(fault.kind, { code: fault.code, message: fault.message, status: fault.status }, emuReq);
    sendJson(res, r);
    return r;
  }
  const socket: Socket = req.socket;
  if (fault.kind === "drop") {
    socket.destroy();
    return undefined;
  }
  // timeout: hold the request open; destroy after holdMs, or never (until close) when 0/unset.
  if (fault.holdMs) {
    const t = setTimeout(() => {
      timers.delete(t);
      socket.destroy();
    }, fault.holdMs);
    timers.add(t);
  }
  return undefined;
}
