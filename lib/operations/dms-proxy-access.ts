import "server-only";
import type { DmsApi, DmsProxyAccess } from "@/lib/providers/alibaba/dms";
import { dmsProxyResource, invalidate } from "@/lib/read-cache/console-reads";
import { consoleError } from "./error-text";
import { defineOperationKind, type KindContext } from "./kinds";

/*
 * DMS proxy-access changes as ledger kinds: the only place the console calls CreateProxyAccess
 * and DeleteProxyAccess. After a lost answer, the proxy's authorization list tells what happened.
 */

export const GRANT_KIND = "dms.proxy-access.grant";
export const REVOKE_KIND = "dms.proxy-access.revoke";
/** Audit action of settlements made by the console itself (reconciliation, corrections); they carry no actor. */
export const RECONCILE_ACTION = "proxy-accesses.reconcile";
export const ALREADY_GRANTED = "ALREADY_GRANTED";

export interface GrantParams extends Record<string, unknown> {
  tenantId: string;
  proxyId: string;
  instanceId: string;
  userId: string;
  userName: string | null;
  indepAccount: string | null;
  reason: string;
}

export interface RevokeParams extends Record<string, unknown> {
  tenantId: string;
  proxyId: string;
  instanceId: string;
  proxyAccessId: string;
  userId: string | null;
  userName: string;
  reason: string | null;
}

export interface GrantHint {
  /** The caller read the list moments ago and the user held no access (bulk rounds read it once). */
  knownAbsent?: boolean;
  /** A grant of the pair that the console completed since that read, by another path. */
  grantedElsewhere?: () => Promise<string | null>;
  /** Bulk: a user who already holds access is a success ("already"), not a refusal. */
  alreadyIsSuccess?: boolean;
}

/** One list read per proxy and reconcile pass, however many of its operations are open. */
function accessesOf(ctx: KindContext<DmsApi>, proxyId: string, tenantId: string): Promise<DmsProxyAccess[]> {
  return ctx.memo(`dms-list:${tenantId}:${proxyId}`, async () => (await ctx.client.listProxyAccesses({ proxyId, tid: tenantId }, { signal: ctx.signal })).items);
}

const sameAccess = (a: Record<string, unknown> | null, b: Record<string, unknown> | null) => String(a?.proxyAccessId ?? "") === String(b?.proxyAccessId ?? "");

export const dmsGrant = defineOperationKind<GrantParams, DmsApi, GrantHint>({
  name: GRANT_KIND,
  client: "dms",
  noun: "grant",
  vendorName: "DMS",
  reconcileAuditAction: RECONCILE_ACTION,
  lockKey: (p) => `dms-grant:${p.proxyId}:${p.userId}`,
  async precheck(p, ctx, hint) {
    let existing: string | undefined;
    if (hint?.knownAbsent) existing = (await hint.grantedElsewhere?.()) ?? undefined;
    else existing = (await accessesOf(ctx, p.proxyId, p.tenantId)).find((a) => a.userId === p.userId)?.proxyAccessId;
    if (!existing) return null;
    if (hint?.alreadyIsSuccess) return { status: "succeeded", result: { proxyAccessId: existing, outcome: "already" } };
    return {
      status: "failed",
      errorCode: ALREADY_GRANTED,
      ...(p.userName ? consoleError("alreadyHasAccess", { name: p.userName }) : consoleError("userAlreadyHasAccess", { userId: p.userId })),
      result: { proxyAccessId: existing },
    };
  },
  async execute(p, ctx, transient) {
    try {
      const created = await ctx.client.createProxyAccess(
        { userId: p.userId, proxyId: p.proxyId, tid: p.tenantId, indepAccount: p.indepAccount ?? undefined, indepPassword: transient.indepPassword },
        { signal: ctx.signal },
      );
      return {
        result: { proxyAccessId: created.proxyAccessId, outcome: "granted", foundAfterRetry: created.foundAfterRetry },
        vendorRequestId: created.requestId ?? null,
      };
    } finally {
      // Granted, refused or unknown: no instance may go on serving the list as it was before.
      await invalidate(dmsProxyResource(p.proxyId));
    }
  },
  async reconcile(p, ctx) {
    const found = (await accessesOf(ctx, p.proxyId, p.tenantId)).find((a) => a.userId && a.userId === p.userId);
    return found ? { happened: true, result: { proxyAccessId: found.proxyAccessId, outcome: "granted" } } : { happened: false };
  },
  sameResult: sameAccess,
  auditParams: (p, result) => ({ userId: p.userId ?? null, userName: p.userName ?? null, proxyAccessId: result?.proxyAccessId ?? null }),
});

export const dmsRevoke = defineOperationKind<RevokeParams, DmsApi>({
  name: REVOKE_KIND,
  client: "dms",
  noun: "revoke",
  vendorName: "DMS",
  reconcileAuditAction: RECONCILE_ACTION,
  lockKey: (p) => `dms-revoke:${p.proxyId}:${p.proxyAccessId}`,
  async execute(p, ctx) {
    try {
      const done = await ctx.client.deleteProxyAccess({ proxyAccessId: p.proxyAccessId, tid: p.tenantId }, { signal: ctx.signal });
      return { result: { alreadyGone: done.alreadyGone }, vendorRequestId: done.requestId ?? null };
    } finally {
      await invalidate(dmsProxyResource(p.proxyId));
    }
  },
  async reconcile(p, ctx) {
    const still = (await accessesOf(ctx, p.proxyId, p.tenantId)).some((a) => a.proxyAccessId === p.proxyAccessId);
    return still ? { happened: false } : { happened: true, result: {} };
  },
  auditParams: (p) => ({ userId: p.userId ?? null, userName: p.userName ?? null, proxyAccessId: p.proxyAccessId ?? null }),
});
