import { describe, expect, it, vi } from "vitest";
import { ddsReset, mariadbCreate, mariadbReset, tencentTime } from "./db-accounts";
import { memoOf } from "./ledger";

/* The database-account kinds: passwords only as transient values; lost answers settled by the account lists. */

const params = { accountId: "a", region: "ap-guangzhou", instanceId: "tdsql-demo0001", instanceName: "orders", userName: "app", host: "10.%" };

describe("database-account ledger kinds", () => {
  it("reads Tencent's Beijing times", () => {
    expect(tencentTime("2026-12-07 15:04:05")).toBe(Date.parse("2026-12-07T07:04:05Z"));
    expect(tencentTime("yesterday")).toBeNull();
    expect(tencentTime(undefined)).toBeNull();
  });

  it("never puts the password in params: it comes only from the transient values, and a resumed row without it sends nothing", async () => {
    const createAccount = vi.fn(async () => ({ readOnly: 0, requestId: "r1", foundAfterRetry: false, passwordSent: "encrypted" }));
    const ctx = { client: { createAccount }, memo: memoOf() } as never;
    const p = { ...params, readOnly: 0 as const, delayThresh: null, slaveConst: null, maxUserConnections: 0, description: "" };
    await mariadbCreate.execute(p, ctx, { password: "Aa1~bcdefgh" });
    expect(createAccount).toHaveBeenCalledWith(expect.objectContaining({ password: "Aa1~bcdefgh", userName: "app", host: "10.%" }), expect.anything());
    await expect(mariadbCreate.execute(p, ctx, {})).rejects.toThrow(/password is not available/);
    expect(createAccount).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(mariadbCreate.auditParams(p, null))).not.toContain("Aa1~");
  });

  it("settles a lost create by the account list, matching the host without case", async () => {
    const describeAccounts = vi.fn(async () => ({ accounts: [{ userName: "app", host: "10.%" }] }));
    const found = await mariadbCreate.reconcile({ ...params, host: "10.%", readOnly: 0, delayThresh: null, slaveConst: null, maxUserConnections: 0, description: "" }, { client: { describeAccounts }, memo: memoOf() } as never);
    expect(found).toEqual({ happened: true, result: { created: true } });
  });

  it("judges a lost Tencent reset by the account's UpdateTime, and a DDS reset as unverifiable", async () => {
    const askedAt = "2026-12-07T07:04:05.500Z";
    const at = (updateTime: string) => ({ client: { describeAccounts: async () => ({ accounts: [{ userName: "app", host: "10.%", updateTime }] }) }, memo: memoOf() }) as never;
    expect(await mariadbReset.reconcile({ ...params, askedAt }, at("2026-12-07 15:04:06"))).toMatchObject({ happened: true });
    expect(await mariadbReset.reconcile({ ...params, askedAt }, at("2026-12-07 15:00:00"))).toEqual({ happened: false });
    const users = (list: unknown[]) => ({ client: { listDbUsers: async () => ({ users: list }) }, memo: memoOf() }) as never;
    const d = { accountId: "a", projectId: "p".repeat(32), region: "cn-north-4", instanceId: "x".repeat(32), instanceName: "", userName: "u", dbName: "admin" };
    expect(await ddsReset.reconcile(d, users([{ userName: "u", dbName: "admin" }]))).toEqual({ happened: "unverifiable" });
    expect(await ddsReset.reconcile(d, users([]))).toEqual({ happened: false });
  });
});
