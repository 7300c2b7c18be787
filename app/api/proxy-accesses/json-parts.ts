/** The feature's GET answers are never cached by the browser or anything in between. */
export const NO_STORE = { "Cache-Control": "no-store" };

/**
 * A JSON answer already serialized, in parts written out one after the other (a cached list's
 * bytes go out as they are, not copied into one buffer per request).
 */
export function jsonParts(parts: readonly Uint8Array[], status = 200): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  return new Response(body, { status, headers: { ...NO_STORE, "Content-Type": "application/json" } });
}
