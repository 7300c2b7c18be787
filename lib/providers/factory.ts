import { createDmsApi, type DmsApi } from "@/lib/providers/alibaba/dms";
import { createDdsApi, type DdsApi } from "@/lib/providers/huawei/dds";
import { createHuaweiProjectsApi, type HuaweiProjectsApi } from "@/lib/providers/huawei/projects";
import { createTaurusApi, type TaurusApi } from "@/lib/providers/huawei/taurus";
import { createMariadbApi, type MariadbApi } from "@/lib/providers/tencent/mariadb";
import type {
  AlibabaConnection,
  ClientOptions,
  HuaweiConnection,
  ProviderConnection,
  TencentConnection,
  Vendor,
} from "@/lib/providers/types";

/**
 * The entry point pages and the data layer use: one client per service, built from a stored
 * connection of any vendor. Vendor quirks (signing, envelopes, paging, retries) stay behind these.
 */

function expectVendor<V extends Vendor>(
  conn: ProviderConnection,
  vendor: V,
  service: string,
): Extract<ProviderConnection, { vendor: V }> {
  if (conn.vendor !== vendor) throw new Error(`${service} needs a ${vendor} connection, got ${conn.vendor}`);
  return conn as Extract<ProviderConnection, { vendor: V }>;
}

/** Alibaba Cloud DMS Enterprise. Throws if the connection is not an Alibaba one. */
export function createDmsClient(conn: ProviderConnection, options?: ClientOptions): DmsApi {
  return createDmsApi(expectVendor(conn, "alibaba", "DMS") as AlibabaConnection, options);
}

/** Tencent Cloud TencentDB for MariaDB. */
export function createMariadbClient(conn: ProviderConnection, options?: ClientOptions): MariadbApi {
  return createMariadbApi(expectVendor(conn, "tencent", "MariaDB") as TencentConnection, options);
}

/** Huawei Cloud TaurusDB proxies and access control. */
export function createTaurusClient(conn: ProviderConnection, options?: ClientOptions): TaurusApi {
  return createTaurusApi(expectVendor(conn, "huawei", "TaurusDB") as HuaweiConnection, options);
}

/** Huawei Cloud IAM: the projects (regions) an account's credentials reach. */
export function createHuaweiProjectsClient(conn: ProviderConnection, options?: ClientOptions): HuaweiProjectsApi {
  return createHuaweiProjectsApi(expectVendor(conn, "huawei", "Huawei IAM") as HuaweiConnection, options);
}

/** Huawei Cloud DDS database users and roles. */
export function createDdsClient(conn: ProviderConnection, options?: ClientOptions): DdsApi {
  return createDdsApi(expectVendor(conn, "huawei", "DDS") as HuaweiConnection, options);
}

export interface ConnectionTestResult {
  ok: true;
  vendor: Vendor;
  /** Plain-language description of what the credentials can see (English). */
  summary: string;
  /** The same as catalog words (CloudAccounts.testSummary), for the reader's language. */
  words: { key: ConnectionSummaryKey; values: Record<string, string | number> };
  requestId?: string;
}

export type ConnectionSummaryKey = "alibaba" | "alibabaNamed" | "tencent" | "huawei" | "huaweiIam";

/**
 * Makes one cheap read per vendor to prove the endpoint and credentials work: DMS
 * GetUserActiveTenant, Tencent DescribeDBInstances (Limit 1), Huawei TaurusDB list instances
 * (limit 1), preceded by the IAM token request for IAM credentials. Throws ProviderError.
 */
export async function testConnection(conn: ProviderConnection, options?: ClientOptions): Promise<ConnectionTestResult> {
  switch (conn.vendor) {
    case "alibaba": {
      const { tenant, requestId } = await createDmsClient(conn, options).getUserActiveTenant();
      const name = tenant.tenantName ? `${tenant.tenantName} (tenant ${tenant.tid})` : `tenant ${tenant.tid}`;
      const words: ConnectionTestResult["words"] = tenant.tenantName
        ? { key: "alibabaNamed", values: { name: tenant.tenantName, tid: String(tenant.tid) } }
        : { key: "alibaba", values: { tid: String(tenant.tid) } };
      return { ok: true, vendor: "alibaba", summary: `Connected to DMS; active tenant is ${name}.`, words, requestId };
    }
    case "tencent": {
      const { totalCount, requestId } = await createMariadbClient(conn, options).describeDBInstances({ limit: 1 });
      const words = { key: "tencent" as const, values: { region: conn.region, count: totalCount } };
      return { ok: true, vendor: "tencent", summary: `Connected to MariaDB in ${conn.region}; ${totalCount} instance(s) visible.`, words, requestId };
    }
    case "huawei": {
      const taurus = createTaurusClient(conn, options);
      await taurus.authenticate();
      const { totalCount, requestId } = await taurus.listInstances({ limit: 1 });
      const auth = conn.credentials.kind === "iam" ? "IAM token obtained; " : "";
      const words = { key: conn.credentials.kind === "iam" ? ("huaweiIam" as const) : ("huawei" as const), values: { region: conn.region, count: totalCount } };
      return { ok: true, vendor: "huawei", summary: `Connected to TaurusDB in ${conn.region}; ${auth}${totalCount} instance(s) visible.`, words, requestId };
    }
  }
}
