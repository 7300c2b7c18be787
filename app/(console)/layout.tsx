import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { AppSidebar } from "@/components/app-sidebar";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { QueryProvider } from "@/components/query-provider";
import { navigationFor } from "@/lib/auth/navigation";
import { requireActor } from "@/lib/auth/session";
import { setLocaleAction, signOutAction } from "./actions";

/** The shell. Not an auth boundary: every page and action checks the actor itself. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const t = await getTranslations("Shell");
  return (
    <div className="flex min-h-dvh">
      <AppSidebar items={navigationFor(actor, (key) => t(`nav.${key}`))} title={t("appName")} />
      <div className="flex min-w-0 flex-1 flex-col">
        <AppHeader
          user={{ name: actor.name, email: actor.email }}
          roles={actor.roles.map((r) => t(`roles.${r}`))}
          signOut={signOutAction}
          languageSwitch={<LocaleSwitcher save={setLocaleAction} />}
        />
        <main id="main" tabIndex={-1} className="flex-1 px-4 py-6 outline-none sm:px-6 lg:px-8">
          <QueryProvider>{children}</QueryProvider>
        </main>
      </div>
    </div>
  );
}
