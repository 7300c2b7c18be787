import type { DemoFixtures } from "./fixtures";
import type { Prng } from "./prng";
import type { MariaAccount, MariaInstance } from "./state-types";
import { accountKey } from "./tencent/mariadb-accounts";
import { STATUS_DESC } from "./tencent/mariadb-instances";
import { hashSecretWithSalt } from "./util";

const DAY = 86_400_000;

interface InstancePlan {
  instanceId: string;
  name: string;
  status: number;
  projectId: number;
  /** Kernel line, e.g. "10.0" or "10.1" (DbVersion and DbVersionId). */
  kernel: string;
  region?: string;
}

function instance(rng: Prng, f: DemoFixtures, p: InstancePlan, now: number): MariaInstance {
  const t = f.tencent;
  const region = p.region ?? t.region;
  const createTime = now - rng.int(60, 700) * DAY;
  return {
    instanceId: p.instanceId, name: p.name, region, zone: `${region}-${rng.int(3, 7)}`, projectId: p.projectId, appId: t.appId,
    status: p.status, statusDesc: STATUS_DESC[p.status] ?? "", vip: `10.0.${rng.int(0, 9)}.${rng.int(2, 250)}`, vport: 3306,
    vpcId: `vpc-${rng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 8)}`, subnetId: `subnet-${rng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 8)}`,
    dbVersion: p.kernel, dbVersionId: p.kernel, memory: rng.pick([2, 4, 8, 16]), storage: rng.pick([100, 200, 500]),
    nodeCount: 2, createTime, periodEndTime: now + rng.int(30, 330) * DAY,
  };
}

function account(rng: Prng, now: number, instanceId: string, userName: string, host: string, readOnly: number, description: string): [string, MariaAccount] {
  const createTime = now - rng.int(1, 500) * DAY;
  return [accountKey(instanceId, userName, host), {
    instanceId, userName, host, description, readOnly, delayThresh: readOnly ? 10 : 0, slaveConst: 0, maxUserConnections: 0,
    passwordHash: hashSecretWithSalt(rng.hex(16), rng.hex(8)), createTime, updateTime: createTime + rng.int(0, 30) * DAY,
  }];
}

/**
 * The demo MariaDB instances and accounts. `states` draws the instances added for the accounts page
 * (not running, kernel 10.1, another region), so the rows drawn from `rng` stay as they were.
 */
export function seedTencent(rng: Prng, states: Prng, f: DemoFixtures, now: number): { instances: MariaInstance[]; accounts: Array<[string, MariaAccount]> } {
  const t = f.tencent;
  const plan: InstancePlan[] = [
    { instanceId: t.ownerInstanceId, name: "orders-mariadb-prod", status: 2, projectId: 0, kernel: "10.0" },
    { instanceId: "tdsql-demo0002", name: "crm-mariadb", status: 2, projectId: 0, kernel: "10.0" },
    { instanceId: "tdsql-demo0003", name: "analytics-mariadb", status: 2, projectId: 1120045, kernel: "10.0" },
    { instanceId: t.isolatedInstanceId, name: "legacy-mariadb", status: -1, projectId: 0, kernel: "10.1" },
  ];
  const later: InstancePlan[] = [
    { instanceId: t.inFlowInstanceId, name: "payments-mariadb", status: 1, projectId: 0, kernel: "10.0" },
    { instanceId: t.restartingInstanceId, name: "search-mariadb", status: 6, projectId: 0, kernel: "10.0" },
    { instanceId: t.kernel101InstanceId, name: "ledger-mariadb-k101", status: 2, projectId: 0, kernel: "10.1" },
    { instanceId: t.otherRegion.instanceId, name: "orders-mariadb-shanghai", status: 2, projectId: 0, kernel: "10.0", region: t.otherRegion.region },
  ];
  const instances = [...plan.map((p) => instance(rng, f, p, now))];
  const acc = (instanceId: string, userName: string, host: string, readOnly: number, description: string) =>
    account(rng, now, instanceId, userName, host, readOnly, description);
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
  instances.push(...later.map((p) => instance(states, f, p, now)));
  const more = (instanceId: string, userName: string, host: string, readOnly: number, description: string) =>
    account(states, now, instanceId, userName, host, readOnly, description);
  accounts.push(
    more(t.inFlowInstanceId, "payments_app", "%", 0, "payments service"),
    more(t.restartingInstanceId, "search_indexer", "10.%", 0, "index builder"),
    more(t.kernel101InstanceId, "ledger_app", "%", 0, "ledger service"),
    more(t.kernel101InstanceId, "ledger_ro", "10.%", 1, "audit reads"),
    more(t.otherRegion.instanceId, "sh_orders", "%", 0, "orders service (Shanghai)"),
  );
  return { instances, accounts };
}
