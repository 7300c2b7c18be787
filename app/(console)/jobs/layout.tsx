import type { ReactNode } from "react";
import { requirePermission } from "@/lib/auth/session";

/**
 * The role check runs here, above the page's loading boundary, so a forbidden visit is decided
 * before anything streams and answers HTTP 404, not a 200 page that says "Not found".
 */
export default async function Layout({ children }: { children: ReactNode }) {
  await requirePermission("jobs:read");
  return children;
}
