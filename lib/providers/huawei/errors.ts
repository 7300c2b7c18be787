import type { RawResponse, VendorErrorInfo } from "@/lib/providers/http";

function record(json: unknown): Record<string, unknown> | undefined {
  return json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
}

export function readHuaweiRequestId(res: RawResponse): string | undefined {
  const header = res.headers.get("x-request-id") ?? undefined;
  const body = record(res.json)?.request_id;
  return header ?? (typeof body === "string" ? body : undefined);
}

/**
 * Service and gateway errors are {error_code, error_msg[, request_id]}; IAM answers in the Keystone
 * shape {error:{code,message,title}}, mapped to codes like "IAM.401".
 */
export function readHuaweiError(res: RawResponse): VendorErrorInfo | undefined {
  const body = record(res.json);
  const requestId = readHuaweiRequestId(res);
  if (body && typeof body.error_code === "string") {
    return { code: body.error_code, message: typeof body.error_msg === "string" ? body.error_msg : undefined, requestId };
  }
  const keystone = record(body?.error);
  if (keystone && (typeof keystone.code === "number" || typeof keystone.code === "string")) {
    const message = [keystone.title, keystone.message].filter((p) => typeof p === "string").join(": ");
    return { code: `IAM.${keystone.code}`, message: message || undefined, requestId };
  }
  return undefined;
}
