/** What every server action returns. Shared by the wrapper (server) and forms (client): no server imports. */

export type FieldErrors = Record<string, string[]>;

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      formError: string;
      fieldErrors?: FieldErrors;
      /** Machine-readable reason: a vendor code, or one of the console's own (FORBIDDEN, INVALID_INPUT...). */
      code?: string;
      /** The vendor's request id, for support. */
      requestId?: string;
      /** The console's reference for an unexpected error, also written to the server log. */
      ref?: string;
    };

export type ActionFailure = Extract<ActionResult<never>, { ok: false }>;

type WordValues = Record<string, string | number>;

/** One message of the Errors catalog: its key alone, or with values of its own. */
export type WordRef = string | { key: string; values?: WordValues };

/** A message of the Errors catalog (lib/actions/messages) with its values. */
export type ActionWords = {
  key: string;
  values?: WordValues;
  /** Values that are themselves worded per reader (a stored vendor error inside the message). */
  localValues?: (locale: string) => WordValues;
  fieldErrors?: Record<string, WordRef[]>;
};

/**
 * An expected failure whose message is safe to show. Anything else thrown inside an action is
 * logged and reaches the user only as a generic message with a reference id.
 */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly options: {
      code?: string;
      fieldErrors?: FieldErrors;
      requestId?: string;
      /** The catalog words behind `message` and `fieldErrors`, so each reader gets their language (lib/actions/action-error.ts). */
      words?: ActionWords;
      /** Set when `code` is a vendor's: the message shown is then picked from it in the reader's language. */
      vendor?: { vendor: string; httpStatus?: number | null };
    } = {},
  ) {
    super(message);
    this.name = "ActionError";
  }
}

export const ERROR_CODES = {
  unauthenticated: "UNAUTHENTICATED",
  forbidden: "FORBIDDEN",
  notFound: "NOT_FOUND",
  invalidInput: "INVALID_INPUT",
  internal: "INTERNAL",
  /** The audit entry a change needs first could not be written; nothing was changed. */
  auditUnavailable: "AUDIT_UNAVAILABLE",
} as const;
