/**
 * Small request signers used only by the emulator's tests. They are written separately from the
 * verifiers on purpose, so a shared misunderstanding cannot make both sides agree by accident.
 */
import { createHash, createHmac, randomUUID } from "node:crypto";

const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256 = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");
const hmac = (key: string | Buffer, msg: string) => createHmac("sha256", key).update(msg).digest();

export interface SignedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface AlibabaKey {
  id: string;
  secret: string;
}

/** Alibaba RPC v1: parameters in the query (GET/POST) or in a form body (POST, form: true). */
export function signAlibabaV1(base: string, key: AlibabaKey, action: string, params: Record<string, string>, o: { method?: string; form?: boolean; timestamp?: string; nonce?: string; version?: string } = {}): SignedRequest {
  const method = o.method ?? "GET";
  const all: Record<string, string> = {
    AccessKeyId: key.id, Action: action, Format: "JSON", SignatureMethod: "HMAC-SHA1", SignatureVersion: "1.0",
    SignatureNonce: o.nonce ?? randomUUID(), Timestamp: o.timestamp ?? new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    Version: o.version ?? "2018-11-01", ...params,
  };
  const cqs = Object.keys(all).sort().map((k) => `${enc(k)}=${enc(all[k] ?? "")}`).join("&");
  const sts = `${method}&${enc("/")}&${enc(cqs)}`;
  const signature = createHmac("sha1", key.secret + "&").update(sts).digest("base64");
  const payload = `${cqs}&Signature=${enc(signature)}`;
  if (o.form) {
    return { url: `${base}/`, method, headers: { "content-type": "application/x-www-form-urlencoded" }, body: payload };
  }
  return { url: `${base}/?${payload}`, method, headers: {} };
}

/** Alibaba ACS3-HMAC-SHA256 with the action parameters in the query string. */
export function signAlibabaAcs3(base: string, key: AlibabaKey, action: string, params: Record<string, string>, o: { date?: string; nonce?: string; extraHeaders?: Record<string, string>; unsigned?: string[]; form?: Record<string, string> } = {}): SignedRequest {
  const host = new URL(base).host;
  const query = Object.keys(params).sort().map((k) => `${enc(k)}=${enc(params[k] ?? "")}`).join("&");
  const body = o.form ? Object.entries(o.form).map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&") : "";
  const headers: Record<string, string> = {
    host,
    "x-acs-action": action,
    "x-acs-version": "2018-11-01",
    "x-acs-date": o.date ?? new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    "x-acs-signature-nonce": o.nonce ?? randomUUID(),
    "x-acs-content-sha256": sha256(body),
    ...(o.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    ...o.extraHeaders,
  };
  const names = Object.keys(headers).filter((h) => !(o.unsigned ?? []).includes(h)).sort();
  const canonical = ["POST", "/", query, names.map((h) => `${h}:${headers[h]}\n`).join(""), names.join(";"), headers["x-acs-content-sha256"]].join("\n");
  const signature = createHmac("sha256", key.secret).update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`).digest("hex");
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${key.id},SignedHeaders=${names.join(";")},Signature=${signature}`;
  return { url: `${base}/${query ? `?${query}` : ""}`, method: "POST", headers, body: body || undefined };
}

/** Tencent TC3-HMAC-SHA256 for a JSON POST; signs the Host header value exactly as sent. */
export function signTencent(base: string, key: { id: string; secret: string }, action: string, payload: unknown, o: { timestamp?: number; region?: string | null; service?: string; version?: string; language?: string } = {}): SignedRequest {
  const host = new URL(base).host;
  const body = JSON.stringify(payload);
  const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
  const date = new Date(ts * 1000).toISOString().slice(0, 10);
  const service = o.service ?? "mariadb";
  const ct = "application/json";
  const canonical = ["POST", "/", "", `content-type:${ct}\nhost:${host}\n`, "content-type;host", sha256(body)].join("\n");
  const scope = `${date}/${service}/tc3_request`;
  const sts = ["TC3-HMAC-SHA256", String(ts), scope, sha256(canonical)].join("\n");
  const kSigning = hmac(hmac(hmac("TC3" + key.secret, date), service), "tc3_request");
  const signature = createHmac("sha256", kSigning).update(sts).digest("hex");
  const headers: Record<string, string> = {
    "content-type": ct,
    host,
    "x-tc-action": action,
    "x-tc-version": o.version ?? "2017-03-12",
    "x-tc-timestamp": String(ts),
    authorization: `TC3-HMAC-SHA256 Credential=${key.id}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
  };
  if (o.region !== null) headers["x-tc-region"] = o.region ?? "ap-guangzhou";
  if (o.language) headers["x-tc-language"] = o.language;
  return { url: `${base}/`, method: "POST", headers, body };
}

/**
 * Tencent TC3-HMAC-SHA256 for a GET: the parameters go in the query as given (already flattened,
 * e.g. "InstanceIds.0"), the canonical query is that query as sent, and the payload hash is that of
 * an empty body.
 */
export function signTencentGet(base: string, key: { id: string; secret: string }, action: string, params: Array<[string, string]>, o: { timestamp?: number; region?: string | null; contentType?: string } = {}): SignedRequest {
  const host = new URL(base).host;
  const query = params.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
  const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
  const date = new Date(ts * 1000).toISOString().slice(0, 10);
  const ct = o.contentType ?? "application/x-www-form-urlencoded";
  const canonical = ["GET", "/", query, `content-type:${ct}\nhost:${host}\n`, "content-type;host", sha256("")].join("\n");
  const scope = `${date}/mariadb/tc3_request`;
  const sts = ["TC3-HMAC-SHA256", String(ts), scope, sha256(canonical)].join("\n");
  const kSigning = hmac(hmac(hmac("TC3" + key.secret, date), "mariadb"), "tc3_request");
  const signature = createHmac("sha256", kSigning).update(sts).digest("hex");
  const headers: Record<string, string> = {
    "content-type": ct,
    host,
    "x-tc-action": action,
    "x-tc-version": "2017-03-12",
    "x-tc-timestamp": String(ts),
    authorization: `TC3-HMAC-SHA256 Credential=${key.id}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
  };
  if (o.region !== null) headers["x-tc-region"] = o.region ?? "ap-guangzhou";
  return { url: `${base}/${query ? `?${query}` : ""}`, method: "GET", headers };
}

/** Huawei SDK-HMAC-SHA256 (APIG) for a JSON request; the canonical URI gets a trailing slash. */
export function signHuawei(base: string, key: { ak: string; sk: string }, method: string, pathAndQuery: string, payload?: unknown, o: { date?: string; projectId?: string; domainId?: string; language?: string } = {}): SignedRequest {
  const url = new URL(pathAndQuery, base);
  const body = payload === undefined ? "" : JSON.stringify(payload);
  const date = o.date ?? new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
  const headers: Record<string, string> = { "content-type": "application/json", host: url.host, "x-sdk-date": date };
  if (o.projectId) headers["x-project-id"] = o.projectId;
  if (o.domainId) headers["x-domain-id"] = o.domainId;
  if (o.language) headers["x-language"] = o.language;
  const names = Object.keys(headers).sort();
  const path = url.pathname.split("/").map((s) => enc(decodeURIComponent(s))).join("/");
  const pairs = [...url.searchParams.entries()].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1));
  const canonical = [
    method, path.endsWith("/") ? path : `${path}/`, pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&"),
    names.map((h) => `${h}:${headers[h]}\n`).join(""), names.join(";"), sha256(body),
  ].join("\n");
  const signature = createHmac("sha256", key.sk).update(`SDK-HMAC-SHA256\n${date}\n${sha256(canonical)}`).digest("hex");
  headers.authorization = `SDK-HMAC-SHA256 Access=${key.ak}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
  return { url: url.toString(), method, headers, body: body || undefined };
}

export async function send(r: SignedRequest): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
