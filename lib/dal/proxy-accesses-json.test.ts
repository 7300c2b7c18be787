import { describe, expect, it } from "vitest";
import { accessListJsonParts, serializeAccesses } from "./proxy-accesses-json";
import { toAccessDto, type RawAccess } from "./proxy-accesses-parse";

function raw(i: number): RawAccess {
  return {
    proxyAccessId: String(1_000_001 + i),
    proxyId: "1299",
    instanceId: "5199",
    userId: String(200_001 + i),
    userUid: String(2_900_000_000_000_000_001n + BigInt(i)),
    userName: `bench-user-${i}`,
    accessId: `acc${i}`,
    indepAccount: i % 3 === 0 ? undefined : "",
    originInfo: i % 2 ? "阿里云账号(1688000000000001)授权" : `Authorization by submitting the ticket(${i})`,
    gmtCreate: i === 7 ? "garbage" : `2026-0${1 + (i % 9)}-1${i % 10} 08:00:00`,
  };
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("serializeAccesses", () => {
  it("writes exactly JSON.stringify of the DTOs, across batches, with the count and the oldest time", () => {
    for (const n of [0, 1, 255, 256, 257, 1300]) {
      const items = Array.from({ length: n }, (_, i) => raw(i));
      const collector = serializeAccesses();
      for (const item of items) collector.add(item);
      const out = collector.done();
      const dtos = items.map(toAccessDto);
      expect(decode(out.json)).toBe(JSON.stringify(dtos));
      expect(out.count).toBe(n);
      const times = dtos.map((d) => d.grantedAt).filter((t): t is string => t !== null).sort();
      expect(out.oldestGrantedAt).toBe(times[0] ?? null);
    }
  });
});

describe("accessListJsonParts", () => {
  it("is JSON.stringify of the whole AccessListDto, key order included, sharing the accesses' bytes", () => {
    const collector = serializeAccesses();
    for (let i = 0; i < 3; i++) collector.add(raw(i));
    const { json } = collector.done();
    const meta = { proxyId: "1299", instanceId: "5199", unsettled: [{ id: "op1" }], reconciled: 1, jobs: [], requestId: null, fetchedAt: "2026-12-04T00:00:00.000Z" };
    const parts = accessListJsonParts(meta, json);
    expect(parts[1]).toBe(json);
    const { proxyId, instanceId, ...rest } = meta;
    const whole = { proxyId, instanceId, accesses: [0, 1, 2].map((i) => toAccessDto(raw(i))), ...rest };
    expect(decode(Buffer.concat(parts))).toBe(JSON.stringify(whole));
  });

  it("closes the object when nothing follows the accesses", () => {
    expect(decode(Buffer.concat(accessListJsonParts({ proxyId: "1", instanceId: "2" }, Buffer.from("[]"))))).toBe(`{"proxyId":"1","instanceId":"2","accesses":[]}`);
  });
});
