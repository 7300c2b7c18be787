import { z } from "zod";
import { parseAllowedHosts } from "@/lib/providers/endpoint-policy";

/**
 * The only reader of process.env. Parsed once, on first use; the server calls getEnv() from
 * instrumentation at start so a bad configuration stops the process with a message that names
 * the variable, instead of surfacing later as a 500.
 */

const ROLE_NAMES = ["admin", "dba", "owner", "requester", "auditor"] as const;

const booleanish = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

const roleMap = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const map: Record<string, (typeof ROLE_NAMES)[number]> = {};
    if (!raw) return map;
    for (const pair of raw.split(",").map((s) => s.trim()).filter(Boolean)) {
      const [group, role] = pair.split("=").map((s) => s.trim());
      if (!group || !role || !(ROLE_NAMES as readonly string[]).includes(role)) {
        ctx.addIssue({
          code: "custom",
          message: `entry "${pair}" must look like group=role with role one of ${ROLE_NAMES.join(", ")}`,
        });
        return z.NEVER;
      }
      map[group] = role as (typeof ROLE_NAMES)[number];
    }
    return map;
  });

const hostList = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const parsed = parseAllowedHosts(raw ?? "");
    if ("hosts" in parsed) return parsed.hosts;
    ctx.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  });

const databaseUrl = z
  .string()
  .trim()
  .min(1)
  .refine(
    (v) => /^postgres(ql)?:\/\//.test(v) || v === "memory://" || !/^[a-z]+:\/\//i.test(v),
    "must be postgres://…, postgresql://…, memory:// or a folder path for the embedded database",
  );

const base64Key = z
  .string()
  .trim()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes encoded as base64 (openssl rand -base64 32)");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: databaseUrl.default("./.data/pglite"),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)"),
    AUTH_URL: z.url().optional(),
    CREDENTIALS_KEY: base64Key,
    SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(300).max(7 * 24 * 3600).default(8 * 3600),
    DEMO_MODE: booleanish,
    EMULATOR_URL: z.url().optional(),
    /** Cloud endpoint hosts besides the vendors' own domains (private endpoints of your network). */
    CLOUD_ENDPOINT_ALLOWED_HOSTS: hostList,
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().min(1).default("Single sign-on"),
    OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
    OIDC_ROLE_MAP: roleMap,
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    /** Proxies in front of the console that append to X-Forwarded-For (load balancer, ingress...). */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(1000).default(20),
    LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when single sign-on is configured" });
      }
    }
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      const missing = env.ADMIN_EMAIL ? "ADMIN_PASSWORD" : "ADMIN_EMAIL";
      ctx.addIssue({ code: "custom", path: [missing], message: "is required together with the other ADMIN_ variable" });
    }
  });

export type Env = z.output<typeof schema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every variable.`);
    this.name = "EnvError";
  }
}

/** Validates a raw environment; exported for tests. Throws EnvError naming each bad variable. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = issue.path.join(".") || "environment";
      const message = issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message;
      return `${name} ${message}`;
    }),
  );
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function isOidcEnabled(env: Env = getEnv()): boolean {
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}
