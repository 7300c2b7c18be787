import "server-only";
import { sameRules, type RuleEntry, type RuleType } from "@/lib/access-control/rules";
import { isAmbiguous, isProviderError } from "@/lib/providers/errors";
import type { TaurusApi } from "@/lib/providers/huawei/taurus";
import { invalidate, taurusSourceResource } from "@/lib/read-cache/console-reads";
import { defineOperationKind, type KindContext } from "./kinds";

/*
 * TaurusDB database-proxy access control as ledger kinds: the only place the console calls
 * SwitchAccessControl and CreateAccessControl. Both replace state, so after a lost answer the
 * proxy's ipgroup tells whether the change is in effect. One lock per proxy covers both kinds:
 * a switch and a rules change of one proxy are never at the vendor together.
 */

export const SWITCH_KIND = "taurus.access-control.switch";
export const RULES_KIND = "taurus.access-control.rules";
/** Audit action of settlements made by the console itself; they carry no actor. */
export const RECONCILE_ACTION = "access-control.reconcile";

/** A proxy's access control as the vendor reports it (ShowProxyIpgroup). */
export interface AccessControlState extends Record<string, unknown> {
  open: boolean;
  type: RuleType;
  ipList: RuleEntry[];
}

interface ProxyParams extends Record<string, unknown> {
  accountId: string;
  projectId: string;
  region: string;
  instanceId: string;
  instanceName: string;
  proxyId: string;
  proxyName: string;
  /** What the proxy had when the change was asked for: what "put back" restores. */
  before: AccessControlState;
  /** The ledger row this change puts back the state before, if it is a put-back. */
  restoreOf: string | null;
}

export interface SwitchParams extends ProxyParams {
  open: boolean;
}

export interface RulesParams extends ProxyParams {
  type: RuleType;
  ipList: RuleEntry[];
}

export const proxyLockKey = (proxyId: string) => `taurus-ac:${proxyId}`;
export const proxyTarget = (proxyId: string) => `taurus-proxy:${proxyId}`;

/** The vendor's current state of the proxy; one read per reconcile pass and proxy. */
export function readState(ctx: KindContext<TaurusApi>, p: Pick<ProxyParams, "instanceId" | "proxyId">): Promise<AccessControlState> {
  return ctx.memo(`taurus-ipgroup:${p.proxyId}`, async () => {
    const g = await ctx.client.getAccessControl({ instanceId: p.instanceId, proxyId: p.proxyId }, { signal: ctx.signal });
    return { open: g.enabled, type: g.type ?? "white", ipList: g.ipList.map((e) => ({ ip: e.ip, description: e.description ?? "" })) };
  });
}

const auditParams = (p: ProxyParams) => ({ instanceId: p.instanceId, instanceName: p.instanceName, proxyName: p.proxyName, restoreOf: p.restoreOf });

/**
 * Both calls replace state, so a lost answer (after the client's own retries) is settled by
 * reading the proxy back at once: in effect is success; otherwise the outcome stays unknown (a
 * request still queued at the vendor may land later), for reconciliation to judge.
 */
async function settleLostAnswer(error: unknown, ctx: KindContext<TaurusApi>, p: ProxyParams, inEffect: (now: AccessControlState) => boolean, result: Record<string, unknown>) {
  if (!isProviderError(error) || !isAmbiguous(error)) throw error;
  const now = await readState({ ...ctx, memo: (_key, read) => read() }, p).catch(() => null);
  if (now && inEffect(now)) return { result: { ...result, confirmedByRead: true }, vendorRequestId: error.requestId ?? null };
  throw error.withOutcomeUnknown();
}

/** Changed, refused or unknown: no instance may go on serving the source's proxies as they were. */
const afterCall = (p: ProxyParams) => invalidate(taurusSourceResource(p.accountId, p.projectId));

export const taurusSwitch = defineOperationKind<SwitchParams, TaurusApi>({
  name: SWITCH_KIND,
  client: "taurus",
  noun: "switch",
  vendorName: "TaurusDB",
  reconcileAuditAction: RECONCILE_ACTION,
  lockKey: (p) => proxyLockKey(p.proxyId),
  async execute(p, ctx) {
    try {
      const done = await ctx.client.switchAccessControl({ instanceId: p.instanceId, proxyId: p.proxyId, open: p.open }, { signal: ctx.signal });
      return { result: { open: done.open }, vendorRequestId: done.requestId ?? null };
    } catch (error) {
      return await settleLostAnswer(error, ctx, p, (now) => now.open === p.open, { open: p.open });
    } finally {
      await afterCall(p);
    }
  },
  async reconcile(p, ctx) {
    const now = await readState(ctx, p);
    return now.open === p.open ? { happened: true, result: { open: now.open } } : { happened: false };
  },
  sameResult: (a, b) => Boolean(a?.open) === Boolean(b?.open),
  auditParams: (p) => ({ ...auditParams(p), open: p.open }),
});

export const taurusRules = defineOperationKind<RulesParams, TaurusApi>({
  name: RULES_KIND,
  client: "taurus",
  noun: "rules",
  vendorName: "TaurusDB",
  reconcileAuditAction: RECONCILE_ACTION,
  lockKey: (p) => proxyLockKey(p.proxyId),
  async execute(p, ctx) {
    try {
      const done = await ctx.client.setAccessControl({ instanceId: p.instanceId, proxyId: p.proxyId, type: p.type, ipList: p.ipList }, { signal: ctx.signal });
      return { result: { type: p.type, count: p.ipList.length }, vendorRequestId: done.requestId ?? null };
    } catch (error) {
      return await settleLostAnswer(error, ctx, p, (now) => sameRules(now, { type: p.type, ipList: p.ipList }), { type: p.type, count: p.ipList.length });
    } finally {
      await afterCall(p);
    }
  },
  async reconcile(p, ctx) {
    const now = await readState(ctx, p);
    return sameRules(now, { type: p.type, ipList: p.ipList }) ? { happened: true, result: { type: p.type, count: p.ipList.length } } : { happened: false };
  },
  auditParams: (p) => ({ ...auditParams(p), type: p.type, count: p.ipList.length }),
});
