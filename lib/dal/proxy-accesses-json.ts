import "server-only";
import type { ListCollector } from "@/lib/providers/http";
import { toAccessDto, type ProxyAccessDto, type RawAccess } from "./proxy-accesses-parse";

/*
 * A proxy's access list as the console keeps it between views: the JSON array the browser
 * receives, as UTF-8 bytes, built once per DMS answer. The list used to be kept as 20,000
 * ProxyAccessDto objects and serialized again for every view (one two-byte string of ~15 MB
 * plus its UTF-8 copy each time); bytes are one allocation outside the JS heap, shared by
 * every view and written out as they are.
 */

/** What one DMS answer leaves behind: the serialized accesses and the two figures the overview needs. */
export interface SerializedAccesses {
  /** `JSON.stringify(ProxyAccessDto[])`, UTF-8. */
  json: Uint8Array;
  count: number;
  /** The earliest grantedAt (ISO), null when no access has a readable time. */
  oldestGrantedAt: string | null;
}

/** DTOs serialized together; small enough to die young, large enough to keep JSON.stringify calls few. */
const BATCH = 256;
const OPEN = Buffer.from("[");
const COMMA = Buffer.from(",");
const CLOSE = Buffer.from("]");

/** Collects DMS accesses (in DMS's order) into SerializedAccesses, a batch of DTOs at a time. */
export function serializeAccesses(): ListCollector<RawAccess, SerializedAccesses> {
  const parts: Buffer[] = [OPEN];
  let batch: ProxyAccessDto[] = [];
  let count = 0;
  let oldest: string | null = null;
  const flush = () => {
    if (batch.length === 0) return;
    const bytes = Buffer.from(JSON.stringify(batch));
    if (parts.length > 1) parts.push(COMMA);
    parts.push(bytes.subarray(1, bytes.length - 1)); // without the batch's own brackets
    batch = [];
  };
  return {
    add(item) {
      const dto = toAccessDto(item);
      if (dto.grantedAt && (!oldest || dto.grantedAt < oldest)) oldest = dto.grantedAt;
      batch.push(dto);
      count += 1;
      if (batch.length === BATCH) flush();
    },
    done() {
      flush();
      parts.push(CLOSE);
      return { json: Buffer.concat(parts), count, oldestGrantedAt: oldest };
    },
  };
}

/**
 * The body of an AccessListDto whose accesses are already serialized: the same JSON, key for key
 * and in the same order, as JSON.stringify of the whole object, in parts that share the cached
 * bytes instead of copying them.
 */
export function accessListJsonParts<T extends { proxyId: string; instanceId: string }>(meta: T, accessesJson: Uint8Array): Uint8Array[] {
  const { proxyId, instanceId, ...rest } = meta;
  const head = JSON.stringify({ proxyId, instanceId });
  const tail = JSON.stringify(rest);
  const after = tail === "{}" ? "}" : `,${tail.slice(1)}`;
  return [Buffer.from(`${head.slice(0, -1)},"accesses":`), accessesJson, Buffer.from(after)];
}
