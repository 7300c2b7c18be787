import { describe, expect, it } from "vitest";
import { jsonParts } from "./json-parts";

describe("jsonParts", () => {
  it("answers the parts in order as uncached JSON, and leaves shared parts intact for the next answer", async () => {
    const shared = Buffer.from(`[{"id":"1","originInfo":"阿里云账号(1)授权"}]`);
    for (let i = 0; i < 2; i++) {
      const res = jsonParts([Buffer.from(`{"accesses":`), shared, Buffer.from(`,"n":${i}}`)]);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.json()).toEqual({ accesses: [{ id: "1", originInfo: "阿里云账号(1)授权" }], n: i });
    }
    expect(shared.toString()).toBe(`[{"id":"1","originInfo":"阿里云账号(1)授权"}]`);
  });
});
