import "server-only";
import { actionError, errorWords } from "@/lib/actions/action-error";
import { currentLocale, requestLocale } from "@/lib/i18n/request-locale";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { appendAudit, type AuditOutcome } from "@/lib/audit/log";
import { can, canAny, type Permission, type ResourceKey } from "@/lib/auth/permissions";
import { requestMeta, type RequestMeta } from "@/lib/auth/request-meta";
import { getActor, type Actor } from "@/lib/auth/session";
import { wordsFor } from "@/lib/validation/error-map";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "@/lib/i18n/locale";
import { errorMapFor, requestErrorMap } from "@/lib/validation/server-error-map";
import { unsafeTextIssues, type TextProblem } from "@/lib/validation/text";
import { auditMessageOf, describeFailure } from "./failure";
import { ActionError, ERROR_CODES, type ActionResult } from "./result";
import { auditWords } from "@/lib/audit/words";
import type { StoredWords } from "@/lib/db/schema";

export interface ActionContext {
  actor: Actor;
  meta: RequestMeta;
  /** Links this action's intent entry (if any) to its outcome entry in the audit log. */
  correlationId: string;
  /**
   * Writes the audit intent before a cloud call. If it cannot be written it throws, and the
   * cloud call never happens.
   */
  recordIntent(details?: { target?: string; params?: Record<string, unknown> }): Promise<void>;
  /**
   * Attaches the vendor's request id and extra (redacted) details to the outcome entry. A
   * multi-item action that returns normally sets `outcome` when some ("partial") or all
   * ("failure") of its items failed; see lib/audit/outcomes.ts.
   */
  setOutcome(details: OutcomeDetails): void;
  /** Runs `fn` after this action's outcome entry was written (not when writing it failed). */
  afterOutcome(fn: () => Promise<void>): void;
}

export interface OutcomeDetails {
  vendorRequestId?: string | null;
  target?: string;
  params?: Record<string, unknown>;
  /** Free text, or catalog words (lib/audit/words.ts) the audit page shows in the reader's language. */
  message?: string | StoredWords;
  outcome?: Extract<AuditOutcome, "success" | "partial" | "failure">;
}

export interface ActionDefinition<S extends z.ZodType, T> {
  /** Audit action name, e.g. "users.create". */
  name: string;
  input: S;
  permission: Permission;
  /**
   * The resource the call acts on, for permissions that owners hold on their own resources.
   * Omit for permissions that only exist as "all".
   */
  resource?: (input: z.output<S>, actor: Actor) => Promise<ResourceKey | null> | ResourceKey | null;
  /** Audit target, e.g. "user:ana@example.com". */
  target?: (input: z.output<S>) => string;
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<T>;
}

function toPlainInput(raw: unknown): unknown {
  if (raw instanceof FormData) {
    const out: Record<string, unknown> = {};
    for (const key of new Set(raw.keys())) {
      if (key.startsWith("$ACTION")) continue;
      const values = raw.getAll(key).map((v) => (typeof v === "string" ? v : v.name));
      out[key] = values.length > 1 ? values : values[0];
    }
    return out;
  }
  return raw;
}

/** Thrown by recordIntent: without its audit entry a change must not start. */
const auditUnavailable = () =>
  actionError("auditUnavailable", { code: ERROR_CODES.auditUnavailable });

/** What admins see of a failed audit write: the action and the outcome that went unrecorded, never the entry. */
function logAuditFailure(actionName: string, outcome: AuditOutcome, error: unknown) {
  const detail = error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error);
  console.error(`[action ${actionName}] audit write failed (outcome ${outcome}): ${detail.slice(0, 300)}`);
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function textErrorsOf(problems: Record<string, TextProblem[]>, map: z.core.$ZodErrorMap): Record<string, string[]> {
  return Object.fromEntries(Object.entries(problems).map(([field, list]) => [field, list.map((p) => wordsFor(map, p.key, p.values))]));
}

/**
 * The one way to write a server action. Every exported action is a public POST endpoint, so in
 * order: authenticate (fresh from the database), authorize by role, validate with zod, authorize
 * the resource, run, and write the audit entry for every outcome, refusals included.
 */
export function defineAction<S extends z.ZodType, T>(def: ActionDefinition<S, T>) {
  const action = async function action(raw: z.input<S> | FormData): Promise<ActionResult<T>> {
    const meta = await requestMeta();
    const actor = await getActor();
    type Entry = Omit<Parameters<typeof appendAudit>[0], "action" | "ip" | "userAgent">;
    const audit = (entry: Entry) => appendAudit({ ...entry, action: def.name, ...meta });
    /**
     * Refusals and outcomes are recorded but never hang on the recording: a refusal changes
     * nothing, so it stands (and is logged) even when its entry cannot be written.
     */
    const record = (entry: Entry) => audit(entry).catch((error) => logAuditFailure(def.name, entry.outcome, error));

    if (!actor) {
      await record({ actor: null, outcome: "denied", message: auditWords("notSignedIn") });
      return { ok: false, code: ERROR_CODES.unauthenticated, formError: errorWords(await requestLocale(), "sessionEnded") };
    }
    const who = { id: actor.id, email: actor.email, roles: actor.roles };

    if (!canAny(actor, def.permission)) {
      await record({ actor: who, outcome: "denied", message: auditWords("missingPermission", { permission: def.permission }) });
      return { ok: false, code: ERROR_CODES.forbidden, formError: errorWords(await requestLocale(), "forbidden") };
    }

    const plain = toPlainInput(raw);
    // Characters no field may hold are refused before the schema sees them, in every action.
    const unsafe = unsafeTextIssues(plain);
    const errorMap = await requestErrorMap();
    const parsed = Object.keys(unsafe).length ? null : def.input.safeParse(plain, { error: errorMap });
    if (!parsed?.success) {
      const fieldErrors = parsed ? fieldErrorsOf(parsed.error) : textErrorsOf(unsafe, errorMap);
      // The audit entry keeps the problems in English and worded in every language, for its readers.
      const problemsIn = (locale: Locale) => {
        const map = errorMapFor(locale);
        const errors = parsed ? fieldErrorsOf(def.input.safeParse(plain, { error: map }).error ?? parsed.error) : textErrorsOf(unsafe, map);
        // Field paths are identifiers, not words: Chinese text sets them off in quotation marks.
        const field = (k: string) => (locale === "zh-CN" ? `“${k}”：` : `${k}: `);
        return Object.entries(errors).map(([k, v]) => `${field(k)}${v.join("; ")}`).join(" | ").slice(0, 500);
      };
      const texts = Object.fromEntries(LOCALES.map((locale) => [locale, problemsIn(locale)]));
      await record({
        actor: who,
        outcome: "invalid",
        params: typeof raw === "object" && raw && !(raw instanceof FormData) ? (raw as Record<string, unknown>) : null,
        message: { ...auditWords("fieldProblems", { problems: texts[DEFAULT_LOCALE] ?? "" }), texts },
      });
      return { ok: false, code: ERROR_CODES.invalidInput, formError: errorWords(await requestLocale(), "invalidInput"), fieldErrors };
    }
    const input = parsed.data;
    const params = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : { value: input };
    let target = def.target?.(input) ?? null;

    if (def.resource) {
      // Finding the resource may itself call a cloud (e.g. a proxy's instance); its failure is
      // an ordinary failed action with the vendor's code, not a crash.
      let resource: ResourceKey | null;
      try {
        resource = await def.resource(input, actor);
      } catch (error) {
        unstable_rethrow(error);
        const failure = describeFailure(error, def.name, await currentLocale(actor.locale));
        await record({ actor: who, outcome: "failure", target, params, errorCode: failure.code ?? null, vendorRequestId: failure.requestId, message: auditMessageOf(error, failure) });
        return failure;
      }
      if (!resource || !can(actor, def.permission, resource)) {
        await record({ actor: who, outcome: "denied", target, params, message: resource ? auditWords("noPermissionOn", { permission: def.permission, resource }) : auditWords("noPermission", { permission: def.permission }) });
        // "Not yours" reads as not found: it does not confirm the resource exists.
        return { ok: false, code: ERROR_CODES.notFound, formError: errorWords(await requestLocale(), "notFoundOrNotYours") };
      }
    } else if (!can(actor, def.permission)) {
      await record({ actor: who, outcome: "denied", target, params, message: auditWords("noPermission", { permission: def.permission }) });
      return { ok: false, code: ERROR_CODES.forbidden, formError: errorWords(await requestLocale(), "forbidden") };
    }

    const correlationId = randomUUID();
    let intentWritten = false;
    const outcome: Omit<OutcomeDetails, "target"> = {};
    const afterOutcome: (() => Promise<void>)[] = [];
    /** The outcome entry, then what waited for it; a failed write leaves those to reconciliation. */
    const recordOutcome = async (entry: Entry) => {
      const written = await audit(entry).then(
        () => true,
        (error) => (logAuditFailure(def.name, entry.outcome, error), false),
      );
      if (written) for (const fn of afterOutcome) await fn().catch(() => undefined);
    };
    const ctx: ActionContext = {
      actor,
      meta,
      correlationId,
      async recordIntent(details) {
        if (details?.target) target = details.target;
        try {
          await audit({ actor: who, outcome: "intent", target, params: { ...params, ...details?.params }, correlationId });
        } catch (error) {
          logAuditFailure(def.name, "intent", error);
          throw auditUnavailable();
        }
        intentWritten = true;
      },
      setOutcome(details) {
        if (details.target) target = details.target;
        Object.assign(outcome, details);
      },
      afterOutcome(fn) {
        afterOutcome.push(fn);
      },
    };

    let data: T;
    try {
      data = await def.handler(input, ctx);
    } catch (error) {
      unstable_rethrow(error);
      const failure = describeFailure(error, def.name, await currentLocale(actor.locale));
      await recordOutcome({
        actor: who,
        outcome: "failure",
        target,
        params: { ...params, ...outcome.params },
        correlationId: intentWritten ? correlationId : null,
        errorCode: failure.code ?? null,
        vendorRequestId: failure.requestId ?? outcome.vendorRequestId,
        message: failure.ref ? auditWords("unexpectedError", { ref: failure.ref }) : auditMessageOf(error, failure),
      });
      return failure;
    }
    // The change has happened; a failed outcome write must not report it as failed. The intent
    // entry and the operation record still tell reconciliation what was attempted.
    await recordOutcome({
      actor: who,
      outcome: outcome.outcome ?? "success",
      target,
      params: { ...params, ...outcome.params },
      correlationId: intentWritten ? correlationId : null,
      vendorRequestId: outcome.vendorRequestId,
      message: outcome.message,
    });
    return { ok: true, data };
  };
  definitions.set(action, { name: def.name, input: def.input });
  return action;
}

const definitions = new WeakMap<object, { name: string; input: z.ZodType }>();

/** The audit name and input schema behind an exported action, so tests can check every action; undefined for other functions. */
export function actionDefinitionOf(fn: unknown): { name: string; input: z.ZodType } | undefined {
  return typeof fn === "function" ? definitions.get(fn) : undefined;
}

export { ActionError };
