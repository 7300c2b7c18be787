import { readFileSync } from "node:fs";

export interface TenantFixture {
  tid: number;
  name: string;
}

/** Typed view of demo-fixtures.json: plain data shared with the console's demo mode. */
export interface DemoFixtures {
  ports: Record<string, number>;
  alibaba: {
    accessKeyId: string;
    accessKeySecret: string;
    regionId: string;
    tenants: TenantFixture[];
    ownerInstanceId: number;
    ownerProxyId: number;
    largeProxyId: number;
    accountUid: string;
    largeInstanceId: number;
    ownerUserId: number;
    proxyIds: number[];
    disabledUserId: number;
  };
  tencent: {
    secretId: string;
    secretKey: string;
    region: string;
    ownerInstanceId: string;
    appId: number;
    /** The instances in `region`, in seed order. */
    instanceIds: string[];
    /** Status -1. */
    isolatedInstanceId: string;
    /** Status 1 (in flow). */
    inFlowInstanceId: string;
    /** Status 6 (restarting). */
    restartingInstanceId: string;
    /** Running on kernel 10.1, where MaxUserConnections is not supported. */
    kernel101InstanceId: string;
    /** A running instance in another region (with accounts), for calls without X-TC-Region. */
    otherRegion: { region: string; instanceId: string };
  };
  huawei: {
    region: string;
    projectId: string;
    ak: string;
    sk: string;
    domainId: string;
    iam: { domainName: string; userName: string; password: string; userId: string };
    secondaryProject: { id: string; region: string };
    ownerTaurusInstanceId: string;
    ownerTaurusProxyId: string;
    ownerDdsInstanceId: string;
    abnormalDdsInstanceId: string;
    /** Community instances whose db-user calls are refused: by status or by an action in progress. */
    ddsStateInstances: { creating: string; resizing: string; changingPort: string; frozen: string; restarting: string };
    /** A DDS-Enhanced instance: listed, but the db-user APIs are Community Edition only. */
    enhancedDdsInstanceId: string;
  };
}

let cached: DemoFixtures | undefined;

export function loadFixtures(): DemoFixtures {
  if (!cached) {
    const raw = readFileSync(new URL("./demo-fixtures.json", import.meta.url), "utf8");
    cached = JSON.parse(raw) as DemoFixtures;
  }
  return cached;
}
