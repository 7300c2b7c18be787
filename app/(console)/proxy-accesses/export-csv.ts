import Papa from "papaparse";
import { ORIGIN_LABELS, type AccessRow } from "./access-filters";

/*
 * Loaded only when someone clicks "Export CSV", so papaparse stays out of the page's first load.
 * The file holds exactly the rows of the filtered, sorted view.
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

export function accessesToCsv(rows: readonly AccessRow[]): string {
  const data = rows.map((r) => [
    r.id,
    r.userName,
    r.userUid,
    r.userId,
    r.accessId,
    r.indepAccount,
    r.instanceId,
    r.proxyId,
    ORIGIN_LABELS[r.origin],
    r.originRef,
    r.originInfo,
    r.grantedAt ?? "",
    r.gmtCreate,
  ]);
  // escapeFormulae: a name such as "=HYPERLINK(...)" must not become a formula in a spreadsheet.
  return Papa.unparse({ fields: [...CSV_COLUMNS], data }, { escapeFormulae: true, newline: "\r\n" });
}

export function downloadAccessesCsv(rows: readonly AccessRow[], baseName: string) {
  // A BOM so spreadsheet apps read the Chinese origin texts as UTF-8.
  const blob = new Blob(["\uFEFF", accessesToCsv(rows)], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `${baseName}-${new Date().toISOString().replace(/[:.]/g, "-")}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
