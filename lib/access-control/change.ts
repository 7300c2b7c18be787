import "server-only";
import { and, eq } from "drizzle-orm";
import { actionError, errorWords } from "@/lib/actions/action-error";
import { ActionError } from "@/lib/actions/result";
import type { ActionContext } from "@/lib/actions/safe-action";
import type { Actor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { cloudOperations, taurusProxyStates } from "@/lib/db/schema";
import { errorFromSettled } from "@/lib/dal/proxy-accesses-records";
import { DEFAULT_LOCALE, localeOr } from "@/lib/i18n/locale";
import { ledgerDeps } from "@/lib/operations/deps";
import { operationErrorText } from "@/lib/operations/error-text";
import type { OperationRow } from "@/lib/operations/kinds";
import { runOperation } from "@/lib/operations/ledger";
import {
  proxyTarget,
  readState,
  RULES_KIND,
  SWITCH_KIND,
  taurusRules,
  taurusSwitch,
  type AccessControlState,
} from "@/lib/operations/taurus-access-control";
import { memoOf } from "@/lib/operations/ledger";
import type { TaurusApi } from "@/lib/providers/huawei/taurus";
import type { RestoreAccessControlInput, SetAccessControlRulesInput, SwitchAccessControlInput } from "@/lib/validation/access-control";
import { storeConsoleChange, type StateRow } from "./collect";
import { openSource, toRowDto, type ProxyRowDto } from "./read";
import { sameRules } from "./rules";
import { shutsEveryoneOut, type AccessState } from "./state";

/*
 * The changes of a proxy's access control. Each reads the proxy's state first (what the change
 * keeps as "before", and what the empty-whitelist check looks at), goes through the ledger, then
 * reads the proxy back so the row shows what is really in effect.
 */

export interface ChangeResult {
  /** The proxy as read back after the change; null when it could not be read (the page reloads the source). */
  row: ProxyRowDto | null;
  /** Nothing needed changing: the proxy was already so. */
  unchanged: boolean;
  requestIds: string[];
}

interface Opened {
  accountId: string;
  accountName: string;
  project: { projectId: string; region: string };
  client: TaurusApi;
  stored: StateRow | undefined;
}

async function open(actor: Actor, input: { accountId: string; projectId: string; instanceId: string; proxyId: string }, permission: "accessControl:switch" | "accessControl:rules"): Promise<Opened> {
  const { account, project, client } = await openSource(actor, input.accountId, input.projectId, permission);
  const db = await getDb();
  const [stored] = await db.select().from(taurusProxyStates).where(and(eq(taurusProxyStates.cloudAccountId, account.id), eq(taurusProxyStates.proxyId, input.proxyId))).limit(1);
  return { accountId: account.id, accountName: account.name, project, client, stored };
}

async function currentState(o: Opened, ref: { instanceId: string; proxyId: string }): Promise<AccessControlState> {
  const s = await readState({ client: o.client, memo: memoOf() }, ref);
  return { open: s.open, type: s.type, ipList: s.ipList };
}

function baseParams(o: Opened, input: { instanceId: string; proxyId: string }, before: AccessControlState, restoreOf: string | null) {
  return {
    accountId: o.accountId,
    projectId: o.project.projectId,
    region: o.project.region,
    instanceId: input.instanceId,
    instanceName: o.stored?.instanceName ?? "",
    proxyId: input.proxyId,
    proxyName: o.stored?.proxyName ?? "",
    before,
    restoreOf,
  };
}

const nameOf = (o: Opened, proxyId: string) => o.stored?.proxyName || proxyId;

/** A settled row as the change's answer; a refusal or unknown outcome is thrown as ActionError. */
function settledOrThrow(row: OperationRow): string | null {
  if (row.status === "succeeded") return row.vendorRequestId;
  if (row.status === "unknown") {
    const values = (locale: string) => ({ detail: operationErrorText(row, localeOr(locale)) ?? errorWords(localeOr(locale), "noAnswer"), code: row.errorCode ?? "—" });
    throw new ActionError(errorWords(DEFAULT_LOCALE, "accessControlOutcomeUnknown", values(DEFAULT_LOCALE)), {
      code: "OUTCOME_UNKNOWN",
      requestId: row.vendorRequestId ?? undefined,
      words: { key: "accessControlOutcomeUnknown", values: values(DEFAULT_LOCALE), localValues: values },
    });
  }
  throw errorFromSettled(row);
}

type Outcome = Awaited<ReturnType<typeof runOperation>>;

function rowOf(outcome: Outcome, o: Opened, proxyId: string, kind: string): OperationRow {
  if (outcome.kind === "busy") throw actionError("accessControlBusy", { values: { name: nameOf(o, proxyId) }, code: "IN_PROGRESS" });
  const row = outcome.row;
  if (row.kind !== kind || (row.params as { proxyId?: string }).proxyId !== proxyId) throw actionError("accessControlFormReused", { code: "IDEMPOTENCY_MISMATCH" });
  if (outcome.kind === "in-progress") throw actionError("firstSubmissionRunning", { code: "IN_PROGRESS" });
  return row;
}

/** Reads the proxy back and stores it as the console's own change; null when the read fails. */
async function readBack(o: Opened, actor: Actor, ref: { instanceId: string; proxyId: string }): Promise<ProxyRowDto | null> {
  try {
    const state = await currentState(o, ref);
    const stored = await storeConsoleChange(o.accountId, ref.proxyId, state as AccessState);
    return stored ? toRowDto(stored, o.accountName, actor, new Set()) : null;
  } catch {
    return null;
  }
}

function confirmEmpty(after: AccessState, confirmed: boolean | undefined) {
  if (shutsEveryoneOut(after) && !confirmed) {
    throw actionError("emptyWhitelistNotConfirmed", { code: "CONFIRMATION_REQUIRED", fieldErrors: { confirmEmptyWhitelist: ["emptyWhitelistField"] } });
  }
}

function intentParams(o: Opened, input: { instanceId: string; proxyId: string }, extra: Record<string, unknown>) {
  return { accountId: o.accountId, projectId: o.project.projectId, instanceId: input.instanceId, proxyName: o.stored?.proxyName ?? null, ...extra };
}

export async function switchAccessControl(actor: Actor, input: SwitchAccessControlInput, ctx: ActionContext): Promise<ChangeResult> {
  const o = await open(actor, input, "accessControl:switch");
  const before = await currentState(o, input);
  if (before.open === input.open) {
    ctx.setOutcome({ target: proxyTarget(input.proxyId), params: intentParams(o, input, { open: input.open, unchanged: true }) });
    return { row: await readBack(o, actor, input), unchanged: true, requestIds: [] };
  }
  confirmEmpty({ ...before, open: input.open }, input.confirmEmptyWhitelist);
  const target = proxyTarget(input.proxyId);
  const deps = await ledgerDeps();
  const outcome = await runOperation(
    taurusSwitch,
    {
      idempotencyKey: input.idempotencyKey,
      cloudAccountId: o.accountId,
      target,
      params: { ...baseParams(o, input, before, null), open: input.open },
      actor: { id: actor.id, email: actor.email, roles: actor.roles },
      audit: {
        action: "access-control.switch",
        params: {},
        wrapper: { correlationId: ctx.correlationId, afterOutcome: ctx.afterOutcome, recordIntent: () => ctx.recordIntent({ target, params: intentParams(o, input, { open: input.open, before: { open: before.open } }) }) },
      },
      client: o.client,
    },
    deps,
  );
  const row = rowOf(outcome, o, input.proxyId, SWITCH_KIND);
  ctx.setOutcome({ target, vendorRequestId: row.vendorRequestId, params: intentParams(o, input, { open: input.open }) });
  const requestId = settledOrThrow(row);
  return { row: await readBack(o, actor, input), unchanged: false, requestIds: requestId ? [requestId] : [] };
}

export async function setAccessControlRules(actor: Actor, input: SetAccessControlRulesInput, ctx: ActionContext): Promise<ChangeResult> {
  const o = await open(actor, input, "accessControl:rules");
  const before = await currentState(o, input);
  const next = { type: input.type, ipList: input.ipList.map((e) => ({ ip: e.ip, description: e.description ?? "" })) };
  if (sameRules(before, next)) {
    ctx.setOutcome({ target: proxyTarget(input.proxyId), params: intentParams(o, input, { type: input.type, count: next.ipList.length, unchanged: true }) });
    return { row: await readBack(o, actor, input), unchanged: true, requestIds: [] };
  }
  confirmEmpty({ open: before.open, ...next }, input.confirmEmptyWhitelist);
  const target = proxyTarget(input.proxyId);
  const outcome = await runOperation(
    taurusRules,
    {
      idempotencyKey: input.idempotencyKey,
      cloudAccountId: o.accountId,
      target,
      params: { ...baseParams(o, input, before, null), ...next },
      actor: { id: actor.id, email: actor.email, roles: actor.roles },
      audit: {
        action: "access-control.rules",
        params: {},
        wrapper: {
          correlationId: ctx.correlationId,
          afterOutcome: ctx.afterOutcome,
          recordIntent: () => ctx.recordIntent({ target, params: intentParams(o, input, { type: next.type, count: next.ipList.length, beforeType: before.type, beforeCount: before.ipList.length }) }),
        },
      },
      client: o.client,
    },
    await ledgerDeps(),
  );
  const row = rowOf(outcome, o, input.proxyId, RULES_KIND);
  ctx.setOutcome({ target, vendorRequestId: row.vendorRequestId, params: intentParams(o, input, { type: next.type, count: next.ipList.length }) });
  const requestId = settledOrThrow(row);
  return { row: await readBack(o, actor, input), unchanged: false, requestIds: requestId ? [requestId] : [] };
}

/** The state before a change of this proxy: a console change's kept "before", or a found change's. */
export async function stateBefore(accountId: string, proxyId: string, changeId: string): Promise<AccessState | null> {
  const db = await getDb();
  const [op] = await db.select().from(cloudOperations).where(and(eq(cloudOperations.id, changeId), eq(cloudOperations.cloudAccountId, accountId), eq(cloudOperations.target, proxyTarget(proxyId)))).limit(1);
  if (!op || op.status !== "succeeded" || (op.kind !== SWITCH_KIND && op.kind !== RULES_KIND)) return null;
  const before = op.params.before as AccessState | undefined;
  return before && typeof before.open === "boolean" && (before.type === "white" || before.type === "black") && Array.isArray(before.ipList) ? before : null;
}

/**
 * Puts the proxy's switch and rules back as they were before a chosen change: the rules first,
 * then the switch (so turning access control on applies the rules it had). Each step is its own
 * ledger operation, audited by the ledger under the restore action.
 */
export async function restoreAccessControl(actor: Actor, input: RestoreAccessControlInput, ctx: ActionContext): Promise<ChangeResult> {
  const permission = "accessControl:rules" as const;
  const o = await open(actor, input, permission);
  const goal = await stateBefore(o.accountId, input.proxyId, input.operationId);
  if (!goal) throw actionError("putBackNotFound", { code: "NOT_FOUND" });
  const now = await currentState(o, input);
  const rulesDiffer = !sameRules(now, goal);
  const switchDiffers = now.open !== goal.open;
  const target = proxyTarget(input.proxyId);
  if (!rulesDiffer && !switchDiffers) throw actionError("putBackNothing", { code: "UNCHANGED" });
  confirmEmpty(goal, input.confirmEmptyWhitelist);
  await ctx.recordIntent({ target, params: intentParams(o, input, { restoreOf: input.operationId, rules: rulesDiffer, switch: switchDiffers }) });
  const deps = await ledgerDeps();
  const who = { id: actor.id, email: actor.email, roles: actor.roles };
  const requestIds: string[] = [];
  if (rulesDiffer) {
    const outcome = await runOperation(
      taurusRules,
      {
        idempotencyKey: `${input.idempotencyKey}:rules`,
        cloudAccountId: o.accountId,
        target,
        params: { ...baseParams(o, input, now, input.operationId), type: goal.type, ipList: goal.ipList },
        actor: who,
        audit: { action: "access-control.restore", params: intentParams(o, input, { step: "rules", restoreOf: input.operationId, type: goal.type, count: goal.ipList.length }), meta: ctx.meta },
        client: o.client,
      },
      deps,
    );
    const id = settledOrThrow(rowOf(outcome, o, input.proxyId, RULES_KIND));
    if (id) requestIds.push(id);
  }
  if (switchDiffers) {
    const afterRules = rulesDiffer ? { ...now, type: goal.type, ipList: goal.ipList } : now;
    const outcome = await runOperation(
      taurusSwitch,
      {
        idempotencyKey: `${input.idempotencyKey}:switch`,
        cloudAccountId: o.accountId,
        target,
        params: { ...baseParams(o, input, afterRules, input.operationId), open: goal.open },
        actor: who,
        audit: { action: "access-control.restore", params: intentParams(o, input, { step: "switch", restoreOf: input.operationId, open: goal.open }), meta: ctx.meta },
        client: o.client,
      },
      deps,
    );
    const id = settledOrThrow(rowOf(outcome, o, input.proxyId, SWITCH_KIND));
    if (id) requestIds.push(id);
  }
  ctx.setOutcome({ target, vendorRequestId: requestIds.join(",") || null, params: intentParams(o, input, { restoreOf: input.operationId }) });
  return { row: await readBack(o, actor, input), unchanged: false, requestIds };
}
