import type { NextAuthConfig } from "next-auth";
import type { Env } from "@/lib/env";

/**
 * The part of the Auth.js configuration that needs no database, shared by proxy.ts (the
 * optimistic cookie check) and the full configuration in auth.ts.
 */

export const PUBLIC_PATHS = ["/login", "/api/auth", "/api/health"];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; sessionVersion: number };
    /** Random per sign-in; what signing out revokes. */
    sessionId?: string;
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    sid?: string;
  }
}

export function baseAuthConfig(env: Env): NextAuthConfig {
  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    pages: { signIn: "/login", error: "/login" },
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_SECONDS, updateAge: 15 * 60 },
    providers: [],
    logger: {
      // Failed sign-ins are expected traffic, already audited; keep the server log readable.
      error(error) {
        if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
        console.error(`[auth] ${error.name}: ${error.message}`);
      },
      warn() {},
      debug() {},
    },
    callbacks: {
      authorized({ auth, request }) {
        return isPublicPath(request.nextUrl.pathname) || Boolean(auth?.user);
      },
      session({ session, token }) {
        if (token.uid) {
          session.user = {
            ...session.user,
            id: token.uid,
            email: token.email ?? "",
            name: token.name ?? "",
            sessionVersion: token.sv ?? 0,
          };
          session.sessionId = token.sid;
        }
        return session;
      },
    },
  };
}
