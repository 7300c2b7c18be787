import {
  ClipboardList,
  Cloud,
  Database,
  FileClock,
  Inbox,
  LayoutDashboard,
  ListChecks,
  Leaf,
  Network,
  Settings,
  ShieldCheck,
  Users,
  Waypoints,
  type LucideIcon,
} from "lucide-react";

/**
 * Icons are named, not passed as components, so a Server Component layout can hand the nav items
 * to the client sidebar (functions cannot cross that boundary).
 */
export const NAV_ICONS = {
  dashboard: LayoutDashboard,
  "proxy-accesses": ShieldCheck,
  taurus: Waypoints,
  mariadb: Database,
  dds: Leaf,
  users: Users,
  audit: FileClock,
  jobs: ListChecks,
  "cloud-accounts": Cloud,
  requests: Inbox,
  reviews: ClipboardList,
  network: Network,
  settings: Settings,
} satisfies Record<string, LucideIcon>;

export type NavIconName = keyof typeof NAV_ICONS;
