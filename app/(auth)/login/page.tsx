import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { Alert } from "@/components/ui/alert";
import { isUninitialised } from "@/lib/dal/users";
import { DEMO_PASSWORD } from "@/lib/db/seed";
import { getEnv, isOidcEnabled } from "@/lib/env";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

const SSO_ERRORS: Record<string, string> = {
  "no-role": "Your single sign-on account is not in a group that has a console role. Ask an admin.",
  disabled: "This account is disabled. Ask an admin.",
  "no-email": "Your identity provider did not send a verified email address.",
  "password-account": "This email belongs to an account that signs in with a password: sign in with the password instead.",
  AccessDenied: "Sign-in was refused.",
  Configuration: "Sign-in is not available right now. Try again later.",
  OAuthCallbackError: "The identity provider did not complete the sign-in. Try again.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getActor()) redirect("/");
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === "string" ? params.callbackUrl : "/";
  const errorKey = typeof params.error === "string" ? params.error : undefined;
  const env = getEnv();
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center bg-muted/40 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">DB Access Console</h1>
          <p className="mt-1 text-sm text-muted-foreground">Database access across Alibaba, Huawei and Tencent Cloud</p>
        </div>
        {(await isUninitialised()) ? (
          <Alert variant="warning" title="No one can sign in yet" className="mb-4">
            Create the first admin: set ADMIN_EMAIL and ADMIN_PASSWORD and restart, or run{" "}
            <code className="font-mono">npm run create-admin -- you@example.com</code> while the console is stopped.
          </Alert>
        ) : null}
        <LoginForm
          callbackUrl={callbackUrl}
          ssoName={isOidcEnabled(env) ? env.OIDC_NAME : null}
          ssoError={errorKey ? (SSO_ERRORS[errorKey] ?? "Sign-in did not complete. Try again.") : null}
          demoPassword={env.DEMO_MODE ? DEMO_PASSWORD : null}
        />
      </div>
    </main>
  );
}
