import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { ActionError } from "@/lib/actions/result";
import { canAny, type Permission } from "@/lib/auth/permissions";
import { getActor, type Actor } from "@/lib/auth/session";
import { currentLocale, requestLocale } from "@/lib/i18n/request-locale";
import { vendorErrorText } from "@/lib/i18n/vendor-errors";
import { isProviderError } from "@/lib/providers/errors";
import { requestErrorMap } from "@/lib/validation/server-error-map";
import { errorWords, localizedActionError } from "@/lib/actions/action-error";
import { NO_STORE } from "./proxy-accesses/json-parts";

/*
 * Shared plumbing of the console's GET routes: who is asking, what they asked, and errors as
 * { error: { message, code, requestId } } the browser shows in plain words. Nothing is cached.
 */

export interface ApiErrorBody {
  error: { message: string; code?: string; requestId?: string };
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

function fail(status: number, message: string, code?: string, requestId?: string): Response {
  return json({ error: { message, code, requestId } } satisfies ApiErrorBody, status);
}

export function notFound(message = "Not found."): Response {
  return fail(404, message, "NOT_FOUND");
}

/** Runs a read for a signed-in actor who holds `permission` somewhere; "not yours" answers 404. */
export async function handle<S extends z.ZodType>(
  request: Request,
  permission: Permission,
  query: S | null,
  read: (actor: Actor, params: z.output<S>) => Promise<Response>,
): Promise<Response> {
  const actor = await getActor();
  const locale = await requestLocale();
  if (!actor) return fail(401, errorWords(locale, "sessionEnded"), "UNAUTHENTICATED");
  if (!canAny(actor, permission)) return notFound();
  let params: z.output<S> = undefined as z.output<S>;
  if (query) {
    const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams), { error: await requestErrorMap() });
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ");
      return fail(400, errorWords(locale, "invalidRequest", { problems }), "INVALID_INPUT");
    }
    params = parsed.data;
  }
  try {
    return await read(actor, params);
  } catch (error) {
    if (error instanceof ActionError) {
      return fail(error.options.code === "NOT_FOUND" ? 404 : 400, localizedActionError(error, locale).message, error.options.code, error.options.requestId);
    }
    // In the reader's language, from the code; the code and request id go out verbatim.
    if (isProviderError(error)) return fail(502, vendorErrorText(error, await currentLocale(actor.locale)), error.code, error.requestId);
    const ref = randomUUID().slice(0, 8);
    console.error(`[api ${new URL(request.url).pathname}] ref ${ref}:`, error instanceof Error ? (error.stack ?? error.message) : error);
    return fail(500, errorWords(locale, "internal", { ref }), "INTERNAL", ref);
  }
}
