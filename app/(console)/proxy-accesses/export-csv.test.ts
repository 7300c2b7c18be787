import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { CATALOGS } from "@/i18n/catalogs";
import { indexRows } from "./access-filters";
import { accessesToCsv, CSV_COLUMNS, type CsvWords } from "./export-csv";

const rows = indexRows([
  {
    id: "9001",
    proxyId: "1202",
    instanceId: "5102",
    userId: "100001",
    userUid: "2000000000000001",
    userName: "=HYPERLINK(\"http://x\")",
    accessId: "ACC1",
    indepAccount: "",
    origin: "ticket",
    originRef: "12345678",
    originInfo: "工单授权(12345678)",
    grantedAt: "2026-01-02T03:04:05.000Z",
    gmtCreate: "2026-01-02 11:04:05",
  },
]);

function words(locale: keyof typeof CATALOGS): CsvWords {
  const m = CATALOGS[locale].ProxyAccesses;
  return { labels: (c) => m.csv[c], origins: { owner: m.originFilter.owner, ticket: m.originFilter.ticket, other: m.originFilter.other } };
}

describe("the authorization list's CSV", () => {
  it("has the column names in the viewer's language, then the raw field names, which do not change with it", () => {
    const zh = Papa.parse<string[]>(accessesToCsv(rows, words("zh-CN"))).data;
    const en = Papa.parse<string[]>(accessesToCsv(rows, words("en"))).data;
    expect(zh[0]![0]).toBe("授权 ID");
    expect(en[0]![0]).toBe("Proxy access ID");
    expect(zh[1]).toEqual([...CSV_COLUMNS]);
    expect(en[1]).toEqual([...CSV_COLUMNS]);
    expect(zh[2]![CSV_COLUMNS.indexOf("origin")]).toBe("工单授权");
    // DMS's own origin text is vendor data, the same in every language.
    expect(en[2]![CSV_COLUMNS.indexOf("origin_info")]).toBe("工单授权(12345678)");
  });

  it("keeps a cell that looks like a formula from running in a spreadsheet", () => {
    const csv = accessesToCsv(rows, words("en"));
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});
