import { isCsrfOriginAllowed } from "next/dist/server/app-render/csrf-protection";

/**
 * Screens server-action requests in proxy.ts before Next decodes them. Next answers a foreign
 * Origin, a reply nested deep enough to overflow the stack, or a reference to a row the body does
 * not contain with a 500; each of these can only be forged or truncated, so it gets a plain 4xx
 * here. The rules mirror what Next and React accept, limited to what the console's UI sends:
 * plain values, FormData and dates, never Maps, Sets, streams, blobs or server references.
 */

/** Keep in step with experimental.serverActions.allowedOrigins in next.config.js (a test compares). */
export const ACTION_ALLOWED_ORIGINS: string[] = [];

/** Far beyond any form of the console (a few levels), far below what overflows React's reviver. */
export const MAX_REPLY_DEPTH = 64;
/** Rows of one reply; the UI sends one or two. Long reference chains also recurse in React. */
export const MAX_REPLY_ROWS = 256;

const ACTION_ID = /^[0-9a-f]{42}$/;
const ROW_KEY = /^\d{1,6}$/;

export interface Refusal {
  status: 400 | 403 | 413;
  message: string;
}

const UNREADABLE: Refusal = { status: 400, message: "The request could not be read." };

/**
 * Next's CSRF rule for actions: the Origin's host must be the forwarded host (or Host), or one of
 * the allowed origins. A request without Origin passes, as in Next: browsers send it on every
 * cross-site POST, so its absence means a hand-made request that carries no one else's cookies.
 */
export function isForeignOrigin(headers: Headers, allowedOrigins: string[] = ACTION_ALLOWED_ORIGINS): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  let originHost = "null";
  if (origin !== "null") {
    try {
      originHost = new URL(origin).host;
    } catch {
      return true;
    }
  }
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (host && originHost === host) return false;
  return !isCsrfOriginAllowed(originHost, allowedOrigins);
}

/** True when JSON text nests arrays and objects deeper than `limit`; counts brackets, builds nothing. */
export function nestsDeeperThan(text: string, limit: number = MAX_REPLY_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Whether React's reply decoder can read a "$"-string without failing: escapes and self-contained
 * values (undefined, NaN, ±Infinity, a valid date, a bigint React accepts, a FormData prefix, a
 * temporary reference), or a reference to a row that is present. Everything else is refused.
 */
function markerReadable(value: string, rows: ReadonlyMap<number, unknown>): boolean {
  const tag = value[1];
  switch (tag) {
    case "$":
    case "u":
    case "N":
    case "I":
    case "-":
    case "H":
    case "K":
    case "T":
      return true;
    case "D":
      return !Number.isNaN(Date.parse(value.slice(2)));
    case "n":
      return /^-?\d{1,300}$/.test(value.slice(2));
    case "@":
      return rowExists(value.slice(2), rows);
    default:
      return tag !== undefined && /^[0-9a-f]$/.test(tag) && pathExists(value.slice(1).split(":"), rows);
  }
}

function rowExists(hex: string, rows: ReadonlyMap<number, unknown>): boolean {
  return /^[0-9a-f]{1,6}$/.test(hex) && rows.has(parseInt(hex, 16));
}

/** "$<row>:<key>:<key>…" (a value sent twice) must lead somewhere, or React throws "Invalid reference". */
function pathExists([row, ...keys]: string[], rows: ReadonlyMap<number, unknown>): boolean {
  if (!rowExists(row!, rows)) return false;
  let value = rows.get(parseInt(row!, 16));
  for (const key of keys) {
    if (!value || typeof value !== "object" || !Object.hasOwn(value, key)) return false;
    value = (value as Record<string, unknown>)[key];
  }
  return true;
}

function valueReadable(value: unknown, rows: ReadonlyMap<number, unknown>): boolean {
  if (typeof value === "string") return value[0] !== "$" || markerReadable(value, rows);
  if (Array.isArray(value)) return value.every((item) => valueReadable(item, rows));
  if (value && typeof value === "object") return Object.values(value).every((item) => valueReadable(item, rows));
  return true;
}

/** Checks a reply (rows by id, row 0 holding the arguments) the way React's decodeReply will read it. */
export function replyReadable(rows: ReadonlyMap<number, string>): boolean {
  if (!rows.has(0) || rows.size > MAX_REPLY_ROWS) return false;
  const parsed = new Map<number, unknown>();
  for (const [id, text] of rows) {
    if (nestsDeeperThan(text)) return false;
    try {
      parsed.set(id, JSON.parse(text));
    } catch {
      return false;
    }
  }
  return [...parsed.values()].every((value) => valueReadable(value, parsed));
}

/** The rows of a reply carried by form fields named `<prefix><decimal id>`. */
function rowsOf(form: FormData, prefix: string): Map<number, string> | null {
  const rows = new Map<number, string>();
  for (const [key, value] of form.entries()) {
    if (!key.startsWith(prefix) || !ROW_KEY.test(key.slice(prefix.length))) continue;
    if (typeof value !== "string") return null;
    rows.set(Number(key.slice(prefix.length)), value);
  }
  return rows;
}

/**
 * A fetch action's multipart body is one reply: row "0" plus further rows, and the FormData the
 * action receives under "_<n>_" prefixes. The browser never puts "$ACTION_" fields at the top.
 */
export function fetchFormReadable(form: FormData): boolean {
  for (const key of form.keys()) if (key.startsWith("$ACTION_")) return false;
  const rows = rowsOf(form, "");
  return rows !== null && replyReadable(rows);
}

/**
 * A progressive-enhancement form action (a form posted before or without JavaScript) names its
 * action by "$ACTION_ID_<id>", or by "$ACTION_REF_<n>" with the action and its bound arguments as
 * a reply in the "$ACTION_<n>:" fields; "$ACTION_KEY" carries the form state's key. Undefined for
 * a multipart POST that names no action: Next renders the page for those, no action runs.
 */
export function formActionReadable(form: FormData): boolean | undefined {
  let names = 0;
  for (const key of form.keys()) {
    if (!key.startsWith("$ACTION_") || key === "$ACTION_KEY") continue;
    if (key.startsWith("$ACTION_ID_")) {
      if (!ACTION_ID.test(key.slice(11))) return false;
      names++;
      continue;
    }
    const ref = /^\$ACTION_REF_(\d{1,3})$/.exec(key);
    if (ref) {
      if (!boundActionReadable(form, `$ACTION_${ref[1]}:`)) return false;
      names++;
      continue;
    }
    if (!/^\$ACTION_\d{1,3}:\d{1,6}$/.test(key)) return false;
  }
  if (names === 0) return undefined;
  return names <= 2;
}

function boundActionReadable(form: FormData, prefix: string): boolean {
  const rows = rowsOf(form, prefix);
  if (rows === null || form.getAll(`${prefix}0`).length !== 1 || !replyReadable(rows)) return false;
  const meta = JSON.parse(rows.get(0)!) as unknown;
  if (!meta || typeof meta !== "object" || Array.isArray(meta)) return false;
  const { id, bound } = meta as { id?: unknown; bound?: unknown };
  return typeof id === "string" && ACTION_ID.test(id) && (bound === null || bound === undefined || typeof bound === "string");
}

/** What Next treats as a possible server action: POST with a Next-Action header, or multipart. */
function actionKind(request: Request): "fetch" | "form" | null {
  if (request.method !== "POST") return null;
  if (new URL(request.url).pathname.startsWith("/api/")) return null;
  if (request.headers.get("next-action") !== null) return "fetch";
  return (request.headers.get("content-type") ?? "").startsWith("multipart/form-data") ? "form" : null;
}

/**
 * Reads a clone of the body, at most `limit` bytes, so Next still gets the original. Most
 * requests declare their length (checked before); Next's own forwarding of an action to the
 * worker that has it streams the body without one, so the cap is enforced here as well.
 */
async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = request.clone().body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The screen proxy.ts applies: null to let the request through, otherwise the refusal to send. */
export async function screenActionRequest(request: Request, maxBodyBytes: number): Promise<Refusal | null> {
  const kind = actionKind(request);
  if (!kind) return null;
  if (isForeignOrigin(request.headers)) {
    return { status: 403, message: "This action can only be called from the console's own pages." };
  }
  const contentType = request.headers.get("content-type") ?? "";
  const multipart = contentType.startsWith("multipart/form-data");
  // Next decodes any other body of a fetch action as one reply row; only this exact type it skips.
  if (!multipart && (kind !== "fetch" || contentType === "application/x-www-form-urlencoded")) return null;
  const body = await readBody(request, maxBodyBytes);
  if (body === null) return { status: 413, message: "The request is too large." };
  if (!multipart) return replyReadable(new Map([[0, new TextDecoder().decode(body)]])) ? null : UNREADABLE;
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    return UNREADABLE;
  }
  const readable = kind === "fetch" ? fetchFormReadable(form) : formActionReadable(form);
  return readable === false ? UNREADABLE : null;
}
