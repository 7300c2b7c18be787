import { LogOut } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { SidebarToggle } from "./sidebar-toggle";
import { ThemeToggle } from "./theme-toggle";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";

export type AppHeaderProps = {
  user: { name: string; email: string };
  roles: string[];
  /** A server action; rendered as a <form action>, so signing out works before hydration too. */
  signOut: () => Promise<void>;
  /** The language switcher (a client island wired to the caller's save action). */
  languageSwitch?: ReactNode;
};

/**
 * The console's top bar (a Server Component with two client islands: the drawer toggle and the theme
 * menu). The skip link to #main is rendered by <AppSidebar>, which comes first in the DOM.
 */
export function AppHeader({ user, roles, signOut, languageSwitch }: AppHeaderProps) {
  const t = useTranslations("Shell.header");
  return (
    <header className="sticky top-0 z-30 flex h-14 shrink-0 items-center gap-2 border-b bg-background/90 px-3 backdrop-blur supports-[backdrop-filter]:bg-background/75 sm:px-4">
      <SidebarToggle />
      <div className="flex-1" />

      {roles.length > 0 ? (
        <ul aria-label={t("roles")} className="hidden items-center gap-1 md:flex">
          {roles.map((role) => (
            <li key={role}>
              <Badge variant="secondary" className="capitalize">
                {role}
              </Badge>
            </li>
          ))}
        </ul>
      ) : null}

      <div className="flex min-w-0 flex-col items-end leading-tight">
        <span className="max-w-[12rem] truncate text-sm font-medium sm:max-w-[16rem]" translate="no">
          {user.name}
        </span>
        <span className="hidden max-w-[16rem] truncate text-xs text-muted-foreground sm:block">{user.email}</span>
      </div>

      {languageSwitch}
      <ThemeToggle />

      <form action={signOut}>
        <Button type="submit" variant="ghost" size="sm" className="gap-1.5 px-2 sm:px-3">
          <LogOut aria-hidden />
          <span className="sr-only sm:not-sr-only">{t("signOut")}</span>
        </Button>
      </form>
    </header>
  );
}
