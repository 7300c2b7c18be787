import { randomUUID } from "node:crypto";
import type { EmuResponse } from "../types";

/** A POP-gateway level refusal: HTTP 4xx/5xx with {RequestId, HostId, Code, Message, Recommend}. */
export class DmsGatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A DMS business refusal: HTTP 200 with Success:false, ErrorCode, ErrorMessage. */
export class DmsBusinessError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function dmsRequestId(): string {
  return randomUUID().toUpperCase();
}

export function gatewayResponse(status: number, code: string, message: string, hostId: string): EmuResponse {
  const requestId = dmsRequestId();
  return {
    status,
    outcome: code,
    body: {
      RequestId: requestId,
      HostId: hostId,
      Code: code,
      Message: message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=dms-enterprise&requestId=${requestId}`,
    },
  };
}

export function businessResponse(code: string, message: string): EmuResponse {
  return {
    status: 200,
    outcome: code,
    body: { RequestId: dmsRequestId(), Success: false, ErrorCode: code, ErrorMessage: message },
  };
}

export function successResponse(payload: Record<string, unknown>): EmuResponse {
  return { status: 200, outcome: "OK", body: { RequestId: dmsRequestId(), Success: true, ...payload } };
}

export const invalidParam = (name: string) =>
  new DmsGatewayError(400, "InvalidParameter", `The specified parameter "${name}" is not valid.`);
