"use server";

import { AuthError } from "next-auth";
import { getTranslations } from "next-intl/server";
import { signIn } from "@/lib/auth/auth";
import { loginInput } from "@/lib/auth/credentials";
import { getEnv } from "@/lib/env";

export type LoginState = { error?: string; email?: string };

function safeCallback(value: FormDataEntryValue | null): string {
  const url = typeof value === "string" ? value : "";
  // Only same-site paths: an absolute or protocol-relative URL here would be an open redirect.
  return url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\") ? url : "/";
}

/**
 * Sign-in with email and password. This action is public by nature (no session yet); Auth.js's
 * authorize() does the throttling, the password check and the audit entry.
 */
export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const t = await getTranslations("Login.errors");
  // A forged call can pass anything (or nothing) here; it gets the form's own error, not a 500.
  if (!(formData instanceof FormData)) return { error: t("missing") };
  const email = String(formData.get("email") ?? "").slice(0, 254);
  const parsed = loginInput.safeParse({ email, password: formData.get("password") });
  if (!parsed.success) return { email, error: t("missing") };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallback(formData.get("callbackUrl")) });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      return {
        email,
        error: code === "locked" ? t("locked", { minutes: getEnv().LOGIN_LOCK_MINUTES }) : t("wrong"),
      };
    }
    throw error;
  }
}

export async function ssoLoginAction(formData: FormData): Promise<void> {
  await signIn("oidc", { redirectTo: safeCallback(formData instanceof FormData ? formData.get("callbackUrl") : null) });
}
