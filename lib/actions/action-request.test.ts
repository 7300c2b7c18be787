import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";
import {
  ACTION_ALLOWED_ORIGINS,
  formActionReadable,
  isForeignOrigin,
  nestsDeeperThan,
  replyReadable,
  screenActionRequest,
} from "./action-request";

const ID = "60b68538ba42c33197acb6d442388e36b24b08caf8";
const LIMIT = 256 * 1024;

function post(body: BodyInit, headers: Record<string, string>, path = "/users") {
  const request = new Request(`http://console.test${path}`, { method: "POST", body, headers: { host: "console.test", ...headers } });
  return request;
}

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

/** A multipart request with its content-length, as a browser sends it. */
async function multipart(entries: [string, string][], headers: Record<string, string> = {}) {
  const encoded = new Request("http://x/", { method: "POST", body: form(entries) });
  const bytes = await encoded.arrayBuffer();
  return post(bytes, { "content-type": encoded.headers.get("content-type")!, "content-length": String(bytes.byteLength), ...headers });
}

const textAction = (body: string, headers: Record<string, string> = {}) =>
  post(body, { "next-action": ID, "content-type": "text/plain;charset=UTF-8", "content-length": String(Buffer.byteLength(body)), ...headers });

describe("server-action request screen", () => {
  it("uses the allowed origins next.config.js gives Next", async () => {
    // A path in a variable: next.config.js is plain JavaScript that the type checker does not read.
    const configPath = "../../next.config.js";
    const nextConfig = ((await import(configPath)) as { default: NextConfig }).default;
    expect(ACTION_ALLOWED_ORIGINS).toEqual(nextConfig.experimental?.serverActions?.allowedOrigins ?? []);
  });

  it("compares the Origin with the forwarded host or Host the way Next does", () => {
    const h = (o: Record<string, string>) => new Headers(o);
    expect(isForeignOrigin(h({ host: "console.test", origin: "http://console.test" }))).toBe(false);
    expect(isForeignOrigin(h({ host: "internal:3000", "x-forwarded-host": "console.test, lb", origin: "https://console.test" }))).toBe(false);
    expect(isForeignOrigin(h({ host: "console.test" }))).toBe(false);
    expect(isForeignOrigin(h({ host: "console.test", origin: "https://evil.example" }))).toBe(true);
    expect(isForeignOrigin(h({ host: "console.test", origin: "null" }))).toBe(true);
    expect(isForeignOrigin(h({ host: "console.test", origin: "not a url" }))).toBe(true);
    expect(isForeignOrigin(h({ host: "console.test", origin: "https://app.example.com" }), ["*.example.com"])).toBe(false);
  });

  it("measures nesting without parsing and ignores brackets inside strings", () => {
    expect(nestsDeeperThan("[".repeat(5000) + "]".repeat(5000))).toBe(true);
    expect(nestsDeeperThan(`[{"a":[1,2,{"b":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"["}]}]`)).toBe(false);
    expect(nestsDeeperThan("[[[]]]", 2)).toBe(true);
  });

  it("accepts what the UI sends and refuses references React cannot resolve", () => {
    const one = (text: string) => replyReadable(new Map([[0, text]]));
    expect(one('[{"email":"a@example.com","roles":["dba"]}]')).toBe(true);
    expect(one("[]")).toBe(true);
    expect(one('[{"at":"$D2026-01-02T03:04:05.000Z","n":"$n12","u":"$undefined","s":"$$dollar","again":"$0:0"}]')).toBe(true);
    expect(one('[{"a":{"b":1}},"$0:0:a"]')).toBe(true);
    for (const bad of ['[{"a":1},"$0:x:y:z"]', '["$1"]', '["$@1"]', '["$Q1"]', '["$h1"]', '["$B1"]', '["$A1"]', '["$Dnot-a-date"]', '["$n12x"]', '["$"]', '"$zz"']) {
      expect(one(bad), bad).toBe(false);
    }
    expect(one("[{not json")).toBe(false);
    expect(replyReadable(new Map([[0, '["$K1","$@1"]'], [1, "[]"]]))).toBe(true);
    expect(replyReadable(new Map([[1, "[]"]]))).toBe(false);
  });

  it("accepts the progressive-enhancement forms the console renders and refuses junk action fields", () => {
    expect(formActionReadable(form([[`$ACTION_ID_${ID}`, ""]]))).toBe(true);
    const login: [string, string][] = [
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", `{"id":"${ID}","bound":"$@1"}`],
      ["$ACTION_1:1", "[{}]"],
      ["$ACTION_KEY", "k2de5c65f101b564bf57a1a841634aee2"],
      ["email", "admin@example.com"],
    ];
    expect(formActionReadable(form(login))).toBe(true);
    expect(formActionReadable(form([["email", "x"]]))).toBeUndefined();
    expect(formActionReadable(form([["$ACTION_ID_junk", "x"]]))).toBe(false);
    expect(formActionReadable(form(login.filter(([k]) => k !== "$ACTION_1:1")))).toBe(false);
    expect(formActionReadable(form([["$ACTION_REF_1", ""], ["$ACTION_1:0", '{"id":"junk"}']]))).toBe(false);
    expect(formActionReadable(form([["$ACTION_WHAT", ""], [`$ACTION_ID_${ID}`, ""]]))).toBe(false);
  });

  it("refuses a foreign origin with 403, a deep, dangling or junk body with 400, and passes real calls", async () => {
    expect(await screenActionRequest(textAction('[{"name":"x"}]', { origin: "http://console.test" }), LIMIT)).toBeNull();
    expect(await screenActionRequest(textAction("[]", { origin: "https://evil.example" }), LIMIT)).toMatchObject({ status: 403 });
    expect(await screenActionRequest(textAction("[".repeat(5000) + "]".repeat(5000)), LIMIT)).toMatchObject({ status: 400 });
    expect(await screenActionRequest(textAction('["$1"]'), LIMIT)).toMatchObject({ status: 400 });
    // Next forwards an action to the worker that has it as a stream without a length.
    const stream = (text: string) => new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(text)), c.close()) });
    const streamed = (text: string) =>
      new Request("http://console.test/users", { method: "POST", body: stream(text), duplex: "half", headers: { host: "console.test", "next-action": ID, "content-type": "text/plain" } } as RequestInit);
    expect(await screenActionRequest(streamed('[{"name":"x"}]'), LIMIT)).toBeNull();
    expect(await screenActionRequest(streamed(`["${"x".repeat(LIMIT)}"]`), LIMIT)).toMatchObject({ status: 413 });

    const fetchForm = await multipart([["_1_email", "a@example.com"], ["0", '[{},"$K1"]']], { "next-action": ID });
    expect(await screenActionRequest(fetchForm, LIMIT)).toBeNull();
    const junk = await multipart([["$ACTION_ID_junk", "x"]], { "next-action": ID });
    expect(await screenActionRequest(junk, LIMIT)).toMatchObject({ status: 400 });
    expect(await screenActionRequest(await multipart([["$ACTION_ID_junk", "x"]]), LIMIT)).toMatchObject({ status: 400 });
    expect(await screenActionRequest(await multipart([[`$ACTION_ID_${ID}`, ""]], { origin: "http://console.test" }), LIMIT)).toBeNull();
    expect(await screenActionRequest(await multipart([[`$ACTION_ID_${ID}`, ""]], { origin: "https://evil.example" }), LIMIT)).toMatchObject({ status: 403 });
  });

  it("leaves route handlers and plain requests alone", async () => {
    expect(await screenActionRequest(post("[[[[", { "next-action": ID, origin: "https://evil.example" }, "/api/auth/signout"), LIMIT)).toBeNull();
    expect(await screenActionRequest(new Request("http://console.test/users", { headers: { origin: "https://evil.example" } }), LIMIT)).toBeNull();
    expect(await screenActionRequest(post("a=1", { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" }), LIMIT)).toBeNull();
  });
});
