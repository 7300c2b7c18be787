/**
 * Default public endpoints (docs/providers.md). Every client also accepts a full base URL override,
 * which is how tests and the demo point at the local emulator.
 */

const REGION_PATTERN = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** Whether a name has the shape of a region id (cn-north-4, ap-southeast-1). */
export function isRegionId(value: string): boolean {
  return REGION_PATTERN.test(value);
}

/** Region ids end up in host names, so they are checked before use. */
export function assertRegion(region: string): string {
  if (!REGION_PATTERN.test(region)) throw new Error(`Invalid region id: ${JSON.stringify(region)}`);
  return region;
}

/** DMS: the central endpoint (what the SDK resolves to), or the regional public one on request. */
export function defaultDmsEndpoint(regionId?: string): string {
  return regionId ? `https://dms-enterprise.${assertRegion(regionId)}.aliyuncs.com` : "https://dms-enterprise.aliyuncs.com";
}

/** Tencent: the nearest-region host; the region still travels in X-TC-Region. */
export function defaultMariadbEndpoint(region?: string): string {
  return region ? `https://mariadb.${assertRegion(region)}.tencentcloudapi.com` : "https://mariadb.tencentcloudapi.com";
}

/** TaurusDB hosts differ in some regions; stored per region rather than derived. */
export const TAURUS_ENDPOINT_EXCEPTIONS: Readonly<Record<string, string>> = {
  "ap-southeast-1": "https://gaussdbformysql.ap-southeast-1.myhuaweicloud.com",
  "ap-southeast-2": "https://gaussdbformysql.ap-southeast-2.myhuaweicloud.com",
  "tr-west-1": "https://gaussdbformysql.tr-west-1.myhuaweicloud.com",
  "af-south-1": "https://gaussdb-mysql.af-south-1.myhuaweicloud.com",
};

export function defaultTaurusEndpoint(region: string): string {
  return TAURUS_ENDPOINT_EXCEPTIONS[region] ?? `https://gaussdb.${assertRegion(region)}.myhuaweicloud.com`;
}

export function defaultDdsEndpoint(region: string): string {
  return `https://dds.${assertRegion(region)}.myhuaweicloud.com`;
}

/** Regional IAM: a token from one region does not work in another. */
export function defaultIamEndpoint(region: string): string {
  return `https://iam.${assertRegion(region)}.myhuaweicloud.com`;
}

/** Global IAM, where account-wide calls (the project list) go; regional IAM answers them too. */
export const GLOBAL_IAM_ENDPOINT = "https://iam.myhuaweicloud.com";

/** Normalises an override: must be an absolute http(s) URL; trailing slashes are dropped. */
export function normaliseBaseUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new Error(`Endpoint must be http(s): ${parsed.protocol}`);
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}
