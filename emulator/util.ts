import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Salted one-way hash: the emulator never keeps database passwords in clear. */
export function hashSecret(secret: string): string {
  const salt = randomBytes(12).toString("base64");
  return `sha256$${salt}$${createHash("sha256").update(salt + "\0" + secret).digest("hex")}`;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** "YYYY-MM-DD hh:mm:ss" in China Standard Time, as DMS and Tencent print times. */
export function formatChinaTime(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** "YYYY-MM-DDThh:mm:ss+0000", the shape Huawei's RDS-family APIs return. */
export function formatHuaweiTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+0000");
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function randomAlnum(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += ALNUM[(bytes[i] ?? 0) % ALNUM.length];
  return out;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Deterministic variant for seeded data: same salt, same hash. */
export function hashSecretWithSalt(secret: string, salt: string): string {
  return `sha256$${salt}$${createHash("sha256").update(salt + "\0" + secret).digest("hex")}`;
}
