import type { DemoFixtures } from "./fixtures";
import type { Prng } from "./prng";
import type { MariaAccount, MariaInstance } from "./state-types";
import { accountKey } from "./tencent/mariadb-accounts";
import { hashSecretWithSalt } from "./util";

const DAY = 86_400_000;

export function seedTencent(rng: Prng, f: DemoFixtures, now: number): { instances: MariaInstance[]; accounts: Array<[string, MariaAccount]> } {
  const t = f.tencent;
  const plan: Array<[string, string, number, number]> = [
    [t.ownerInstanceId, "orders-mariadb-prod", 2, 0],
    ["tdsql-demo0002", "crm-mariadb", 2, 0],
    ["tdsql-demo0003", "analytics-mariadb", 2, 1120045],
    [t.isolatedInstanceId, "legacy-mariadb", -1, 0],
  ];
  const instances: MariaInstance[] = plan.map(([instanceId, name, status, projectId]) => {
    const createTime = now - rng.int(60, 700) * DAY;
    return {
      instanceId, name, region: t.region, zone: `${t.region}-${rng.int(3, 7)}`, projectId, appId: t.appId, status,
      statusDesc: status === 2 ? "Running" : "Isolated", vip: `10.0.${rng.int(0, 9)}.${rng.int(2, 250)}`, vport: 3306,
      vpcId: `vpc-${rng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 8)}`, subnetId: `subnet-${rng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 8)}`,
      dbVersion: "10.1", dbVersionId: "10.1", memory: rng.pick([2, 4, 8, 16]), storage: rng.pick([100, 200, 500]),
      nodeCount: 2, createTime, periodEndTime: now + rng.int(30, 330) * DAY,
    };
  });
  const acc = (instanceId: string, userName: string, host: string, readOnly: number, description: string): [string, MariaAccount] => {
    const createTime = now - rng.int(1, 500) * DAY;
    return [accountKey(instanceId, userName, host), {
      instanceId, userName, host, description, readOnly, delayThresh: readOnly ? 10 : 0, slaveConst: 0, maxUserConnections: 0,
      passwordHash: hashSecretWithSalt(rng.hex(16), rng.hex(8)), createTime, updateTime: createTime + rng.int(0, 30) * DAY,
    }];
  };
  const accounts = [
    acc(t.ownerInstanceId, "app_orders", "%", 0, "orders service"),
    acc(t.ownerInstanceId, "orders_ro", "10.%", 1, "read replicas for reports"),
    acc(t.ownerInstanceId, "dba_zhang", "10.20.%", 0, "DBA on call"),
    acc(t.ownerInstanceId, "report", "172.17.%", 2, ""),
    acc(t.ownerInstanceId, "migrator", "%", 0, "schema migrations"),
    acc("tdsql-demo0002", "crm_app", "%", 0, "crm backend"),
    acc("tdsql-demo0002", "crm_ro", "10.%", 1, ""),
    acc("tdsql-demo0003", "bi_reader", "%", 3, "BI dashboards"),
    acc("tdsql-demo0003", "etl", "10.0.%", 0, "nightly ETL"),
    acc(t.isolatedInstanceId, "legacy", "%", 0, "legacy app"),
  ];
  return { instances, accounts };
}
