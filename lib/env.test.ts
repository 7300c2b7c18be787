import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const valid = {
  AUTH_SECRET: "x".repeat(40),
  CREDENTIALS_KEY: Buffer.alloc(32, 7).toString("base64"),
};

function problems(raw: Record<string, string | undefined>): string[] {
  try {
    parseEnv(raw);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
}

describe("environment validation", () => {
  it("accepts the minimum and fills defaults", () => {
    const env = parseEnv(valid);
    expect(env.DATABASE_URL).toBe("./.data/pglite");
    expect(env.SESSION_MAX_AGE_SECONDS).toBe(8 * 3600);
    expect(env.LOGIN_MAX_FAILURES).toBe(5);
    expect(env.DEMO_MODE).toBe(false);
    expect(env.OIDC_ROLE_MAP).toEqual({});
  });

  it("names each missing required variable", () => {
    expect(problems({})).toEqual(expect.arrayContaining([expect.stringMatching(/^AUTH_SECRET /), expect.stringMatching(/^CREDENTIALS_KEY /)]));
  });

  it("names a bad value and says what is expected", () => {
    expect(problems({ ...valid, AUTH_SECRET: "short" })).toEqual(["AUTH_SECRET must be at least 32 characters (openssl rand -base64 32)"]);
    expect(problems({ ...valid, CREDENTIALS_KEY: "abc" })[0]).toMatch(/^CREDENTIALS_KEY must be 32 bytes/);
    expect(problems({ ...valid, DATABASE_URL: "mysql://x" })[0]).toMatch(/^DATABASE_URL must be postgres/);
    expect(problems({ ...valid, SESSION_MAX_AGE_SECONDS: "10" })[0]).toMatch(/^SESSION_MAX_AGE_SECONDS/);
  });

  it("accepts PostgreSQL URLs and folders for the database", () => {
    expect(parseEnv({ ...valid, DATABASE_URL: "postgres://u:p@h:5432/db" }).DATABASE_URL).toBe("postgres://u:p@h:5432/db");
    expect(parseEnv({ ...valid, DATABASE_URL: "/var/lib/console" }).DATABASE_URL).toBe("/var/lib/console");
  });

  it("requires single sign-on settings together", () => {
    expect(problems({ ...valid, OIDC_ISSUER: "https://idp.example.com" })).toEqual([
      "OIDC_CLIENT_ID is required when single sign-on is configured",
      "OIDC_CLIENT_SECRET is required when single sign-on is configured",
    ]);
  });

  it("parses the group-to-role map and refuses unknown roles", () => {
    expect(parseEnv({ ...valid, OIDC_ROLE_MAP: "dbas=dba, auditors=auditor" }).OIDC_ROLE_MAP).toEqual({ dbas: "dba", auditors: "auditor" });
    expect(problems({ ...valid, OIDC_ROLE_MAP: "dbas=superuser" })[0]).toMatch(/^OIDC_ROLE_MAP entry "dbas=superuser" must look like group=role/);
  });

  it("requires the first-admin variables together", () => {
    expect(problems({ ...valid, ADMIN_EMAIL: "root@example.com" })).toEqual(["ADMIN_PASSWORD is required together with the other ADMIN_ variable"]);
    expect(problems({ ...valid, ADMIN_EMAIL: "root@example.com", ADMIN_PASSWORD: "short" })[0]).toMatch(/^ADMIN_PASSWORD must be at least 12/);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ ...valid, OIDC_ISSUER: "", ADMIN_EMAIL: "" }).OIDC_ISSUER).toBeUndefined();
  });

  it("reads the extra cloud endpoint hosts and names a bad entry", () => {
    expect(parseEnv(valid).CLOUD_ENDPOINT_ALLOWED_HOSTS).toEqual([]);
    expect(parseEnv({ ...valid, CLOUD_ENDPOINT_ALLOWED_HOSTS: "DMS.corp.example, *.vpc.corp.example,10.0.0.5" }).CLOUD_ENDPOINT_ALLOWED_HOSTS).toEqual([
      "dms.corp.example",
      "*.vpc.corp.example",
      "10.0.0.5",
    ]);
    expect(problems({ ...valid, CLOUD_ENDPOINT_ALLOWED_HOSTS: "https://dms.corp.example" })[0]).toMatch(/^CLOUD_ENDPOINT_ALLOWED_HOSTS entry "https:\/\/dms.corp.example" must be a host name/);
    expect(problems({ ...valid, CLOUD_ENDPOINT_ALLOWED_HOSTS: "169.254.169.254" })[0]).toMatch(/never allowed/);
  });
});
