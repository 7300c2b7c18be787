import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { screenActionRequest } from "@/lib/actions/action-request";
import { baseAuthConfig, isPublicPath } from "@/lib/auth/config";
import { getEnv } from "@/lib/env";

/**
 * The optimistic check only: a visitor without a session cookie goes to the login page. The real
 * checks happen in every page and action against the database (lib/auth/session.ts). This is
 * also where each response gets its Content-Security-Policy with a fresh script nonce.
 */

const { auth } = NextAuth(() => baseAuthConfig(getEnv()));

function contentSecurityPolicy(nonce: string): string {
  const env = getEnv();
  const dev = env.NODE_ENV === "development";
  const formTargets = ["'self'", env.OIDC_ISSUER ? new URL(env.OIDC_ISSUER).origin : null].filter(Boolean).join(" ");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Component libraries position popovers with inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formTargets}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

// next.config.js caps server-action bodies at 256 KB, but Next answers an oversized one with a
// 500; refuse it here first with a clear 413. Sign-in forms are tiny.
const MAX_BODY_BYTES = 256 * 1024;
const MAX_AUTH_BODY_BYTES = 16 * 1024;

function tooLarge(request: NextRequest): boolean {
  if (request.method === "GET" || request.method === "HEAD") return false;
  const length = Number(request.headers.get("content-length") ?? 0);
  const limit = request.nextUrl.pathname.startsWith("/api/auth") ? MAX_AUTH_BODY_BYTES : MAX_BODY_BYTES;
  return length > limit;
}

const plain = (status: number, message: string) =>
  new NextResponse(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

// Lazily configured Auth.js returns the wrapped handler as a promise.
const handler = auth(async (request) => {
  if (tooLarge(request)) return plain(413, "The request is too large.");
  const refusal = await screenActionRequest(request, MAX_BODY_BYTES);
  if (refusal) return plain(refusal.status, refusal.message);
  const { pathname, search } = request.nextUrl;
  if (!request.auth && !isPublicPath(pathname)) {
    // Data requests of an open page get a status they can act on, not the login page's HTML.
    if (pathname.startsWith("/api/")) {
      return NextResponse.json({ error: { message: "Your session has ended. Sign in again.", code: "UNAUTHENTICATED" } }, { status: 401 });
    }
    const login = new URL("/login", request.nextUrl.origin);
    if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}) as unknown as Promise<(request: NextRequest, event: NextFetchEvent) => Promise<Response>>;

export async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  return (await handler)(request, event);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
