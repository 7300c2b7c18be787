/**
 * Thin adapters over the official vendor SDKs' signing functions (dev dependencies), used only by
 * the agreement tests and the signing benchmark to check our signers against the vendors' own
 * code. Never import this from application code.
 */
import * as alibabaUtil from "@alicloud/openapi-util";
import * as huaweiSigner from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner";
import * as tencentSign from "tencentcloud-sdk-nodejs-common/tencentcloud/common/sign";

/** CJS default exports arrive wrapped once (vitest) or twice (plain Node ESM); unwrap to `member`. */
function unwrap<T>(mod: unknown, member: string): T {
  let current = mod as Record<string, unknown> | undefined;
  for (let depth = 0; depth < 3 && current; depth += 1) {
    if (typeof current[member] === "function") return current as T;
    current = current.default as Record<string, unknown> | undefined;
  }
  throw new Error(`SDK export ${member} not found`);
}

interface AlibabaUtil {
  getRPCSignature(params: Record<string, string>, method: string, secret: string): string;
  getAuthorization(
    request: { pathname: string; method: string; query: Record<string, string>; headers: Record<string, string> },
    algorithm: string,
    payloadHash: string,
    accessKeyId: string,
    secret: string,
  ): string;
}
interface TencentSign {
  sign3(input: {
    method: string;
    url: string;
    payload: Buffer;
    timestamp: number;
    service: string;
    secretId: string;
    secretKey: string;
    multipart: boolean;
    boundary: string;
    headers: Record<string, string>;
  }): string;
}
interface HuaweiAkSkSigner {
  sign(
    request: { endpoint: string; method: string; headers: Record<string, string>; queryParams: Record<string, string | string[]>; data?: unknown },
    credential: { getAk(): string; getSk(): string },
  ): Record<string, string>;
}

const alibaba = () => unwrap<AlibabaUtil>(alibabaUtil, "getRPCSignature");
const tencent = () => unwrap<TencentSign>(tencentSign, "sign3");
const huawei = () => unwrap<{ AKSKSigner: HuaweiAkSkSigner }>(huaweiSigner, "AKSKSigner").AKSKSigner;

export function sdkAlibabaRpcSignature(method: string, params: Record<string, string>, secret: string): string {
  return alibaba().getRPCSignature(params, method, secret);
}

export function sdkAlibabaAcs3Authorization(input: {
  method: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  accessKeyId: string;
  accessKeySecret: string;
}): string {
  const payloadHash = input.headers["x-acs-content-sha256"] ?? "";
  return alibaba().getAuthorization(
    { pathname: "/", method: input.method, query: input.query, headers: input.headers },
    "ACS3-HMAC-SHA256",
    payloadHash,
    input.accessKeyId,
    input.accessKeySecret,
  );
}

/** The SDK signs the hostname without port, so agreement is only meaningful for port-less hosts. */
export function sdkTencentAuthorization(input: {
  host: string;
  contentType: string;
  body: string;
  timestampSeconds: number;
  service: string;
  secretId: string;
  secretKey: string;
}): string {
  return tencent().sign3({
    method: "POST",
    url: `https://${input.host}/`,
    payload: Buffer.from(input.body, "utf8"),
    timestamp: input.timestampSeconds,
    service: input.service,
    secretId: input.secretId,
    secretKey: input.secretKey,
    multipart: false,
    boundary: "",
    headers: { "Content-Type": input.contentType },
  });
}

/** The SDK hashes JSON.stringify(data), so bodies are passed as objects. */
export function sdkHuaweiAuthorization(input: {
  method: string;
  baseUrl: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  data?: unknown;
  ak: string;
  sk: string;
}): string {
  const signed = huawei().sign(
    {
      endpoint: `${input.baseUrl}${input.path}`,
      method: input.method,
      headers: { ...input.headers },
      queryParams: input.query,
      data: input.data,
    },
    { getAk: () => input.ak, getSk: () => input.sk },
  );
  const authorization = signed.Authorization;
  if (!authorization) throw new Error("Huawei SDK returned no Authorization header");
  return authorization;
}
