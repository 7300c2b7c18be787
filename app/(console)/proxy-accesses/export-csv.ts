import Papa from "papaparse";
import type { AccessRow, OriginLabels } from "./access-filters";

/*
 * Loaded only when someone clicks "Export CSV", so papaparse stays out of the page's first load.
 * The file holds exactly the rows of the filtered, sorted view, under two header rows: the column
 * names in the viewer's language for people, then the raw field names below, which never change
 * with the language, for scripts (skip the first line, or read the second as the header).
 */

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
  const header = CSV_COLUMNS.map(words.labels);
  // escapeFormulae: a name such as "=HYPERLINK(...)" must not become a formula in a spreadsheet.
  return Papa.unparse([header, [...CSV_COLUMNS], ...data], { escapeFormulae: true, newline: "\r\n" });
}

export function downloadAccessesCsv(rows: readonly AccessRow[], baseName: string, words: CsvWords) {
  // A BOM so spreadsheet apps read the Chinese headers and origin texts as UTF-8.
  const blob = new Blob(["\uFEFF", accessesToCsv(rows, words)], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `${baseName}-${new Date().toISOString().replace(/[:.]/g, "-")}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
