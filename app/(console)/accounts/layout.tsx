import type { ReactNode } from "react";
import { requirePermission } from "@/lib/auth/session";

/** The role check runs above the page's loading boundary, so a forbidden visit answers HTTP 404. */
export default async function Layout({ children }: { children: ReactNode }) {
  await requirePermission("dbAccounts:read");
  return children;
}
