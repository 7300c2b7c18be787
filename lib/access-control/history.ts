import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { can, resourceKey } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { auditLog, cloudOperations } from "@/lib/db/schema";
import { currentLocale } from "@/lib/i18n/request-locale";
import { operationErrorText } from "@/lib/operations/error-text";
import { proxyTarget, RULES_KIND, SWITCH_KIND } from "@/lib/operations/taurus-access-control";
import { openSource } from "./read";
import type { AccessState } from "./state";

/*
 * A proxy's history: the console's changes from the ledger (each keeps the state before it,
 * which is what "put back" restores) and the changes found made outside it, from the audit log.
 */

export interface HistoryItemDto {
  id: string;
  source: "console" | "outside";
  kind: "switch" | "rules" | "drift";
  at: string;
  actorEmail: string | null;
  /** Ledger status of a console change; "detected" for one found. */
  status: string;
  /** What the change set: the switch, or the rules. */
  open: boolean | null;
  type: "white" | "black" | null;
  count: number | null;
  before: AccessState | null;
  /** A found change's state after it. */
  after: AccessState | null;
  restoreOf: string | null;
  requestId: string | null;
  error: string | null;
  /** A succeeded console change with its before kept. */
  canPutBack: boolean;
}

const HISTORY_MAX = 100;

function asState(value: unknown): AccessState | null {
  const v = value as Partial<AccessState> | null | undefined;
  if (!v || typeof v.open !== "boolean" || (v.type !== "white" && v.type !== "black") || !Array.isArray(v.ipList)) return null;
  return { open: v.open, type: v.type, ipList: v.ipList };
}

export async function proxyHistory(actor: Actor, ref: { accountId: string; projectId: string; instanceId: string; proxyId: string }): Promise<HistoryItemDto[]> {
  const { account } = await openSource(actor, ref.accountId, ref.projectId, "accessControl:read");
  const resource = resourceKey("taurus-instance", ref.instanceId);
  if (!can(actor, "accessControl:read", resource)) return [];
  const db = await getDb();
  const locale = await currentLocale(actor.locale);
  const target = proxyTarget(ref.proxyId);
  const ops = await db
    .select()
    .from(cloudOperations)
    .where(and(eq(cloudOperations.cloudAccountId, account.id), eq(cloudOperations.target, target), inArray(cloudOperations.kind, [SWITCH_KIND, RULES_KIND])))
    .orderBy(desc(cloudOperations.createdAt))
    .limit(HISTORY_MAX);
  const drifts = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "access-control.drift"), eq(auditLog.target, target)))
    .orderBy(desc(auditLog.at))
    .limit(HISTORY_MAX);
  const mayChange = can(actor, "accessControl:rules", resource);
  const items: HistoryItemDto[] = ops.map((op) => {
    const p = op.params as Record<string, unknown>;
    const before = asState(p.before);
    const isSwitch = op.kind === SWITCH_KIND;
    return {
      id: op.id,
      source: "console",
      kind: isSwitch ? "switch" : "rules",
      at: op.createdAt.toISOString(),
      actorEmail: op.actorEmail,
      status: op.status,
      open: isSwitch ? Boolean(p.open) : null,
      type: isSwitch ? null : ((p.type as "white" | "black") ?? null),
      count: isSwitch ? null : Array.isArray(p.ipList) ? p.ipList.length : null,
      before,
      after: null,
      restoreOf: typeof p.restoreOf === "string" ? p.restoreOf : null,
      requestId: op.vendorRequestId,
      error: op.status === "failed" || op.status === "unknown" ? operationErrorText(op, locale) : null,
      canPutBack: mayChange && op.status === "succeeded" && before !== null,
    };
  });
  for (const d of drifts) {
    if ((d.params as { accountId?: string } | null)?.accountId !== account.id) continue;
    const p = d.params as { before?: unknown; after?: unknown };
    items.push({
      id: `drift-${d.id}`,
      source: "outside",
      kind: "drift",
      at: d.at.toISOString(),
      actorEmail: null,
      status: "detected",
      open: null,
      type: null,
      count: null,
      before: asState(p.before),
      after: asState(p.after),
      restoreOf: null,
      requestId: null,
      error: null,
      canPutBack: false,
    });
  }
  return items.sort((a, b) => b.at.localeCompare(a.at)).slice(0, HISTORY_MAX);
}
