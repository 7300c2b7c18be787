"use client";

import { Menu } from "lucide-react";
import { useTranslations } from "next-intl";
import { setSidebarOpen, useSidebarOpen } from "./sidebar-state";
import { Button } from "./ui/button";

/** The header's menu button; only shown below lg, where the sidebar is a drawer. */
export function SidebarToggle() {
  const open = useSidebarOpen();
  const t = useTranslations("Shell.nav");
  return (
    <Button
      variant="ghost"
      size="icon-sm"
      className="lg:hidden"
      aria-label={t("open")}
      aria-expanded={open}
      aria-controls="app-sidebar-drawer"
      aria-haspopup="dialog"
      onClick={() => setSidebarOpen(true)}
    >
      <Menu aria-hidden />
    </Button>
  );
}
