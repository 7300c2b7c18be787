import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { getActor } from "@/lib/auth/session";
import { Alert } from "@/components/ui/alert";
import { isUninitialised } from "@/lib/dal/users";
import { DEMO_PASSWORD } from "@/lib/db/seed";
import { getEnv, isOidcEnabled } from "@/lib/env";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Login"))("title") };
}

/** Reasons Auth.js or the SSO callback put in ?error=; anything else gets the generic message. */
const SSO_ERRORS = ["no-role", "disabled", "no-email", "password-account", "AccessDenied", "Configuration", "OAuthCallbackError"] as const;
type SsoError = (typeof SSO_ERRORS)[number];
const isSsoError = (value: string): value is SsoError => (SSO_ERRORS as readonly string[]).includes(value);

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getActor()) redirect("/");
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === "string" ? params.callbackUrl : "/";
  const errorKey = typeof params.error === "string" ? params.error : undefined;
  const env = getEnv();
  const [t, shell] = await Promise.all([getTranslations("Login"), getTranslations("Shell")]);
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center bg-muted/40 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">{shell("appName")}</h1>
          <p className="mt-1 text-sm text-muted-foreground">{shell("tagline")}</p>
        </div>
        {(await isUninitialised()) ? (
          <Alert variant="warning" title={t("uninitialisedTitle")} className="mb-4">
            {t.rich("uninitialised", { code: (chunks) => <code className="font-mono">{chunks}</code> })}
          </Alert>
        ) : null}
        <ClientMessages namespaces={["Login"]}>
          <LoginForm
            callbackUrl={callbackUrl}
            ssoName={isOidcEnabled(env) ? env.OIDC_NAME : null}
            ssoError={errorKey ? t(`errors.${isSsoError(errorKey) ? errorKey : "other"}`) : null}
            demoPassword={env.DEMO_MODE ? DEMO_PASSWORD : null}
          />
          <div className="mt-4 flex justify-center">
            <LocaleSwitcher />
          </div>
        </ClientMessages>
      </div>
    </main>
  );
}
