import type { IncomingHttpHeaders } from "node:http";

export type ServiceName = "dms" | "taurus" | "dds" | "mariadb" | "iam";
export const SERVICE_NAMES: readonly ServiceName[] = ["dms", "taurus", "dds", "mariadb", "iam"];

/** A request exactly as it arrived, before any vendor-specific parsing. */
export interface EmuRequest {
  method: string;
  /** Raw path, still percent-encoded, without the query. */
  path: string;
  /** Raw query string without the leading "?" (may be empty). */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  receivedAt: number;
}

export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
  /** "OK" or the vendor error code; goes to the call log. */
  outcome: string;
}

export interface Classification {
  action: string;
  /** Non-secret identifiers (ids, user names) recorded in the call log. */
  target?: Record<string, string>;
}

export interface FaultReplyOptions {
  code?: string;
  message?: string;
  status?: number;
}

export interface ServiceHandler {
  service: ServiceName;
  /** Cheap, auth-free look at the request, used for fault matching and the call log. */
  classify(req: EmuRequest): Classification;
  handle(req: EmuRequest, action: string): Promise<EmuResponse> | EmuResponse;
  /** The vendor's own error shape, for injected faults. */
  faultReply(kind: "error" | "throttle", opts: FaultReplyOptions, req: EmuRequest): EmuResponse;
}

export function headerValue(req: EmuRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  if (Array.isArray(v)) return v.join(",");
  return v;
}
