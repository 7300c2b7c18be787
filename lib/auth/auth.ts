import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getEnv, isOidcEnabled } from "@/lib/env";
import { baseAuthConfig } from "./config";
import { authorizeLocal } from "./credentials";
import { findUserForSession, resolveOidcUser } from "./oidc";
import { metaFrom } from "./request-meta";

export const OIDC_PROVIDER_ID = "oidc";

/** Full Auth.js setup; built lazily so the environment is read at request time, not at build. */
export const { handlers, auth, signIn, signOut } = NextAuth((request) => {
  const env = getEnv();
  const base = baseAuthConfig(env);
  const providers: NonNullable<typeof base.providers> = [
    Credentials({
      id: "credentials",
      credentials: { email: {}, password: {} },
      authorize: (raw, req) => authorizeLocal(raw, req),
    }),
  ];
  if (isOidcEnabled(env)) {
    providers.push({
      id: OIDC_PROVIDER_ID,
      name: env.OIDC_NAME,
      type: "oidc",
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      checks: ["pkce", "state", "nonce"],
      authorization: { params: { scope: "openid email profile" } },
    });
  }
  return {
    ...base,
    providers,
    callbacks: {
      ...base.callbacks,
      async signIn({ account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        if (!profile) return false;
        const result = await resolveOidcUser(profile, env, request ? metaFrom(request.headers) : { ip: null, userAgent: null });
        return result.ok ? true : `/login?error=${result.reason}`;
      },
      async jwt({ token, user, account }) {
        if (user || account) token.sid = crypto.randomUUID();
        if (account?.provider === OIDC_PROVIDER_ID) {
          // The token's subject is the IdP's; the session must carry the console's own user id.
          const consoleUser = token.email ? await findUserForSession(token.email) : null;
          token.uid = consoleUser?.id;
          token.sv = consoleUser?.sessionVersion;
        } else if (user?.id) {
          token.uid = user.id;
          token.sv = user.sessionVersion;
        }
        return token;
      },
    },
  };
});
