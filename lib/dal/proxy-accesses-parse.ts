import "server-only";

/*
 * Pure readers for the free-text fields DMS returns on a proxy access. No I/O: the data layer
 * uses them to build DTOs and the unit tests pin every wording vendors are known to send.
 */

export type OriginKind = "owner" | "ticket" | "other";

export interface ParsedOrigin {
  kind: OriginKind;
  /** The owner's Alibaba Cloud UID, the ticket number, or the raw text for "other". */
  ref: string;
}

// DMS localises OriginInfo to the account's console language; both wordings are seen in the wild.
// Brackets may be ASCII or full-width, and spacing varies between DMS versions.
const OPEN = "[(（]";
const CLOSE = "[)）]";
const OWNER_PATTERNS = [
  new RegExp(`^Authorization\\s+by\\s+the\\s+Alibaba\\s+Cloud\\s+Account\\s*${OPEN}\\s*([^)）]+?)\\s*${CLOSE}\\s*$`, "i"),
  new RegExp(`^阿里云账号\\s*${OPEN}\\s*([^)）]+?)\\s*${CLOSE}\\s*授权\\s*$`),
];
const TICKET_PATTERNS = [
  new RegExp(`^Authorization\\s+by\\s+submitting\\s+the\\s+ticket\\s*${OPEN}\\s*([^)）]+?)\\s*${CLOSE}\\s*$`, "i"),
  new RegExp(`^提交工单\\s*${OPEN}\\s*([^)）]+?)\\s*${CLOSE}\\s*授权\\s*$`),
];

/** Reads OriginInfo: an owner's authorization (with their UID), a ticket (with its number), or other. */
export function parseOriginInfo(raw: string | null | undefined): ParsedOrigin {
  const text = (raw ?? "").trim();
  for (const re of OWNER_PATTERNS) {
    const m = re.exec(text);
    if (m?.[1]) return { kind: "owner", ref: m[1] };
  }
  for (const re of TICKET_PATTERNS) {
    const m = re.exec(text);
    if (m?.[1]) return { kind: "ticket", ref: m[1] };
  }
  return { kind: "other", ref: text };
}

const GMT_CREATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
/** DMS prints times as China Standard Time (UTC+8, no daylight saving) without saying so. */
const CHINA_OFFSET_HOURS = 8;

/**
 * GmtCreate ("YYYY-MM-DD hh:mm:ss", no zone) as a UTC ISO string. Despite its name the value is
 * not GMT: DMS prints it in China time (UTC+8), so 8 hours are taken off. Anything unreadable
 * (or an impossible date such as 2024-02-30) gives null rather than a wrong time.
 */
export function parseGmtCreate(raw: string | null | undefined): string | null {
  const m = GMT_CREATE.exec((raw ?? "").trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(local);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(local - CHINA_OFFSET_HOURS * 3_600_000).toISOString();
}

/** One authorization as the browser sees it: ids as strings, origin and time already read. */
export interface ProxyAccessDto {
  /** ProxyAccessId. */
  id: string;
  proxyId: string;
  instanceId: string;
  userId: string;
  userUid: string;
  userName: string;
  /** The user name the proxy issues. */
  accessId: string;
  indepAccount: string;
  origin: OriginKind;
  /** Owner UID, ticket number, or the raw OriginInfo for "other". */
  originRef: string;
  originInfo: string;
  /** GmtCreate as a UTC ISO instant, or null when DMS sent something unreadable. */
  grantedAt: string | null;
  /** GmtCreate as DMS printed it (China time). */
  gmtCreate: string;
}

/** The fields of lib/providers' DmsProxyAccess this module reads. */
export interface RawAccess {
  proxyAccessId: string;
  proxyId?: string;
  instanceId?: string;
  userId?: string;
  userUid?: string;
  userName?: string;
  accessId?: string;
  indepAccount?: string;
  originInfo?: string;
  gmtCreate?: string;
}

export function toAccessDto(item: RawAccess): ProxyAccessDto {
  const origin = parseOriginInfo(item.originInfo);
  return {
    id: item.proxyAccessId,
    proxyId: item.proxyId ?? "",
    instanceId: item.instanceId ?? "",
    userId: item.userId ?? "",
    userUid: item.userUid ?? "",
    userName: item.userName ?? "",
    accessId: item.accessId ?? "",
    indepAccount: item.indepAccount ?? "",
    origin: origin.kind,
    originRef: origin.ref,
    originInfo: item.originInfo ?? "",
    grantedAt: parseGmtCreate(item.gmtCreate),
    gmtCreate: item.gmtCreate ?? "",
  };
}
