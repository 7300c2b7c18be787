import { downloadCsv, toCsv } from "@/components/csv";
import type { AccessRow, OriginLabels } from "./access-filters";

/* Loaded only when someone clicks "Export CSV" (see components/csv.ts for the file's shape). */

export const CSV_COLUMNS = [
  "proxy_access_id",
  "user_name",
  "user_uid",
  "user_id",
  "access_id",
  "independent_account",
  "instance_id",
  "proxy_id",
  "origin",
  "origin_ref",
  "origin_info",
  "granted_at_utc",
  "gmt_create_china_time",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export interface CsvWords {
  /** A column's name in the viewer's language. */
  labels: (column: CsvColumn) => string;
  /** What each origin is called on screen; origin_ref and origin_info keep DMS's own values. */
  origins: OriginLabels;
}

export function accessesToCsv(rows: readonly AccessRow[], words: CsvWords): string {
  const data = rows.map((r) => [
    r.id,
    r.userName,
    r.userUid,
    r.userId,
    r.accessId,
    r.indepAccount,
    r.instanceId,
    r.proxyId,
    words.origins[r.origin],
    r.originRef,
    r.originInfo,
    r.grantedAt ?? "",
    r.gmtCreate,
  ]);
  return toCsv(CSV_COLUMNS, words.labels, data);
}

export function downloadAccessesCsv(rows: readonly AccessRow[], baseName: string, words: CsvWords) {
  downloadCsv(accessesToCsv(rows, words), baseName);
}
