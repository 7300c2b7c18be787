import "server-only";
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/**
 * The client address as the outermost trusted proxy saw it. Each proxy appends the address it
 * received from to X-Forwarded-For, so with `hops` trusted proxies in front the client is the
 * hops-th entry from the right; anything further left was written by the client and may be
 * forged. With nothing in front, Next fills the header from the socket only when the client sent
 * none, which is why production belongs behind a proxy (README, "Production deployment").
 */
export function clientIpFrom(h: Headers, hops = 1): string | null {
  const entries = (h.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const ip = entries[Math.max(0, entries.length - hops)] ?? h.get("x-real-ip") ?? null;
  return ip ? ip.replace(/^::ffff:/, "").slice(0, 100) : null;
}

export function metaFrom(h: Headers): RequestMeta {
  return { ip: clientIpFrom(h, getEnv().TRUSTED_PROXY_HOPS), userAgent: h.get("user-agent")?.slice(0, 400) ?? null };
}

export async function requestMeta(): Promise<RequestMeta> {
  return metaFrom(await headers());
}
