/**
 * Connection and credential types for the cloud clients. A connection is everything needed to talk
 * to one vendor account in one region; endpoints default to the vendor's public hosts and can be
 * overridden with a full base URL (e.g. "http://127.0.0.1:4601" for the local emulator).
 */

import type { EndpointPolicy } from "@/lib/providers/endpoint-policy";
import type { CallPriority, VendorPacer } from "@/lib/providers/pacer";

export type Vendor = "alibaba" | "tencent" | "huawei";

/** Set on connections built from stored accounts: every request they make is checked against it. */
interface GuardedConnection {
  endpointPolicy?: EndpointPolicy;
}

/** Per-call knobs every client accepts; all optional. */
export interface ClientOptions {
  /** Per-request timeout in ms (default 15 000). */
  timeoutMs?: number;
  /** Retry budget and backoff for transient failures. */
  retry?: Partial<RetryPolicy>;
  /** Overrides of the client-side rate limits, requests per second, keyed by action name. */
  rateLimits?: Record<string, number>;
  /** Who hands out request slots; default paces within this process only. */
  pacer?: VendorPacer;
  /** Background work yields to interactive calls when the pacer supports it (default interactive). */
  priority?: CallPriority;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Receives one redacted event per HTTP attempt; never sees secrets. */
  logger?: ProviderLogger;
  /** Injected clock for signing (tests). */
  now?: () => Date;
  /**
   * The language of the person the calls are for, so vendors that can answer in it do (Huawei
   * X-Language, Tencent X-TC-Language; DMS has no such parameter). Omitted: the vendor's default, English.
   */
  locale?: ProviderLocale;
}

/** The console's languages as the clients know them (lib/i18n/locale.ts has the same list). */
export type ProviderLocale = "en" | "zh-CN";

export interface RetryPolicy {
  /** Total attempts including the first one. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected for tests: returns a number in [0, 1). */
  random: () => number;
}

export interface ProviderLogEvent {
  vendor: Vendor;
  service: string;
  action: string;
  method: string;
  /** Path only; queries may carry secrets and are never logged. */
  path: string;
  status?: number;
  durationMs: number;
  requestId?: string;
  errorCode?: string;
  attempt: number;
}
export type ProviderLogger = (event: ProviderLogEvent) => void;

export interface AlibabaCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token for temporary credentials. */
  securityToken?: string;
}

export interface AlibabaConnection extends GuardedConnection {
  vendor: "alibaba";
  regionId: string;
  /** Full base URL; default is the central DMS endpoint https://dms-enterprise.aliyuncs.com. */
  endpoint?: string;
  credentials: AlibabaCredentials;
  /** ACS3-HMAC-SHA256 (default) or the legacy RPC v1 HMAC-SHA1 signature. */
  signature?: "acs3" | "v1";
}

export interface TencentCredentials {
  secretId: string;
  secretKey: string;
  /** Session token for temporary credentials (X-TC-Token). */
  token?: string;
}

export interface TencentConnection extends GuardedConnection {
  vendor: "tencent";
  region: string;
  /** Full base URL; default https://mariadb.tencentcloudapi.com. */
  endpoint?: string;
  credentials: TencentCredentials;
  /** X-TC-Language for every call of this connection; ClientOptions.locale wins when given. */
  language?: "en-US" | "zh-CN";
}

export interface HuaweiAkSkCredentials {
  kind: "aksk";
  ak: string;
  sk: string;
  /** Temporary AK/SK security token (X-Security-Token). */
  securityToken?: string;
}

export interface HuaweiIamCredentials {
  kind: "iam";
  /** Account (domain) name that owns the IAM user. */
  domainName: string;
  userName: string;
  password: string;
}

export type HuaweiCredentials = HuaweiAkSkCredentials | HuaweiIamCredentials;

export interface HuaweiConnection extends GuardedConnection {
  vendor: "huawei";
  region: string;
  /** 32 letters/digits; project-scoped APIs need it in the path. */
  projectId: string;
  /** Full base URLs; defaults come from the region (TaurusDB has per-region exceptions). */
  endpoints?: { taurus?: string; dds?: string; iam?: string };
  credentials: HuaweiCredentials;
}

export type ProviderConnection = AlibabaConnection | TencentConnection | HuaweiConnection;

/** Stable, non-secret identity of a credential, used to share rate limits and token caches. */
export function credentialId(conn: ProviderConnection): string {
  switch (conn.vendor) {
    case "alibaba":
      return conn.credentials.accessKeyId;
    case "tencent":
      return conn.credentials.secretId;
    case "huawei":
      return conn.credentials.kind === "aksk"
        ? conn.credentials.ak
        : `${conn.credentials.domainName}/${conn.credentials.userName}`;
  }
}

/** Secrets of a connection, so that redaction can scrub them from anything that might be logged. */
export function connectionSecrets(conn: ProviderConnection): string[] {
  switch (conn.vendor) {
    case "alibaba":
      return [conn.credentials.accessKeySecret, conn.credentials.securityToken ?? ""];
    case "tencent":
      return [conn.credentials.secretKey, conn.credentials.token ?? ""];
    case "huawei":
      return conn.credentials.kind === "aksk"
        ? [conn.credentials.sk, conn.credentials.securityToken ?? ""]
        : [conn.credentials.password];
  }
}
