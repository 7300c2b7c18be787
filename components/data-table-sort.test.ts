import { describe, expect, it } from "vitest";
import { ariaSort, gridTemplate, nextSort, sortRows, type DataTableColumn } from "./data-table-sort";

type Row = { id: string; name: string | null; count: number; at?: Date };

const columns: DataTableColumn<Row>[] = [
  { id: "name", header: "Name", cell: (r) => r.name, sortValue: (r) => r.name },
  { id: "count", header: "Count", cell: (r) => r.count, sortValue: (r) => r.count, width: 96 },
  { id: "at", header: "At", cell: () => null, sortValue: (r) => r.at },
  { id: "plain", header: "Plain", cell: () => null },
];

const rows: Row[] = [
  { id: "a", name: "db10", count: 3, at: new Date("2025-01-02") },
  { id: "b", name: "db2", count: 1 },
  { id: "c", name: null, count: 2, at: new Date("2024-06-01") },
  { id: "d", name: "Db2", count: 1, at: new Date("2026-01-01") },
];

describe("nextSort", () => {
  it("cycles ascending, descending, unsorted on the same column", () => {
    expect(nextSort(null, "name")).toEqual({ id: "name", dir: "asc" });
    expect(nextSort({ id: "name", dir: "asc" }, "name")).toEqual({ id: "name", dir: "desc" });
    expect(nextSort({ id: "name", dir: "desc" }, "name")).toBeNull();
  });

  it("starts ascending when another column is clicked", () => {
    expect(nextSort({ id: "count", dir: "desc" }, "name")).toEqual({ id: "name", dir: "asc" });
  });
});

describe("ariaSort", () => {
  it("marks only the sorted column", () => {
    expect(ariaSort({ id: "name", dir: "desc" }, "name")).toBe("descending");
    expect(ariaSort({ id: "name", dir: "asc" }, "count")).toBeUndefined();
  });
});

describe("sortRows", () => {
  it("sorts text naturally and keeps equal values in input order", () => {
    expect(sortRows(rows, columns, { id: "name", dir: "asc" }).map((r) => r.id)).toEqual(["b", "d", "a", "c"]);
  });

  it("puts empty values last in both directions", () => {
    expect(sortRows(rows, columns, { id: "name", dir: "desc" }).map((r) => r.id)).toEqual(["a", "b", "d", "c"]);
    expect(sortRows(rows, columns, { id: "at", dir: "desc" }).map((r) => r.id)).toEqual(["d", "a", "c", "b"]);
  });

  it("sorts numbers numerically and stays stable", () => {
    expect(sortRows(rows, columns, { id: "count", dir: "asc" }).map((r) => r.id)).toEqual(["b", "d", "c", "a"]);
  });

  it("returns a copy in input order when unsorted or the column is not sortable", () => {
    const out = sortRows(rows, columns, { id: "plain", dir: "asc" });
    expect(out).toEqual(rows);
    expect(out).not.toBe(rows);
    expect(sortRows(rows, columns, null)).toEqual(rows);
  });

  it("orders 50,000 rows with natural numbering", () => {
    const many: Row[] = Array.from({ length: 50_000 }, (_, i) => ({ id: String(i), name: `user-${(i * 7919) % 50_000}`, count: i }));
    const out = sortRows(many, columns, { id: "name", dir: "asc" });
    expect(out.slice(0, 3).map((r) => r.name)).toEqual(["user-0", "user-1", "user-2"]);
    expect(out.at(-1)?.name).toBe("user-49999");
  });
});

describe("gridTemplate", () => {
  it("uses px for numbers, a flexible default, and a checkbox track when selectable", () => {
    expect(gridTemplate(columns.slice(0, 2), true)).toBe("2.75rem minmax(8rem, 1fr) 96px");
  });
});
