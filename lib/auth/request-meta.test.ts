import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./request-meta";

const h = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});

describe("client address", () => {
  it("takes the entry the trusted proxies appended, not what the client wrote", () => {
    expect(clientIpFrom(h("6.6.6.6, 203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientIpFrom(h("6.6.6.6, 203.0.113.9, 10.0.0.2"), 2)).toBe("203.0.113.9");
  });

  it("falls back to the left-most entry when there are fewer entries than hops", () => {
    expect(clientIpFrom(h("203.0.113.9"), 3)).toBe("203.0.113.9");
  });

  it("unwraps IPv4-mapped IPv6 and copes with no header", () => {
    expect(clientIpFrom(h("::ffff:127.0.0.1"))).toBe("127.0.0.1");
    expect(clientIpFrom(h())).toBeNull();
  });
});
