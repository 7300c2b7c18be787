import "server-only";
import { getDb } from "@/lib/db";
import type { CallPriority, VendorPacer } from "@/lib/providers/pacer";
import type { ClientOptions } from "@/lib/providers/types";
import { createClusterPacer } from "./cluster-pacer";

let lastError = 0;
const g = globalThis as unknown as { __consolePacer?: VendorPacer };

/** The pacer every vendor client of the running console uses: slots shared through its database. */
export function consolePacer(): VendorPacer {
  g.__consolePacer ??= createClusterPacer({
    db: getDb,
    onError: (error) => {
      if (Date.now() - lastError < 60_000) return;
      lastError = Date.now();
      console.error("[pacing] shared slots unavailable, pacing in this process only:", error instanceof Error ? error.message : error);
    },
  });
  return g.__consolePacer;
}

/** Client options for a vendor client: the shared pacer, and whether a person waits for the calls. */
export function pacedClientOptions(priority: CallPriority = "interactive"): Pick<ClientOptions, "pacer" | "priority"> {
  return { pacer: consolePacer(), priority };
}
