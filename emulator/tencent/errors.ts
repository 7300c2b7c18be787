import { randomUUID } from "node:crypto";
import type { EmuResponse } from "../types";

/** Any refusal: Tencent API 3.0 reports errors inside an HTTP 200 envelope. */
export class TencentError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function tencentError(code: string, message: string, status = 200): EmuResponse {
  return { status, outcome: code, body: { Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } } };
}

export function tencentOk(payload: Record<string, unknown>): EmuResponse {
  return { status: 200, outcome: "OK", body: { Response: { ...payload, RequestId: randomUUID() } } };
}

export const generic = (message: string) => new TencentError("InvalidParameter.GenericParameterError", message);
