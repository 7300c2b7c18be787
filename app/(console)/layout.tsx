import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { AppSidebar } from "@/components/app-sidebar";
import { QueryProvider } from "@/components/query-provider";
import { navigationFor } from "@/lib/auth/navigation";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { signOutAction } from "./actions";

/** The shell. Not an auth boundary: every page and action checks the actor itself. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return (
    <div className="flex min-h-dvh">
      <AppSidebar items={navigationFor(actor)} />
      <div className="flex min-w-0 flex-1 flex-col">
        <AppHeader user={{ name: actor.name, email: actor.email }} roles={actor.roles.map((r) => ROLE_LABELS[r])} signOut={signOutAction} />
        <main id="main" tabIndex={-1} className="flex-1 px-4 py-6 outline-none sm:px-6 lg:px-8">
          <QueryProvider>{children}</QueryProvider>
        </main>
      </div>
    </div>
  );
}
