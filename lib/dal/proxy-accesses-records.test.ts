import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "@/lib/db/client";
import { bulkGrantJobs, cloudAccounts, cloudOperations } from "@/lib/db/schema";
import { localizedActionError } from "@/lib/actions/action-error";
import type { OperationRow } from "@/lib/operations/kinds";
import { countOpenWorkOfAccount, errorFromSettled, GRANT_KIND, unknownOutcomeText } from "./proxy-accesses-records";

let handle: DbHandle;
const [mine, other] = [randomUUID(), randomUUID()];

beforeAll(async () => {
  handle = createDb("memory://");
  await handle.migrate();
  for (const id of [mine, other]) {
    await handle.db.insert(cloudAccounts).values({ id, vendor: "alibaba", name: id, region: "cn-hangzhou", settings: {}, secretCiphertext: "x", secretHint: "x" });
  }
}, 60_000);
afterAll(() => handle.close());

describe("countOpenWorkOfAccount", () => {
  it("counts the account's pending and unknown operations and running bulk jobs, nothing settled and nothing of other accounts", async () => {
    expect(await countOpenWorkOfAccount(handle.db, mine)).toEqual({ operations: 0, jobs: 0 });
    const op = (cloudAccountId: string, status: "pending" | "unknown" | "succeeded" | "failed", kind = GRANT_KIND) => ({
      idempotencyKey: randomUUID(), kind, cloudAccountId, target: "dms-proxy:1/user:2", params: {}, status,
    });
    await handle.db.insert(cloudOperations).values([
      op(mine, "pending"), op(mine, "unknown"), op(mine, "unknown", "mariadb.account.create"), op(mine, "succeeded"), op(mine, "failed"), op(other, "pending"),
    ]);
    const job = (cloudAccountId: string, status: "running" | "completed") => ({
      idempotencyKey: randomUUID(), cloudAccountId, tenantId: "1", proxyId: "1", instanceId: "1", users: [], reason: "r", status,
    });
    await handle.db.insert(bulkGrantJobs).values([job(mine, "running"), job(mine, "completed"), job(other, "running")]);
    expect(await countOpenWorkOfAccount(handle.db, mine)).toEqual({ operations: 3, jobs: 1 });
  });
});

describe("the answer to a change whose outcome is not known", () => {
  const row = {
    status: "unknown",
    errorCode: "ServiceUnavailable",
    errorMessage: "DMS is temporarily unavailable.",
    errorVendor: "alibaba",
    errorHttpStatus: 503,
    errorWords: null,
    vendorRequestId: "req-9",
  } as unknown as OperationRow;

  it("reads in the reader's language, the vendor's part included, with the code and request id as sent", () => {
    const error = errorFromSettled(row);
    expect(error.message).toMatch(/^DMS did not confirm whether the change happened\..*\(.+ Last error: ServiceUnavailable\.\)$/);
    expect(error.options).toMatchObject({ code: "OUTCOME_UNKNOWN", requestId: "req-9" });
    const zh = localizedActionError(error, "zh-CN").message;
    expect(zh).toMatch(/^DMS 未确认此更改是否已生效。/);
    expect(zh).toContain("ServiceUnavailable");
    expect(zh).not.toMatch(/temporarily|Last error/);
    expect(unknownOutcomeText(row, "zh-CN")).toMatch(/^DMS 未确认此更改是否已生效。.*[\u4e00-\u9fff]/);
  });

  it("a failure without words of its own says the change failed, in either language", () => {
    const failed = { ...row, status: "failed", errorCode: null, errorMessage: null, errorVendor: null } as unknown as OperationRow;
    expect(errorFromSettled(failed).message).toBe("The change failed.");
    expect(localizedActionError(errorFromSettled(failed), "zh-CN").message).toBe("更改失败。");
  });
});
