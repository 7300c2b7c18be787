import Papa from "papaparse";

/*
 * CSV exports of the console's lists. Import this module lazily (on the click), so papaparse stays
 * out of a page's first load. A file holds exactly the rows of the filtered, sorted view, under
 * two header rows: the column names in the viewer's language for people, then the raw field
 * names, which never change with the language, for scripts (skip the first line, or read the
 * second as the header).
 */

export function toCsv<F extends string>(fields: readonly F[], label: (field: F) => string, rows: readonly (readonly unknown[])[]): string {
  // escapeFormulae: a name such as "=HYPERLINK(...)" must not become a formula in a spreadsheet.
  return Papa.unparse([fields.map(label), [...fields], ...rows.map((r) => [...r])], { escapeFormulae: true, newline: "\r\n" });
}

export function downloadCsv(csv: string, baseName: string) {
  // A BOM so spreadsheet apps read Chinese headers and texts as UTF-8.
  const blob = new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `${baseName}-${new Date().toISOString().replace(/[:.]/g, "-")}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
