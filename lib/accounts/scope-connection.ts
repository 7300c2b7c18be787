import type { ProviderConnection, TencentConnection } from "@/lib/providers/types";

/*
 * A Tencent cloud account's credential reaches every region; the stored account names its home
 * region. MariaDB's account APIs are regional (X-TC-Region), so each read and change names one.
 */

/** Regions where TencentDB for MariaDB is sold (providers.md §3.1), home region first when listed. */
export const TENCENT_REGIONS = [
  "ap-guangzhou", "ap-shanghai", "ap-nanjing", "ap-beijing", "ap-chengdu", "ap-chongqing", "ap-hongkong",
  "ap-singapore", "ap-tokyo", "ap-seoul", "ap-bangkok", "ap-jakarta", "na-siliconvalley", "na-ashburn", "eu-frankfurt",
] as const;

export function isTencentRegion(value: unknown): value is string {
  return typeof value === "string" && (TENCENT_REGIONS as readonly string[]).includes(value);
}

/** The account's regions to offer: its home region, then the others. */
export function tencentRegionsOf(home: string): string[] {
  return [...new Set([home, ...TENCENT_REGIONS])].filter(isTencentRegion);
}

/** The account's connection re-pointed at one region. */
export function tencentRegionConnection(conn: ProviderConnection, region: string): TencentConnection {
  if (conn.vendor !== "tencent") throw new Error("Tencent MariaDB needs a Tencent cloud account");
  return { ...conn, region };
}

/** A stored operation's region, checked again: params are data, and data is not trusted blindly. */
export function regionOfParams(params: Record<string, unknown>): string | null {
  return isTencentRegion(params.region) ? params.region : null;
}
