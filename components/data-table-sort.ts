import type { ReactNode } from "react";

/*
 * Types and pure helpers of <DataTable>, kept free of 'use client' so Server Components and route
 * code can import them (e.g. to sort rows before passing them down).
 */

export type SortDirection = "asc" | "desc";
export type SortState = { id: string; dir: SortDirection } | null;
export type SortValue = string | number | bigint | boolean | Date | null | undefined;

export type DataTableColumn<T> = {
  id: string;
  header: ReactNode;
  /** Accessible name when `header` is not plain text (an icon, a tooltip ...). */
  headerLabel?: string;
  /** Rendered inside a single-line, truncated cell of the fixed row height. */
  cell: (row: T) => ReactNode;
  /** Marks the column sortable; callers sort with it (see sortRows), the table never does. */
  sortValue?: (row: T) => SortValue;
  /** px as a number, or any CSS grid track ("12rem", "minmax(10rem, 2fr)"). Default minmax(8rem, 1fr). */
  width?: number | string;
  align?: "left" | "right" | "center";
  /** Extra classes for this column's cells (not the header). */
  className?: string;
  /** "end": the column stays at the right edge while the table scrolls sideways (row actions). */
  pin?: "end";
};

/** Header click cycle: unsorted → ascending → descending → unsorted. */
export function nextSort(current: SortState, id: string): SortState {
  if (!current || current.id !== id) return { id, dir: "asc" };
  if (current.dir === "asc") return { id, dir: "desc" };
  return null;
}

export function ariaSort(current: SortState, id: string): "ascending" | "descending" | undefined {
  if (!current || current.id !== id) return undefined;
  return current.dir === "asc" ? "ascending" : "descending";
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

type Key = string | number | bigint | null;

function toKey(v: SortValue): Key {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isNaN(t) ? null : t;
  }
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return Number.isNaN(v) ? null : v;
  return v;
}

function compareKeys(a: Key, b: Key): number {
  if (typeof a === "string" && typeof b === "string") return collator.compare(a, b);
  if (typeof a === "string") return 1; // mixed types: numbers before text, consistently
  if (typeof b === "string") return -1;
  return a! < b! ? -1 : a! > b! ? 1 : 0;
}

/**
 * Sorts by the column's sortValue without mutating `rows`. Stable, natural order for text ("db2" before
 * "db10"), and empty values last in both directions so blanks never crowd the top of a list.
 * Each sortValue runs once per row, so it stays fast for tens of thousands of rows.
 */
export function sortRows<T>(rows: readonly T[], columns: readonly DataTableColumn<T>[], sort: SortState): T[] {
  const column = sort ? columns.find((c) => c.id === sort.id) : undefined;
  if (!sort || !column?.sortValue) return rows.slice();
  const get = column.sortValue;
  const dir = sort.dir === "asc" ? 1 : -1;
  const keyed = rows.map((row, index) => ({ row, index, key: toKey(get(row)) }));
  keyed.sort((x, y) => {
    if (x.key === null || y.key === null) {
      if (x.key === y.key) return x.index - y.index;
      return x.key === null ? 1 : -1;
    }
    return compareKeys(x.key, y.key) * dir || x.index - y.index;
  });
  return keyed.map((k) => k.row);
}

/** The CSS grid template shared by the header and every row. */
export function gridTemplate<T>(columns: readonly DataTableColumn<T>[], selectable: boolean): string {
  const tracks = columns.map((c) =>
    typeof c.width === "number" ? `${c.width}px` : (c.width ?? "minmax(8rem, 1fr)"),
  );
  return (selectable ? ["2.75rem", ...tracks] : tracks).join(" ");
}

/** Rough minimum width so narrow screens scroll horizontally instead of squeezing columns to nothing. */
export function minTableWidth<T>(columns: readonly DataTableColumn<T>[], selectable: boolean): number {
  let px = selectable ? 44 : 0;
  for (const c of columns) px += typeof c.width === "number" ? c.width : 128;
  return px;
}
