import { userMessageFor } from "@/lib/providers/error-messages";
import type { Vendor } from "@/lib/providers/types";

export type ProviderErrorKind =
  /** The vendor answered with an error envelope. */
  | "vendor"
  /** Connection refused/reset, DNS failure: the request may or may not have reached the vendor. */
  | "network"
  | "timeout"
  /** The response did not match the expected shape. */
  | "invalid-response"
  /** Rejected locally before anything was sent. */
  | "invalid-argument";

export interface ProviderErrorInit {
  vendor: Vendor;
  service: string;
  action: string;
  kind: ProviderErrorKind;
  code: string;
  httpStatus?: number;
  vendorMessage?: string;
  requestId?: string;
  retryable?: boolean;
  /** True when a change may have happened but the console could not confirm it. */
  outcomeUnknown?: boolean;
  cause?: unknown;
}

const THROTTLING_CODES = new Set([
  "Throttling",
  "Throttling.User",
  "Throttling.Api",
  "RequestLimitExceeded",
  "LimitExceeded.TooFrequentlyCalled",
  "APIGW.0308",
  "APIG.0308",
]);

export function isThrottlingCode(code: string, httpStatus?: number): boolean {
  return (
    THROTTLING_CODES.has(code) ||
    code.startsWith("Throttling.") ||
    code.startsWith("RequestLimitExceeded.") ||
    httpStatus === 429
  );
}

/** Server-side failures worth retrying: the request was understood but the server failed it. */
const SERVER_FAILURE_CODES = new Set(["InternalError", "ServiceUnavailable", "DBS.05000000"]);

function defaultRetryable(init: ProviderErrorInit): boolean {
  if (init.kind === "network" || init.kind === "timeout") return true;
  if (init.kind !== "vendor") return false;
  if (isThrottlingCode(init.code, init.httpStatus)) return true;
  if (init.httpStatus !== undefined && init.httpStatus >= 500) return true;
  return SERVER_FAILURE_CODES.has(init.code);
}

/**
 * The one error type every provider call throws. `message` is for logs (already redacted);
 * `userMessage` is safe to show; `code` and `requestId` are what vendor support asks for.
 */
export class ProviderError extends Error {
  override readonly name = "ProviderError";
  readonly vendor: Vendor;
  readonly service: string;
  readonly action: string;
  readonly kind: ProviderErrorKind;
  readonly code: string;
  readonly httpStatus?: number;
  readonly vendorMessage?: string;
  readonly requestId?: string;
  readonly retryable: boolean;
  readonly throttled: boolean;
  readonly outcomeUnknown: boolean;
  readonly userMessage: string;

  constructor(init: ProviderErrorInit) {
    const suffix = init.requestId ? ` (request id ${init.requestId})` : "";
    const detail = init.vendorMessage ? `: ${init.vendorMessage}` : "";
    super(`${init.vendor} ${init.service} ${init.action} failed with ${init.code}${detail}${suffix}`, {
      cause: init.cause,
    });
    this.vendor = init.vendor;
    this.service = init.service;
    this.action = init.action;
    this.kind = init.kind;
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.vendorMessage = init.vendorMessage;
    this.requestId = init.requestId;
    this.retryable = init.retryable ?? defaultRetryable(init);
    this.throttled = init.kind === "vendor" && isThrottlingCode(init.code, init.httpStatus);
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.userMessage = userMessageFor(init.vendor, init.code, init.httpStatus);
  }

  /** A copy marked as "the change may have happened", for creates that could not be confirmed. */
  withOutcomeUnknown(): ProviderError {
    return new ProviderError({ ...this.toInit(), outcomeUnknown: true, cause: this.cause });
  }

  toInit(): ProviderErrorInit {
    return {
      vendor: this.vendor,
      service: this.service,
      action: this.action,
      kind: this.kind,
      code: this.code,
      httpStatus: this.httpStatus,
      vendorMessage: this.vendorMessage,
      requestId: this.requestId,
      retryable: this.retryable,
      outcomeUnknown: this.outcomeUnknown,
    };
  }

  /** Serialisable summary without the cause chain (which may hold low-level details). */
  toJSON() {
    return { name: this.name, message: this.message, userMessage: this.userMessage, ...this.toInit() };
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}

/** Network, timeout, throttling and 5xx failures: a retry may succeed. */
export function isTransient(error: unknown): boolean {
  return isProviderError(error) && error.retryable;
}

/** Failures after which a change may or may not have been applied by the vendor. */
export function isAmbiguous(error: unknown): boolean {
  // Throttling usually means "not executed", but gateways may throttle after routing, so a create
  // is looked up before being repeated after any transient failure.
  return isTransient(error);
}

export function invalidArgument(
  vendor: Vendor,
  service: string,
  action: string,
  message: string,
): ProviderError {
  return new ProviderError({ vendor, service, action, kind: "invalid-argument", code: "InvalidArgument", vendorMessage: message });
}
