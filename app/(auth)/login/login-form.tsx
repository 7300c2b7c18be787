"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { loginAction, ssoLoginAction, type LoginState } from "./actions";

export function LoginForm({
  callbackUrl,
  ssoName,
  ssoError,
  demoPassword,
}: {
  callbackUrl: string;
  ssoName: string | null;
  ssoError: string | null;
  demoPassword: string | null;
}) {
  const t = useTranslations("Login");
  const [state, formAction, pending] = useActionState<LoginState, FormData>(loginAction, {});
  const error = state.error ?? ssoError;
  return (
    <Card>
      <CardContent className="grid gap-5 pt-6">
        <form action={formAction} className="grid gap-4" noValidate={false}>
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <div className="grid gap-1.5">
            <Label htmlFor="email">{t("email")}</Label>
            <Input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              required
              defaultValue={state.email ?? ""}
              aria-describedby={error ? "login-error" : undefined}
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="password">{t("password")}</Label>
            <Input id="password" name="password" type="password" autoComplete="current-password" required />
          </div>
          {error ? (
            <p id="login-error" role="alert" data-testid="login-error" className="text-sm font-medium text-destructive">
              {error}
            </p>
          ) : null}
          <Button type="submit" disabled={pending}>
            {pending ? t("submitting") : t("submit")}
          </Button>
        </form>
        {ssoName ? (
          <form action={ssoLoginAction} className="grid gap-3">
            <div className="flex items-center gap-3 text-xs text-muted-foreground" aria-hidden>
              <span className="h-px flex-1 bg-border" />
              {t("or")}
              <span className="h-px flex-1 bg-border" />
            </div>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <Button type="submit" variant="outline">
              {t("sso", { name: ssoName })}
            </Button>
          </form>
        ) : null}
        {demoPassword ? (
          <p className="text-xs text-muted-foreground">
            {t.rich("demo", { password: demoPassword, code: (chunks) => <code className="font-mono">{chunks}</code> })}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
