"use client";

import { useEffect, useRef } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Database, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { NAV_ICONS, type NavIconName } from "./nav-icons";
import { setSidebarOpen, useSidebarOpen } from "./sidebar-state";
import { SkipLink } from "./skip-link";
import { cn } from "./ui/cn";

export { NAV_ICONS, type NavIconName } from "./nav-icons";

export type NavItem = { href: string; label: string; icon: NavIconName };

export type AppSidebarProps = {
  items: NavItem[];
  /** Product name shown at the top of the sidebar. */
  title: string;
};

/** Active when on the item's page or below it; "/" only matches itself so it is not always active. */
export function isActivePath(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(href.endsWith("/") ? href : `${href}/`);
}

function NavList({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const pathname = usePathname() ?? "/";
  // The longest matching href wins, so /users/new highlights "Users" and not a shorter sibling.
  const active = items
    .filter((i) => isActivePath(pathname, i.href))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;

  return (
    <ul className="grid gap-0.5">
      {items.map((item) => {
        const Icon = NAV_ICONS[item.icon];
        const current = item.href === active;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={current ? "page" : undefined}
              className={cn(
                "flex h-9 items-center gap-2.5 rounded-md px-2.5 text-sm font-medium text-sidebar-foreground transition-colors hover:bg-sidebar-accent hover:text-sidebar-accent-foreground",
                current && "bg-sidebar-accent text-sidebar-accent-foreground",
              )}
            >
              <Icon className={cn("size-4 shrink-0", current ? "text-primary" : "opacity-70")} aria-hidden />
              <span className="truncate">{item.label}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

function Brand({ title }: { title: string }) {
  return (
    <div className="flex h-14 items-center gap-2 px-4 font-semibold tracking-tight">
      <span className="flex size-7 items-center justify-center rounded-md bg-primary text-primary-foreground">
        <Database className="size-4" aria-hidden />
      </span>
      <span className="truncate">{title}</span>
    </div>
  );
}

const close = () => setSidebarOpen(false);

/**
 * Below lg the navigation is an off-canvas drawer opened by <SidebarToggle /> in the header. It is a
 * native modal <dialog>: the browser makes the page behind it inert, keeps Tab inside, closes it on Esc
 * and restores focus, at no JS cost (a Radix dialog here would add ~12 KB gzip to every page).
 */
function MobileDrawer({ items, title }: Required<AppSidebarProps>) {
  const t = useTranslations("Shell.nav");
  const open = useSidebarOpen();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement ? active : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  // Rotating a tablet to landscape can cross lg with the drawer open; the modal would then leave the
  // page inert behind an invisible dialog.
  useEffect(() => {
    const mq = window.matchMedia("(min-width: 64rem)");
    const onChange = () => {
      if (mq.matches) close();
    };
    mq.addEventListener("change", onChange);
    return () => mq.removeEventListener("change", onChange);
  }, []);

  return (
    <dialog
      ref={ref}
      id="app-sidebar-drawer"
      aria-label={t("drawer")}
      onClose={() => {
        close();
        // Browsers restore focus on close, but not all of them; the toggle must get it back.
        const el = opener.current;
        if (el?.isConnected && (document.activeElement === document.body || document.activeElement === null)) el.focus();
      }}
      // A click on the backdrop reaches the <dialog> itself; clicks inside land on its children.
      onClick={(e) => {
        if (e.target === e.currentTarget) close();
      }}
      className="fixed inset-y-0 right-auto left-0 m-0 h-dvh max-h-none w-72 max-w-[85vw] border-0 border-r border-sidebar-border bg-sidebar p-0 text-sidebar-foreground shadow-xl backdrop:bg-black/50 open:flex open:flex-col open:animate-slide-in-left backdrop:animate-fade-in lg:hidden"
    >
      <div className="flex items-center justify-between pr-2">
        <Brand title={title} />
        <button
          type="button"
          onClick={close}
          className="flex size-9 items-center justify-center rounded-md text-muted-foreground hover:bg-sidebar-accent hover:text-foreground"
        >
          <X className="size-4" aria-hidden />
          <span className="sr-only">{t("close")}</span>
        </button>
      </div>
      <nav aria-label={t("main")} className="flex-1 overflow-y-auto px-3 py-2">
        <NavList items={items} onNavigate={close} />
      </nav>
    </dialog>
  );
}

/**
 * Static column from the lg breakpoint up, a drawer below it. Renders the skip link first, because
 * the layout puts the sidebar before the header and the skip link must be the first tab stop.
 */
export function AppSidebar({ items, title }: AppSidebarProps) {
  const t = useTranslations("Shell.nav");
  return (
    <>
      <SkipLink />
      <aside className="sticky top-0 hidden h-dvh w-60 shrink-0 flex-col border-r border-sidebar-border bg-sidebar lg:flex">
        <Brand title={title} />
        <nav aria-label={t("main")} className="flex-1 overflow-y-auto px-3 py-2">
          <NavList items={items} />
        </nav>
      </aside>
      <MobileDrawer items={items} title={title} />
    </>
  );
}
