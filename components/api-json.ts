/*
 * The console's GET routes answer JSON, or { error: { message, code, requestId } } in plain words
 * (already in the viewer's language). One fetcher and one error type for every page's queries.
 */

/** A failed GET, with what the route said; the message is empty when it said nothing (the page names the HTTP status). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export async function getJson<T>(path: string, params: Record<string, string>, signal?: AbortSignal): Promise<T> {
  const query = new URLSearchParams(params).toString();
  const res = await fetch(query ? `${path}?${query}` : path, { signal, cache: "no-store", headers: { accept: "application/json" } });
  const body = (await res.json().catch(() => null)) as ({ error?: { message?: string; code?: string; requestId?: string } } & T) | null;
  if (!res.ok || !body) {
    const e = body?.error;
    throw new ApiError(e?.message ?? "", res.status, e?.code, e?.requestId);
  }
  return body;
}
