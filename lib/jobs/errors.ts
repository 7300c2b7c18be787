import { randomUUID } from "node:crypto";
import { looksLikeCredential, REDACTED } from "@/lib/audit/redact";
import { storableText, truncate } from "@/lib/audit/storable";
import type { StoredWords } from "@/lib/db/schema";

/**
 * What a failed job keeps as its last error, shown on the Jobs page. Only a code and a message
 * written for people: never a stack, a query with its parameters or a vendor's raw answer, since
 * the row is readable by every auditor and outlives the log.
 */
export interface SafeJobError {
  code: string;
  /** English, as written; a vendor error is shown from code + vendor + httpStatus in the reader's language. */
  message: string;
  /** Set when `code` is a vendor's. */
  vendor?: string;
  httpStatus?: number;
  requestId?: string;
  /** The console's own message as catalog words (Errors), shown in the reader's language. */
  words?: StoredWords;
}

/** A failure whose message is safe to show as it is (a handler's expected, explained failure). */
export class JobError extends Error {
  override readonly name = "JobError";
  constructor(
    readonly code: string,
    message: string,
    /** The same message as catalog words, when the console has them. */
    readonly words?: StoredWords,
  ) {
    super(message);
  }
}

/** A JobError with the console's words (lib/operations/error-text.ts consoleError): English stored, shown per reader. */
export function wordedJobError(code: string, said: { errorMessage: string; errorWords: StoredWords }): JobError {
  return new JobError(code, said.errorMessage, said.errorWords);
}

const CODE = /^[\w.:-]{1,64}$/;
const MAX_MESSAGE = 500;

function safeText(value: string): string {
  const text = storableText(value).trim();
  if (looksLikeCredential(text)) return REDACTED;
  return text.length > MAX_MESSAGE ? `${truncate(text, MAX_MESSAGE)}…` : text;
}

/** The fields of lib/providers' ProviderError used here; duck-typed so jobs need not import providers. */
interface VendorFailure {
  name: "ProviderError";
  code: string;
  userMessage: string;
  requestId?: string;
  vendor?: string;
  httpStatus?: number;
}

function isVendorFailure(error: unknown): error is VendorFailure {
  return error instanceof Error && error.name === "ProviderError" && typeof (error as Partial<VendorFailure>).userMessage === "string";
}

/**
 * Reduces anything a handler threw to a SafeJobError. Unknown errors are logged in full with a
 * reference and stored as a generic message carrying that reference, so an operator can find
 * the details in the server log without the job row holding them.
 */
export function toSafeJobError(error: unknown, queue: string): SafeJobError {
  if (error instanceof JobError) {
    const safe: SafeJobError = { code: CODE.test(error.code) ? error.code : "JobError", message: safeText(error.message) };
    if (error.words) safe.words = error.words;
    return safe;
  }
  if (isVendorFailure(error)) {
    const suffix = error.requestId ? ` (request id ${error.requestId})` : "";
    const safe: SafeJobError = { code: CODE.test(error.code) ? error.code : "ProviderError", message: safeText(`${error.userMessage}${suffix}`) };
    // What picks the text when shown; a code that is not safe to store picks nothing.
    if (safe.code === error.code && typeof error.vendor === "string" && CODE.test(error.vendor)) safe.vendor = error.vendor;
    if (safe.vendor && Number.isInteger(error.httpStatus)) safe.httpStatus = error.httpStatus;
    if (error.requestId && CODE.test(error.requestId)) safe.requestId = error.requestId;
    return safe;
  }
  const ref = randomUUID().slice(0, 8);
  console.error(`[jobs ${queue}] ref ${ref}:`, error instanceof Error ? (error.stack ?? error.message) : error);
  return { code: "internal", message: `Unexpected error (reference ${ref}); the details are in the server log.`, words: { key: "jobUnexpected", values: { ref } } };
}
