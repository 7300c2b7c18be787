import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "@/lib/db/client";
import { bulkGrantJobs, cloudAccounts, cloudOperations } from "@/lib/db/schema";
import { countOpenWorkOfAccount, GRANT_KIND } from "./proxy-accesses-records";

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
