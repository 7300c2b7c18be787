import "server-only";
import { headers } from "next/headers";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/**
 * The client address as the nearest proxy saw it: the right-most X-Forwarded-For entry, which a
 * load balancer appends. Without a proxy in front, Next fills the header from the socket.
 */
export function clientIpFrom(h: Headers): string | null {
  const forwarded = h.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  const ip = last ?? h.get("x-real-ip") ?? null;
  return ip ? ip.replace(/^::ffff:/, "").slice(0, 100) : null;
}

export function metaFrom(h: Headers): RequestMeta {
  return { ip: clientIpFrom(h), userAgent: h.get("user-agent")?.slice(0, 400) ?? null };
}

export async function requestMeta(): Promise<RequestMeta> {
  return metaFrom(await headers());
}
