/**
 * A real OpenID Connect provider (the certified `oidc-provider` package) for the single sign-on
 * spec. It has its own small login page, like any IdP; users and their groups are below.
 * Usage: tsx e2e/support/oidc-server.ts  (OIDC_PORT, OIDC_CLIENT_REDIRECT)
 */
import http from "node:http";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

export const OIDC_TEST_USERS: Record<string, { password: string; email: string; name: string; groups: string[] }> = {
  "sso-dba": { password: "sso-pass", email: "sso.dba@example.com", name: "Sam SSO", groups: ["db-team", "staff"] },
  "sso-auditor": { password: "sso-pass", email: "sso.auditor@example.com", name: "Ann SSO", groups: ["audit"] },
  "sso-nobody": { password: "sso-pass", email: "sso.nobody@example.com", name: "No Role", groups: ["staff"] },
};

const port = Number(process.env.OIDC_PORT ?? 4800);
const issuer = `http://localhost:${port}`;
const redirectUri = process.env.OIDC_CLIENT_REDIRECT ?? "http://localhost:3210/api/auth/callback/oidc";

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "console-e2e",
      client_secret: "console-e2e-secret-value",
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  cookies: { keys: ["e2e-only-cookie-key-not-a-secret"] },
  interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
  // A first-party client: consent is implied, as in most corporate IdP setups.
  loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
  findAccount: async (_ctx, id) => {
    const user = OIDC_TEST_USERS[id];
    if (!user) return undefined;
    return {
      accountId: id,
      claims: async () => ({ sub: id, email: user.email, email_verified: true, name: user.name, groups: user.groups }),
    };
  },
});

function page(uid: string, error?: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test IdP sign-in</title></head><body>
<h1>Test identity provider</h1>${error ? `<p role="alert">${error}</p>` : ""}
<form method="post" action="/interaction/${uid}">
<label>Username <input name="login" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in to IdP</button></form></body></html>`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

const callback = provider.callback();

http
  .createServer(async (req, res) => {
    const match = req.url?.match(/^\/interaction\/([\w-]+)$/);
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === "GET") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(details.uid));
        return;
      }
      const form = await readForm(req);
      const login = form.get("login") ?? "";
      const user = OIDC_TEST_USERS[login];
      if (!user || user.password !== form.get("password")) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(details.uid, "Wrong username or password"));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    } catch (error) {
      res.writeHead(400, { "content-type": "text/plain" }).end(error instanceof Error ? error.message : "interaction failed");
    }
  })
  .listen(port, () => console.log(`[oidc] test identity provider at ${issuer}`));
